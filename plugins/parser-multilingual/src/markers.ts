/**
 * Answer markers per language, as data.
 *
 * `pre`  — regular-expression sources for text that is directly followed by the answer
 *          ("Answer: 4", "答案：四", "Je choisirais 4", "Ответ: 4").
 * `post` — sources for text that directly follows the answer, for verb-final and
 *          postpositional phrasing ("4を選びます", "4번을 선택하겠습니다", "ich würde 4 wählen",
 *          "4'ü seçerdim", "گزینه ۴ را انتخاب می‌کنم", "मैं 4 चुनूंगा").
 *
 * Sources are written in natural spelling and folded like the reply (lower case, accents and
 * Arabic hamza/harakat removed, full-width → ASCII, quotes/dashes unified) before compiling,
 * so write "réponse", not "reponse". `\b` is rewritten to a Unicode-aware word boundary.
 * Avoid uppercase escapes other than `\p{…}`/`\P{…}` (they survive folding; `\S`/`\D` would not
 * be lowered, but prefer `[^\s]` for readability).
 *
 * Markers of every language are applied to every reply: models often answer in English or
 * mix languages, and each marker is specific enough to be safe across languages.
 */
export interface MarkerSet {
  pre: string[];
  post: string[];
  /** Like `post`, but only after a number (copulas such as "4です", "4번입니다" — after a label
   *  they are too common in ordinary sentences and in echoed option lists). */
  postNumeric?: string[];
}

const COLON = String.raw`\s*(?:[:=]|-\s|—\s)`;

export const ANSWER_MARKERS: Record<string, MarkerSet> = {
  en: {
    pre: [
      String.raw`\banswer${COLON}`,
      String.raw`\b(?:my|final|the|short) answer(?: would be| will be| is)?\s*:?`,
      String.raw`\banswer would be`,
      String.raw`(?:^|\n)\s*a\s*:`,
      String.raw`\bi(?: would|'d| will|'ll)?(?: have to| probably| likely| definitely| rather| also| still)? (?:choose|pick|select|go with|go for|opt for|say|answer|respond with|mark|circle|tick|put|rate (?:it|this)(?: as| at| a| an)?|give (?:it|this)(?: a| an)?)\b`,
      String.raw`\bi(?:'m| am) (?:going|gonna) (?:with|to (?:choose|pick|go with|say))\b`,
      String.raw`\b(?:would|might|will) (?:probably |likely |most likely |certainly )?(?:choose|pick|select|go with|opt for)\b`,
      String.raw`\bmy (?:choice|pick|selection|rating|response|score|vote|final choice) (?:is|would be|will be)\b`,
      String.raw`\bmy (?:choice|pick|selection|rating|response|score|final choice)\s*:`,
      String.raw`\b(?:choice|rating|score|response|selection|selected option|selected|final choice|verdict)\s*:`,
    ],
    post: [],
  },
  de: {
    pre: [
      String.raw`\bantwort${COLON}`,
      String.raw`\bmeine (?:antwort|wahl|auswahl|bewertung)(?: ist| wäre| lautet| fällt auf)?\s*:?`,
      String.raw`\bich (?:wähle|nehme|sage|kreuze an|entscheide mich für|tendiere zu)\b`,
      String.raw`\b(?:wähle|nehme|sage|tendiere) ich(?: zu)?\b`,
      String.raw`\bwürde ich (?:sagen|wählen|nehmen|ankreuzen)\b`,
      String.raw`\bich würde (?:sagen|wählen|nehmen|ankreuzen|mich für)\b`,
      String.raw`\b(?:ich sage|sage ich|ich sag|sag ich) mal\b`,
      String.raw`\b(?:auswahl|bewertung|wahl)\s*:`,
    ],
    post: [String.raw`\s*(?:wählen|auswählen|nehmen|ankreuzen|angeben|sagen|geben)\b`],
  },
  fr: {
    pre: [
      String.raw`\bréponse${COLON}`,
      String.raw`\bma réponse(?: est| serait| finale est| sera)?\s*:?`,
      String.raw`\bje (?:choisis|choisirais|choisirai|prends|prendrais|dirais|dis|opte pour|opterais pour|sélectionne|sélectionnerais|répondrais|réponds|donnerais|mets|mettrais|coche|cocherais)\b`,
      String.raw`\bj'(?:opte|opterais|choisis|choisirais|indique|indiquerais) (?:pour )?`,
      String.raw`\bje vais (?:choisir|prendre|dire|opter pour|répondre)\b`,
      String.raw`\bmon choix(?: est| serait| se porte sur| final est)?\s*:?`,
      String.raw`\bchoix\s*:`,
    ],
    post: [],
  },
  es: {
    pre: [
      String.raw`\brespuesta${COLON}`,
      String.raw`\bmi respuesta(?: es| sería| final es| será)?\s*:?`,
      String.raw`\b(?:yo )?(?:elegiría|elijo|elegiré|escogería|escojo|diría|digo|seleccionaría|selecciono|optaría por|opto por|me quedo con|me quedaría con|marcaría|respondería|daría)\b`,
      String.raw`\bvoy a (?:elegir|escoger|decir|responder|marcar)\b`,
      String.raw`\bmi elección(?: es| sería)?\s*:?`,
      String.raw`\belección\s*:`,
    ],
    post: [],
  },
  pt: {
    pre: [
      String.raw`\bresposta${COLON}`,
      String.raw`\bminha resposta(?: é| seria| final é| será)?\s*:?`,
      String.raw`\b(?:eu )?(?:escolheria|escolho|escolherei|diria|digo|selecionaria|seleciono|optaria por|opto por|fico com|ficaria com|marcaria|marco|responderia|daria)\b`,
      String.raw`\bvou (?:escolher|marcar|dizer|responder|ficar com)\b`,
      String.raw`\bminha escolha(?: é| seria)?\s*:?`,
      String.raw`\bescolha\s*:`,
    ],
    post: [],
  },
  it: {
    pre: [
      String.raw`\brisposta${COLON}`,
      String.raw`\b(?:la )?mia risposta(?: è| sarebbe| finale è| sarà)?\s*:?`,
      String.raw`\b(?:io )?(?:sceglierei|scelgo|sceglierò|direi|dico|opterei per|opto per|selezionerei|seleziono|risponderei|darei|indicherei|metterei|segnerei)\b`,
      String.raw`\b(?:la )?mia scelta(?: è| sarebbe| ricade su)?\s*:?`,
      String.raw`\bscelta\s*:`,
    ],
    post: [],
  },
  nl: {
    pre: [
      String.raw`\bantwoord${COLON}`,
      String.raw`\bmijn antwoord(?: is| zou zijn| luidt| wordt)?\s*:?`,
      String.raw`\bik (?:kies(?: voor)?|zou kiezen voor|zou gaan voor|ga voor|neem|zou zeggen|zeg|selecteer|antwoord|geef)\b`,
      String.raw`\bmijn keuze(?: is| zou zijn| valt op| wordt)?\s*:?`,
      String.raw`\bkeuze\s*:`,
    ],
    post: [String.raw`\s*(?:kiezen|nemen|selecteren|antwoorden|geven|zeggen|aankruisen)\b`],
  },
  sv: {
    pre: [
      String.raw`\bsvar${COLON}`,
      String.raw`\bmitt svar(?: är| blir| skulle vara| blir alltså)?\s*:?`,
      String.raw`\bjag (?:väljer|skulle välja|skulle säga|säger|tar|skulle ta|svarar|skulle svara|går på|landar på|ger)\b`,
      String.raw`\b(?:skulle jag (?:välja|säga|ta|svara)|väljer jag|säger jag|svarar jag)\b`,
      String.raw`\bmitt val(?: är| blir| skulle vara)?\s*:?`,
      String.raw`\bval\s*:`,
    ],
    post: [],
  },
  pl: {
    pre: [
      String.raw`\bodpowiedź${COLON}`,
      String.raw`\bmoja odpowiedź(?: to| brzmi| jest| byłaby)?\s*:?`,
      String.raw`\b(?:wybieram|wybrałbym|wybrałabym|wybiorę|zaznaczyłbym|zaznaczyłabym|zaznaczam|powiedziałbym|powiedziałabym|odpowiadam|odpowiedziałbym|odpowiedziałabym|daję|dałbym|dałabym|stawiam na|postawiłbym na|postawiłabym na)\b`,
      String.raw`\bmój wybór(?: to| jest| pada na)?\s*:?`,
      String.raw`\bwybór\s*:`,
    ],
    post: [],
  },
  ru: {
    pre: [
      String.raw`\bответ${COLON}`,
      String.raw`\bмой (?:ответ|выбор)(?: будет| такой| -)?\s*:?`,
      String.raw`\bя (?:бы )?(?:выбрал|выбрала|выбрали|выбираю|выберу|поставил|поставила|сказал|сказала|ответил|ответила|отметил|отметила|остановился на|остановилась на)(?: бы)?\b`,
      String.raw`\bвыбираю\b`,
      String.raw`\b(?:скажу|скажем|сказал бы|сказала бы|поставлю|выберу|отвечу)\b`,
      String.raw`\bвыбор\s*:`,
      String.raw`\bоценка\s*:`,
    ],
    post: [],
  },
  tr: {
    pre: [
      String.raw`\bcevap${COLON}`,
      String.raw`\b(?:benim )?cevabım(?: ise)?\s*:?`,
      String.raw`\byanıt${COLON}`,
      String.raw`\b(?:benim )?yanıtım\s*:?`,
      String.raw`\b(?:benim )?(?:seçimim|tercihim)\s*:?`,
      String.raw`\bseçim\s*:`,
      String.raw`\b(?:bence|bana göre)\b`,
    ],
    post: [
      String.raw`(?:'[a-zçğıöşü]{1,3})?(?:\s*(?:numaralı|nolu|no'lu))?(?:\s*(?:seçeneği|seçeneğini|şıkkı|cevabı|yanıtı))?\s*(?:\s*puan)?\s*(?:seçerdim|seçiyorum|seçerim|seçeceğim|seçtim|işaretlerdim|işaretliyorum|işaretlerim|derdim|derim|diyebilirim|diyeceğim|diyorum|olurdu|verirdim|veririm|vereceğim|veriyorum)\b`,
    ],
  },
  id: {
    pre: [
      String.raw`\bjawaban${COLON}`,
      String.raw`\bjawaban saya(?: adalah| ialah| yaitu)?\s*:?`,
      String.raw`\bsaya (?:akan )?(?:memilih|pilih|menjawab|memberi|memberikan|menandai|bilang|katakan|mengatakan|berkata)\b`,
      String.raw`\bmenurut saya\b`,
      String.raw`\bpilihan saya(?: adalah| ialah| jatuh pada| yaitu)?\s*:?`,
      String.raw`\bpilihan\s*:`,
    ],
    post: [],
  },
  vi: {
    pre: [
      String.raw`\btrả lời${COLON}`,
      String.raw`\bđáp án${COLON}`,
      String.raw`\bcâu trả lời(?: của tôi)?(?: là| sẽ là)?\s*:?`,
      String.raw`\bđáp án của tôi(?: là)?\s*:?`,
      String.raw`\btôi (?:sẽ |xin )?(?:chọn|lựa chọn|trả lời|nói|cho|chấm)(?: là)?\b`,
      String.raw`\btheo tôi(?: là)?\b`,
      String.raw`\blựa chọn của tôi(?: là)?\s*:?`,
    ],
    post: [],
  },
  th: {
    pre: [String.raw`คำตอบ(?:ของ(?:ฉัน|ผม|ดิฉัน))?(?:\s*คือ)?\s*:?`, String.raw`(?<!คำ)ตอบ\s*:`, String.raw`(?:ขอ)?(?<!ตัว)เลือก(?:ตอบ)?`],
    post: [],
  },
  fa: {
    pre: [
      String.raw`\bپاسخ${COLON}`,
      String.raw`\bجواب${COLON}`,
      String.raw`\b(?:پاسخ|جواب|انتخاب) من(?: این است| است| هست)?\s*:?`,
      String.raw`\bانتخاب می ?کنم\s*:`,
    ],
    post: [String.raw`\s*(?:را|رو)\s*(?:انتخاب|برمی ?گزینم|بر می ?گزینم)`],
  },
  ar: {
    pre: [
      String.raw`\bالإجابة${COLON}`,
      String.raw`\bالجواب${COLON}`,
      String.raw`\b(?:إجابتي|جوابي|اختياري)(?: هي| هو| ستكون| سيكون)?\s*:?`,
      String.raw`\b(?:أنا )?(?:سأختار|أختار|اخترت|لاخترت|سوف أختار|أود أن أختار|سأجيب|أجيب|سأجيب بـ)\b`,
    ],
    post: [],
  },
  hi: {
    pre: [
      String.raw`\bउत्तर${COLON}`,
      String.raw`\bजवाब${COLON}`,
      String.raw`\bमेरा (?:उत्तर|जवाब|चयन|चुनाव)(?: है| होगा)?\s*:?`,
      String.raw`\bमैं (?:चुनूंगा|चुनूँगा|चुनूंगी|चुनूँगी)\b`,
    ],
    post: [String.raw`\s*(?:को\s*)?(?:चुनूंगा|चुनूँगा|चुनूंगी|चुनूँगी|चुनता|चुनती|चुनना|चुनेंगे|चुनूं|चुनूँ|चुना|चुनेगा|चुनेगी)`],
  },
  ko: {
    pre: [String.raw`\b(?:답|답변|대답|정답|응답)\s*[:=]`, String.raw`\b(?:제|저의|나의|내) (?:답|답변|대답|선택|응답)(?:은|는)?\s*:?`, String.raw`\b선택\s*:`],
    post: [String.raw`\s*(?:번째|번|점)?\s*(?:을|를|으로|로)?\s*(?:선택|고르|고를|골라|하겠|할게)`],
    postNumeric: [String.raw`\s*(?:번째|번|점)?\s*(?:입니다|이에요|예요|이요)`],
  },
  ja: {
    pre: [String.raw`(?:答え|回答|解答)\s*(?:[:=]|は)`, String.raw`私の(?:答え|回答|選択)\s*(?:は|:)`, String.raw`選択\s*[:=]`],
    post: [String.raw`\s*(?:番目|番)?\s*(?:の選択肢)?\s*(?:を|に)\s*(?:選|選択|し(?:ます|ました|たい))`],
    postNumeric: [String.raw`\s*(?:番目|番)?\s*です`],
  },
  zh: {
    pre: [
      String.raw`(?:答案|回答|答覆|答复)\s*(?:[:=]|是|为|為)?`,
      String.raw`我的(?:答案|回答|选择|選擇)\s*(?:是|为|為|:)?`,
      String.raw`(?:我|本人)?(?:会|會|将|將|愿意|要)?(?:选择|選擇|选|選)(?![项項择擇択])`,
      String.raw`(?:我)?(?:认为|認為|觉得|覺得)(?:应该|應該)?是`,
    ],
    post: [],
  },
};
