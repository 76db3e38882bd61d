/**
 * Refusal / AI-disclaimer phrases per language, as data (regular-expression sources,
 * folded like the reply before compiling; see markers.ts for the folding rules).
 *
 * A phrase from this table alone does not make a refusal. The rule (see README.md):
 *  - disclaimer + a clear answer in an answer position (JSON, answer marker, leading or
 *    stand-alone answer, bold answer) → the answer (the model complied with the role-play);
 *  - disclaimer + anything else (no answer, or only option words mentioned in passing) → refusal.
 *
 * Patterns of all languages are applied to every reply.
 */
export const REFUSAL_PATTERNS: Record<string, string[]> = {
  en: [
    String.raw`\bas an? (?:ai|a\.i\.|artificial intelligence|language model|large language model|llm|ai language model|ai model|ai assistant|assistant|chatbot|virtual assistant)\b`,
    String.raw`\bi(?:'m| am) (?:just |only )?an? (?:ai|artificial intelligence|language model|ai language model|ai assistant|large language model)\b`,
    String.raw`\bi (?:do not|don't|dont) (?:have|possess|hold) (?:any )?(?:personal |my own |real |individual )?(?:opinions?|feelings?|preferences?|experiences?|beliefs?|views?|values|emotions|a nationality|a country|a cultural background|lived experience)`,
    String.raw`\bi(?:'m| am) (?:unable|not able|not in a position) to (?:answer|provide|respond|share|give|express|take part|participate|role-?play|pretend|complete|help|assist|(?:choose|select|pick)(?! between))`,
    String.raw`\bi (?:cannot|can't|can not|could not|couldn't) (?:answer|provide|respond|share|give|express|take part|participate|role-?play|pretend|complete|personally|help with|assist with|(?:choose|select|pick)(?! between))`,
    String.raw`\bi (?:must|have to|need to|will have to) (?:decline|refrain|respectfully decline)`,
    String.raw`\bi(?:'d| would) (?:rather|prefer) not (?:to )?(?:answer|say|share|respond|choose)`,
    String.raw`\bi (?:won't|will not) (?:answer|provide|choose|pick|respond)`,
    String.raw`\bnot (?:appropriate|possible) for me to (?:answer|choose|say|express)`,
  ],
  de: [
    String.raw`\bals (?:eine? )?(?:ki|k\.i\.|künstliche intelligenz|sprachmodell|ki-sprachmodell|ki-modell|ki-assistent|ai)\b`,
    String.raw`\bich bin (?:nur )?(?:eine? )?(?:ki|künstliche intelligenz|sprachmodell)\b`,
    String.raw`\bich habe keine (?:persönlichen |eigenen )?(?:meinungen|meinung|gefühle|vorlieben|erfahrungen|ansichten|präferenzen|emotionen)`,
    String.raw`\bich kann (?:diese frage |das |hier )?(?:leider )?nicht (?:beantworten|wählen|auswählen|angeben|sagen)`,
    String.raw`\bich (?:möchte|werde) (?:diese frage |das )?nicht beantworten`,
  ],
  fr: [
    String.raw`\ben tant qu'(?:ia|intelligence artificielle|assistant|ai)\b`,
    String.raw`\ben tant que (?:modèle de langage|ia|programme|assistant)\b`,
    String.raw`\bje suis (?:une? )?(?:ia|intelligence artificielle|modèle de langage)\b`,
    String.raw`\bje n'ai pas (?:d'opinions?|de sentiments|d'émotions|de préférences|d'avis|de ressentis?|d'expériences?)`,
    String.raw`\bje ne (?:peux|suis pas en mesure de|saurais) (?:pas )?(?:répondre|choisir|donner|exprimer)`,
  ],
  es: [
    String.raw`\bcomo (?:una? )?(?:ia|inteligencia artificial|modelo de lenguaje|asistente de ia|asistente virtual)\b`,
    String.raw`\bsoy (?:una? )?(?:ia|inteligencia artificial|modelo de lenguaje)\b`,
    String.raw`\bno tengo (?:opiniones|sentimientos|preferencias|emociones|experiencias)(?: personales)?`,
    String.raw`\bno (?:puedo|estoy en condiciones de) (?:responder|elegir|dar|proporcionar|expresar)`,
  ],
  pt: [
    String.raw`\bcomo (?:uma? )?(?:ia|inteligência artificial|modelo de linguagem|assistente virtual)\b`,
    String.raw`\bsou (?:uma? )?(?:ia|inteligência artificial|modelo de linguagem)\b`,
    String.raw`\bnão (?:tenho|possuo) (?:opiniões|sentimentos|preferências|emoções|experiências)(?: pessoais)?`,
    String.raw`\bnão (?:posso|consigo|sou capaz de) (?:responder|escolher|dar|expressar)`,
  ],
  it: [
    String.raw`\bcome (?:un'|una? )?(?:ia|intelligenza artificiale|modello linguistico|modello di linguaggio|assistente virtuale|ai)\b`,
    String.raw`\bin quanto (?:ia|intelligenza artificiale|modello linguistico|ai)\b`,
    String.raw`\bsono (?:un'|una? )?(?:ia|intelligenza artificiale|modello linguistico)\b`,
    String.raw`\bnon ho (?:opinioni|sentimenti|preferenze|emozioni|esperienze)(?: personali)?`,
    String.raw`\bnon (?:posso|sono in grado di) (?:rispondere|scegliere|esprimere)`,
  ],
  nl: [
    String.raw`\bals (?:een )?(?:ai|ki|kunstmatige intelligentie|taalmodel|ai-taalmodel|ai-assistent)\b`,
    String.raw`\bik ben (?:een )?(?:ai|kunstmatige intelligentie|taalmodel)\b`,
    String.raw`\bik heb geen (?:persoonlijke |eigen )?(?:meningen|mening|gevoelens|voorkeuren|ervaringen|emoties)`,
    String.raw`\bik kan (?:deze vraag |dit )?(?:helaas )?niet (?:beantwoorden|kiezen)`,
  ],
  sv: [
    String.raw`\bsom (?:en )?(?:ai|ai-modell|ai-assistent|artificiell intelligens|språkmodell)\b`,
    String.raw`\bjag är (?:en )?(?:ai|artificiell intelligens|språkmodell)\b`,
    String.raw`\bjag har inga (?:personliga |egna )?(?:åsikter|känslor|preferenser|erfarenheter)`,
    String.raw`\bjag kan (?:tyvärr )?inte (?:svara|välja|besvara)`,
  ],
  pl: [
    String.raw`\bjako (?:ai|si|sztuczna inteligencja|model językowy|asystent ai)\b`,
    String.raw`\bjestem (?:tylko )?(?:ai|sztuczną inteligencją|modelem językowym)\b`,
    String.raw`\bnie mam (?:osobistych |własnych )?(?:opinii|uczuć|preferencji|poglądów|emocji|doświadczeń)`,
    String.raw`\bnie (?:mogę|jestem w stanie) (?:odpowiedzieć|wybrać|udzielić)`,
  ],
  ru: [
    String.raw`\bкак (?:ии|искусственный интеллект|языковая модель|ai|ии-ассистент|модель ии)\b`,
    String.raw`\bбудучи (?:ии|искусственным интеллектом|языковой моделью)\b`,
    String.raw`\bя (?:всего лишь |лишь )?(?:ии|искусственный интеллект|языковая модель)\b`,
    String.raw`\bу меня нет (?:личн(?:ых|ого) |собственн(?:ых|ого) )?(?:мнени[яй]|чувств|предпочтений|эмоций|опыта)`,
    String.raw`\bя не могу (?:ответить|выбрать|дать ответ)`,
  ],
  tr: [
    String.raw`\b(?:bir )?(?:yapay zeka|yapay zekâ|ai|dil modeli|yapay zeka dil modeli)(?: asistanı)? olarak\b`,
    String.raw`\bkişisel (?:görüşlerim|duygularım|fikirlerim|tercihlerim|deneyimlerim) (?:yok|bulunmuyor)`,
    String.raw`\b(?:görüşlerim|duygularım|fikirlerim|tercihlerim) (?:yok|bulunmuyor)`,
    String.raw`\b(?:cevap|yanıt) (?:veremem|veremiyorum)\b`,
    String.raw`\bseçim yapamam\b`,
  ],
  id: [
    String.raw`\bsebagai (?:sebuah |seorang )?(?:ai|kecerdasan buatan|model bahasa|asisten ai)\b`,
    String.raw`\bsaya (?:adalah )?(?:sebuah )?(?:ai|kecerdasan buatan|model bahasa)\b`,
    String.raw`\bsaya tidak (?:memiliki|punya|mempunyai) (?:pendapat|perasaan|preferensi|opini|pengalaman|emosi)`,
    String.raw`\bsaya tidak (?:dapat|bisa) (?:menjawab|memilih|memberikan)`,
  ],
  vi: [
    String.raw`\blà (?:một )?(?:ai|trí tuệ nhân tạo|mô hình ngôn ngữ|trợ lý ai)\b`,
    String.raw`\btôi không có (?:ý kiến|cảm xúc|quan điểm|sở thích|cảm nhận|trải nghiệm)`,
    String.raw`\btôi không thể (?:trả lời|chọn|đưa ra)`,
  ],
  th: [
    String.raw`ในฐานะ(?:ที่เป็น)?\s*(?:ai|เอไอ|ปัญญาประดิษฐ์|โมเดลภาษา)`,
    String.raw`(?:ฉัน|ผม|ดิฉัน)(?:เป็น)?\s*(?:ai|เอไอ|ปัญญาประดิษฐ์)`,
    String.raw`(?:ฉัน|ผม|ดิฉัน)ไม่มี(?:ความคิดเห็น|ความรู้สึก|ความชอบ|อารมณ์|ประสบการณ์)`,
    String.raw`(?:ฉัน|ผม|ดิฉัน)?ไม่สามารถ(?:ตอบ|เลือก|ให้คำตอบ)`,
  ],
  fa: [
    String.raw`\bبه عنوان (?:یک )?(?:هوش مصنوعی|مدل زبانی|دستیار هوش مصنوعی|ai)\b`,
    String.raw`\bمن (?:یک )?(?:هوش مصنوعی|مدل زبانی) (?:هستم|ام)\b`,
    String.raw`\b(?:نظر|احساسات|احساس|ترجیحات|عقاید) (?:شخصی )?ندارم\b`,
    String.raw`\bنمی ?توانم (?:به این (?:سوال|سؤال|پرسش) )?(?:پاسخ|جواب|انتخاب)`,
  ],
  ar: [
    String.raw`\bبصفتي (?:ذكاء|نموذج|مساعد)`,
    String.raw`\bبوصفي (?:ذكاء|نموذج|مساعد)`,
    String.raw`\bك(?:ذكاء اصطناعي|نموذج لغوي|مساعد ذكي)`,
    String.raw`\bأنا (?:مجرد )?(?:ذكاء اصطناعي|نموذج لغوي|برنامج)\b`,
    String.raw`\bليس لدي (?:آراء|مشاعر|تفضيلات|رأي|تجارب)(?: شخصية)?`,
    String.raw`\bلا (?:أستطيع|يمكنني) (?:الإجابة|الاختيار|تقديم)`,
  ],
  hi: [
    String.raw`\bएक (?:एआई|ai|कृत्रिम बुद्धिमत्ता|भाषा मॉडल|एआई भाषा मॉडल) के रूप में\b`,
    String.raw`\b(?:एआई|ai|कृत्रिम बुद्धिमत्ता) होने के नाते\b`,
    String.raw`\bमेरी (?:कोई )?(?:व्यक्तिगत |निजी )?(?:राय|भावनाएं|भावनाएँ|पसंद) नहीं`,
    String.raw`\bमेरे पास (?:कोई )?(?:व्यक्तिगत |निजी )?(?:राय|भावनाएं|भावनाएँ|विचार) नहीं`,
    String.raw`\bमैं (?:इसका |इस प्रश्न का )?(?:उत्तर|जवाब) नहीं दे (?:सकता|सकती)`,
  ],
  ko: [
    String.raw`(?:ai|인공지능|언어 모델|ai 언어 모델|ai 어시스턴트)(?:로서|으로서)`,
    String.raw`저는 (?:ai|인공지능|언어 모델)(?:이기 때문에|이므로|라서|이라서|입니다)`,
    String.raw`개인적인 (?:의견|감정|선호|견해|경험)(?:이|을|는|가)? (?:없|가지고 있지 않)`,
    String.raw`(?:답변|대답|응답)(?:을|하기)? (?:드릴 수 없|할 수 없|하기 어렵)`,
  ],
  ja: [
    String.raw`(?:ai|人工知能|言語モデル|aiアシスタント|aiモデル)(?:として|なので|ですので|であるため)`,
    String.raw`私は(?:ai|人工知能|言語モデル)(?:なので|ですので|であるため|です)`,
    String.raw`個人的な(?:意見|感情|好み|経験)(?:は|を)(?:持っていません|ありません|持ちません|持ち合わせていません)`,
    String.raw`(?:お答え|回答|答え|選択)(?:することが|することは|することは|は)?できません`,
  ],
  zh: [
    String.raw`作为(?:一个|一名|一款)?(?:人工智能|ai|语言模型|ai语言模型|人工智能语言模型|ai助手|人工智能助手)`,
    String.raw`作為(?:一個|一名)?(?:人工智慧|人工智能|ai|語言模型|ai語言模型)`,
    String.raw`我是(?:一个|一個)?(?:人工智能|人工智慧|ai|语言模型|語言模型)`,
    String.raw`我(?:没有|沒有)(?:个人|個人)?(?:的)?(?:观点|觀點|感受|情感|偏好|意见|意見|看法|经历|經歷|感情)`,
    String.raw`我(?:无法|無法|不能|不便)(?:回答|提供|作答|选择|選擇|做出选择)`,
  ],
};
