/**
 * Word lists used by the answer parser, kept as data.
 *
 * Everything here is written in natural spelling (accents, case, Arabic hamza forms …);
 * the parser folds every entry with the same `fold()` it applies to replies, so
 * "wähle" matches "WAHLE", "الإجابة" matches "الاجابة", and so on.
 *
 * Word lists whose entries end in a letter of a space-separated script get word
 * boundaries automatically; entries in Han / kana / Hangul / Thai do not (those
 * scripts attach particles and counters directly).
 */

/** Single characters rewritten after Unicode folding (see fold.ts). */
export const FOLD_CHAR_MAP: Record<string, string> = {
  ß: 'ss',
  đ: 'd',
  ł: 'l',
  ı: 'i',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  // Arabic / Persian letter variants
  ي: 'ی',
  ى: 'ی',
  ك: 'ک',
  ة: 'ه',
  ـ: '',
  // invisible joiners, emoji selectors, keycap
  '\u200c': ' ',
  '\u200d': '',
  '\u200b': '',
  '\u2060': '',
  '\ufeff': '',
  '\ufe0f': '',
  '\ufe0e': '',
  '\u20e3': '',
  // quotes
  '‘': "'",
  '’': "'",
  '‚': "'",
  '‛': "'",
  '′': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '‟': '"',
  '″': '"',
  '«': '"',
  '»': '"',
  '‹': '"',
  '›': '"',
  '「': '"',
  '」': '"',
  '『': '"',
  '』': '"',
  '《': '"',
  '》': '"',
  '〈': '"',
  '〉': '"',
  // dashes
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '–': '-',
  '—': '-',
  '―': '-',
  '−': '-',
  '〜': '~',
  // brackets
  '【': '[',
  '】': ']',
  '〔': '[',
  '〕': ']',
  // punctuation
  '。': '.',
  '।': '.',
  '॥': '.',
  '۔': '.',
  '،': ',',
  '؛': ';',
  '؟': '?',
  '٪': '%',
  '٫': '.',
  '٬': ',',
};

/**
 * Words that introduce an option number or label ("*Option* 4", "*选项*4", "*第*四", "*ข้อ* 4").
 * Skipped before an answer everywhere (also at the start of a reply or line).
 */
export const OPTION_WORDS: string[] = [
  'option', 'number', 'no.', 'nr.', 'no', 'nr', '#', 'n°', 'choice', 'level', 'opt.',
  'antwortoption', 'nummer', 'stufe', 'numéro', 'opción', 'número', 'opção', 'opzione', 'numero', 'optie', 'alternativ', 'alternativet',
  'opcja', 'opcję', 'numer', 'вариант', 'номер', 'пункт', 'seçenek', 'şık', 'numara', 'pilihan', 'opsi', 'nomor', 'angka', 'phương án',
  'lựa chọn', 'số', 'mức', 'ข้อที่', 'ข้อ', 'ตัวเลือกที่', 'ตัวเลือก', 'หมายเลข', 'گزینه', 'گزینهٔ', 'شماره', 'الخيار', 'خيار', 'الرقم', 'رقم',
  'الاختيار', 'विकल्प', 'संख्या', 'नंबर', '옵션', '선택지', '번호', '選択肢', '番号', '第', '选项', '選項', '编号',
];

/**
 * Filler words that may stand between an answer marker and the answer
 * ("I'd say *it's a* 4", "Antwort: *die* 4", "Réponse : *c'est* 4", "答案*是*4"). Only skipped after
 * an answer marker, never at the start of a reply.
 */
export const FILLER_WORDS: string[] = [
  // en
  'the', 'a', 'an', "it's", 'it is', 'its', "that's", 'that is', 'answer', 'rating', 'score', 'rating of', 'score of', 'category',
  'with', 'for', 'probably', 'definitely', 'likely', 'say', 'between', 'either', 'somewhere between', 'maybe', 'perhaps', 'around',
  'about', 'is', 'that', 'just',
  // de / fr
  'die', 'der', 'das', 'den', 'eine', 'ein', 'mal', 'antwort', 'wahrscheinlich', 'zwischen', 'entweder', 'es ist', 'la', 'le', "l'", "c'est",
  'plutôt', 'probablement', 'entre', 'soit', 'le choix', 'réponse', "l'option", 'que', 'un', 'une', 'dass',
  // es / pt / it
  'el', 'es', 'probablemente', 'o', 'é', 'una', 'um', 'uma', 'che', 'dat', 'provavelmente', 'il', 'è', 'probabilmente', 'tra', 'fra', 'a opção', 'la opción', "l'opzione",
  // nl / sv / pl / ru
  'de', 'het', 'waarschijnlijk', 'tussen', 'ofwel', 'troligen', 'mellan', 'antingen', 'odpowiedź', 'prawdopodobnie', 'między',
  'pomiędzy', 'albo', 'ответ', 'скорее всего', 'наверное', 'между', 'либо', 'это',
  // tr / id / vi / th
  'muhtemelen', 'ya', 'mungkin', 'antara', 'đáp án', 'là', 'có lẽ', 'giữa', 'คือ', 'ระหว่าง',
  // fa / ar / hi
  'بین', 'احتمالا', 'هو', 'هي', 'ربما', 'بين', 'शायद', 'के बीच',
  // ko / ja / zh
  '선택', '是', '为', '為', '介于', '在', 'は',
];

/**
 * Connectors between two candidate answers inside one answer phrase
 * ("3 or 4", "3-4", "between 2 and 3", "3 oder 4", "3或4", "3か4", "3 veya 4" …).
 * A second candidate reached through one of these makes the reply ambiguous.
 */
export const CONNECTORS: string[] = [
  '-', '~', '/', ',', '、', '&', '+',
  'or', 'and', 'to', 'through', 'and/or', 'nor', 'maybe', 'perhaps', 'also', 'even', 'possibly', 'or even',
  'oder', 'und', 'bis', 'bzw.', 'beziehungsweise', 'vielleicht', 'auch', 'eventuell',
  'ou', 'et', 'à', 'voire', 'peut-être', 'aussi', 'même',
  'quizás', 'quizá', 'tal vez', 'también', 'talvez', 'também', 'forse', 'anche', 'misschien', 'ook', 'kanske', 'också', 'może', 'też',
  'может быть', 'возможно', 'тоже', 'belki', 'de', 'mungkin', 'juga', 'có lẽ', 'cũng', 'อาจจะ', 'ممکن است', 'ربما', 'शायद', '아마', '아마도',
  'たぶん', 'もしかしたら', '也许', '可能', '也',
  'o', 'y', 'a', 'hasta', 'u', 'e', 'até', 'ou talvez', 'oppure', 'ed',
  'of', 'en', 'tot', 'eller', 'och', 'till',
  'lub', 'albo', 'czy', 'i', 'do',
  'или', 'и', 'до', 'либо',
  'veya', 'ya da', 'yahut', 'ile', 'ila',
  'atau', 'dan', 'sampai', 'hingga', 'ke',
  'hoặc', 'và', 'đến', 'tới', 'hay',
  'หรือ', 'และ', 'ถึง',
  'یا', 'و', 'تا', 'او', 'أو', 'إلى', 'الی',
  'या', 'और', 'से', 'अथवा',
  '또는', '아니면', '이나', '나', '와', '과', '에서', '부터', '혹은',
  'か', 'または', 'と', 'から', 'あるいは', 'もしくは',
  '或', '或者', '还是', '還是', '和', '与', '與', '到', '至', '跟',
];

/**
 * In free text (no answer marker), a single digit followed by a word counts only if that word is
 * one of these (or a connector / "because" word / option label): "3 seems right", "4, because …".
 * Otherwise the digit is taken as a quantity ("I live with 3 roommates", "1 dog"). Only applied
 * when the following word is in Latin, Cyrillic or Greek script.
 */
export const FREE_NUMBER_FOLLOWERS: string[] = [
  'is', 'seems', 'fits', 'sounds', 'feels', 'would', 'best', 'describes', 'reflects', 'matches', 'for', 'overall', 'then', 'here',
  'i', 'it', 'out', 'on', 'in', 'is my answer', 'ist', 'wäre', 'passt', 'trifft', 'für', 'est', 'serait', 'me', 'correspond', 'pour',
  'es', 'sería', 'para', 'é', 'seria', 'è', 'sarebbe', 'mi', 'per', 'zou', 'past', 'voor', 'är', 'skulle', 'passar', 'jest', 'to',
  'pasuje', 'dla', 'это', 'подходит', 'для', 'olur', 'uygun', 'için', 'adalah', 'untuk', 'là', 'cho',
];

/**
 * Hedges that, opening the next sentence right after an answer, add a second candidate
 * ("Answer: 3. Maybe 4." → ambiguous).
 */
export const HEDGE_WORDS: string[] = [
  'maybe', 'perhaps', 'or', 'or maybe', 'possibly', 'or perhaps', 'vielleicht', 'oder', 'eventuell', 'peut-être', 'ou', 'ou peut-être',
  'quizás', 'quizá', 'tal vez', 'o', 'talvez', 'ou talvez', 'forse', 'oppure', 'misschien', 'of', 'kanske', 'eller', 'może', 'albo',
  'может быть', 'возможно', 'или', 'belki', 'ya da', 'mungkin', 'atau', 'có lẽ', 'hoặc', 'อาจจะ', 'หรือ', 'شاید', 'یا', 'ربما', 'أو',
  'शायद', 'या', '아마', '아마도', '또는', 'たぶん', 'もしかしたら', 'または', '或者', '也许', '也許', '可能', '或',
];

/** "because"-type words that may directly follow a leading answer ("4 because …"). */
export const BECAUSE_WORDS: string[] = [
  'because', 'since', 'as', 'weil', 'denn', 'da', 'parce que', 'car', 'porque', 'pois', 'perché', 'poiché', 'omdat', 'want',
  'eftersom', 'för att', 'ponieważ', 'bo', 'потому что', 'так как', 'çünkü', 'karena', 'sebab', 'vì', 'bởi vì', 'เพราะ',
  'زیرا', 'چون', 'لأن', 'لان', 'क्योंकि', '왜냐하면', '因为', '因為', 'なぜなら',
];

/**
 * Units after a number that make it a quantity, not an answer
 * ("35 years old", "2 kids", "5 options", "40%", "35岁", "35歳", "35살").
 * A trailing `*` means "this stem followed by any letters".
 */
export const QUANTITY_UNITS: string[] = [
  // en
  'years', 'year', 'yrs', 'yr', 'yo', 'y/o', 'year-old', 'years-old', 'people', 'persons', 'person', 'hours', 'hour', 'days', 'day',
  'weeks', 'week', 'months', 'month', 'minutes', 'children', 'kids', 'times', 'members', 'siblings', 'percent', 'per cent', 'pct',
  'km', 'kg', 'cm', 'dollars', 'euros', 'employees', 'questions', 'items', 'options', 'choices', 'possible answers', 'answer options',
  'alternatives', 'categories', 'reasons', 'factors', 'things', 'generations', 'of them',
  // de
  'jahre', 'jahren', 'jahr', 'jährig*', 'personen', 'menschen', 'leute', 'stunden', 'tage', 'tagen', 'wochen', 'monate', 'monaten',
  'kinder', 'kindern', 'mal', 'prozent', 'euro', 'gründe', 'faktoren', 'optionen', 'antwortmöglichkeiten', 'möglichkeiten', 'fragen',
  // fr
  'ans', 'an', 'années', 'personnes', 'gens', 'heures', 'jours', 'semaines', 'mois', 'enfants', 'fois', 'pour cent', 'pourcent',
  'raisons', 'questions', 'choix',
  // es / pt / it
  'años', 'año', 'personas', 'horas', 'días', 'semanas', 'meses', 'hijos', 'niños', 'veces', 'por ciento', 'razones', 'opciones',
  'preguntas', 'anos', 'ano', 'pessoas', 'dias', 'filhos', 'crianças', 'vezes', 'por cento', 'reais', 'razões', 'opções', 'perguntas',
  'anni', 'anno', 'persone', 'ore', 'giorni', 'settimane', 'mesi', 'figli', 'bambini', 'volte', 'per cento', 'ragioni', 'motivi',
  'opzioni', 'domande',
  // nl / sv
  'jaar', 'jarige', 'personen', 'mensen', 'uur', 'uren', 'dagen', 'weken', 'maanden', 'kinderen', 'keer', 'procent', 'redenen',
  'opties', 'vragen', 'år', 'åring', 'årig*', 'personer', 'människor', 'timmar', 'dagar', 'veckor', 'månader', 'barn', 'gånger', 'kronor',
  'skäl', 'frågor', 'svarsalternativ',
  // pl / ru
  'lat', 'lata', 'latek', 'roku', 'rok', 'osób', 'osoby', 'ludzi', 'godzin', 'godziny', 'dni', 'tygodni', 'miesięcy', 'dzieci', 'razy',
  'złotych', 'powodów', 'opcji', 'pytań', 'odpowiedzi',
  'лет', 'год', 'года', 'человек', 'людей', 'часов', 'часа', 'дней', 'дня', 'недель', 'месяцев', 'детей', 'раз', 'раза', 'процентов',
  'процента', 'рублей', 'причин', 'вариантов', 'варианта', 'вопросов',
  // tr / id / vi
  'yaşında', 'yaşındayım', 'yaş', 'yıl', 'yıldır', 'yıllık', 'kişi', 'saat', 'gün', 'hafta', 'ay', 'çocuk', 'kez', 'defa', 'kere',
  'lira', 'neden', 'seçenek', 'seçenekli', 'soru',
  'tahun', 'orang', 'jam', 'hari', 'minggu', 'bulan', 'anak', 'kali', 'persen', 'rupiah', 'alasan', 'pilihan', 'pertanyaan',
  'tuổi', 'năm', 'người', 'giờ', 'ngày', 'tuần', 'tháng', 'lần', 'phần trăm', 'đồng', 'lý do', 'lựa chọn', 'câu hỏi', 'phương án',
  // th / fa / ar / hi
  'ปี', 'คน', 'ชั่วโมง', 'วัน', 'สัปดาห์', 'เดือน', 'ครั้ง', 'เปอร์เซ็นต์', 'บาท', 'เหตุผล', 'ตัวเลือก',
  'سال', 'ساله', 'سالم', 'نفر', 'ساعت', 'روز', 'هفته', 'ماه', 'فرزند', 'بچه', 'بار', 'درصد', 'تومان', 'دلیل', 'گزینه', 'سوال',
  'سنة', 'سنوات', 'عاما', 'عام', 'أعوام', 'أشخاص', 'شخص', 'ساعات', 'ساعة', 'أيام', 'يوم', 'أسابيع', 'أشهر', 'شهور', 'أطفال', 'مرات',
  'مرة', 'بالمئة', 'بالمائة', 'في المئة', 'دولار', 'أسباب', 'خيارات', 'أسئلة',
  'साल', 'वर्ष', 'वर्षीय', 'लोग', 'लोगों', 'घंटे', 'दिन', 'सप्ताह', 'हफ्ते', 'महीने', 'बच्चे', 'बार', 'प्रतिशत', 'रुपये', 'कारण', 'विकल्प',
  'प्रश्न',
  // ko / ja / zh (no word boundaries)
  '살', '세', '년', '명', '시간', '일', '주', '개월', '달', '회', '퍼센트', '원', '가지', '개',
  '歳', '才', '年', '人', '名', '時間', '日', '週間', 'ヶ月', 'か月', 'カ月', '回', 'パーセント', '円', '個', '件', 'つの',
  '岁', '歲', '个人', '小时', '小時', '天', '周', '週', '个月', '個月', '次', '遍', '元', '块', '个选项', '個選項', '个原因', '个因素',
  '种', '種', '%',
];

/**
 * Words right before a number that make it a reference, not an answer
 * ("question 4", "age 35", "Frage 4", "问题4", "질문 4").
 */
export const REFERENCE_BEFORE: string[] = [
  'question', 'q', 'item', 'age', 'aged', 'step', 'page', 'chapter', 'part', 'section', 'year', 'top', 'gpt', 'version',
  'frage', 'alter', 'schritt', 'seite', 'teil', 'jahr', 'âge', 'étape', 'partie', 'pregunta', 'edad', 'paso', 'página', 'parte',
  'pergunta', 'questão', 'idade', 'passo', 'domanda', 'età', 'pagina', 'vraag', 'leeftijd', 'stap', 'fråga', 'ålder', 'steg', 'sida',
  'pytanie', 'pytania', 'wiek', 'krok', 'strona', 'вопрос', 'вопроса', 'вопросу', 'возраст', 'шаг', 'страница', 'soru', 'yaş', 'adım',
  'sayfa', 'pertanyaan', 'soal', 'usia', 'umur', 'langkah', 'halaman', 'câu hỏi', 'câu', 'tuổi', 'bước', 'trang', 'คำถามที่', 'คำถาม',
  'อายุ', 'ขั้นตอน', 'หน้า', 'سوال', 'سؤال', 'پرسش', 'سن', 'مرحله', 'صفحه', 'السؤال', 'عمر', 'العمر', 'الخطوة', 'صفحة', 'प्रश्न',
  'सवाल', 'उम्र', 'आयु', 'चरण', 'पृष्ठ', '질문', '문항', '문제', '나이', '단계', '質問', '問題', '問', '設問', '年齢', 'ステップ',
  '问题', '題', '题', '年龄', '步骤',
];
/** Optional "number" words between a reference word and its number ("question no. 4"). */
export const REFERENCE_NUMBER_WORDS: string[] = ['no.', 'nr.', 'no', 'nr', 'number', '#', 'n°', 'numéro', 'número', 'numero', 'номер', 'nummer', 'numer', 'số'];

/** Words before a number that mark it as a percentage ("%40" in Turkish, "yüzde 40", "百分之40"). */
export const PERCENT_BEFORE: string[] = ['%', 'yüzde', '百分之'];

/**
 * After the scale size k, these make k a description of the scale. Only applied when the
 * number equals k. Level-type units suffice on their own ("5 levels", "5段階", "5단계");
 * point-type units need a hyphen ("5-point") or a scale word after them ("5 point scale",
 * "5点満点", "5점 만점", "5分制"), because "4 points" can itself be an answer.
 */
export const SCALE_LEVEL_UNITS: string[] = [
  'levels', 'stufig*', 'stufen', 'stufige*', 'niveaux', 'niveles', 'níveis', 'livelli', 'niveaus', 'nivåer', 'poziomów', 'уровней',
  'seviye', 'seviyeli', 'tingkat', 'mức', 'ระดับ', 'سطح', 'مستويات', 'स्तर', '단계', '段階', '级', '級', '分制', '档',
];
export const SCALE_POINT_UNITS: string[] = [
  'point', 'points', 'pt', 'punkte', 'punkt', 'puntos', 'pontos', 'punti', 'punten', 'poäng', 'punktów', 'punktowej', 'punktowa',
  'баллов', 'балльной', 'балльная', 'балла', 'балл', 'puan', 'puanlık', 'poin', 'điểm', 'คะแนน', 'درجه', 'درجه ای', 'نقاط', 'درجات',
  'نقطه', 'अंक', 'अंकों', 'बिंदु', 'बिंदुओं', '점', '点', '分',
];
export const SCALE_WORDS: string[] = [
  'scale', 'likert', 'skala', 'échelle', 'escala', 'scala', 'schaal', 'skalan', 'skali', 'шкала', 'шкале', 'шкалы', 'ölçek', 'ölçeği',
  'ölçeğinde', 'thang', 'thang đo', 'มาตรวัด', 'มาตรา', 'مقیاس', 'مقياس', 'पैमाने', 'पैमाना', 'स्केल', '척도', '만점', '尺度', '量表',
  '满分', '滿分', '満点', '评分', '評価', '中', '制', 'scale of',
];
/** Before k: "out of 5", "4/5", "4 von 5", "4 sur 5" … Only applied when the number equals k. */
export const DENOMINATOR_BEFORE: string[] = [
  '/', 'out of', 'of', 'von', 'sur', 'de', 'su', 'из', 'van', 'av', 'na', 'trên', 'จาก', 'از', 'من', 'dari', '满分', '滿分', '满分为', '总分',
];
/** Denominators that need no number before them ("out of 5", "满分5分"). */
export const UNAMBIGUOUS_DENOMINATORS: string[] = ['out of', '满分', '滿分', '满分为', '总分'];
/** After k when k comes first: "5 üzerinden 4", "5 में से 4", "5점 만점에 4점". */
export const DENOMINATOR_AFTER: string[] = ['üzerinden', 'में से', '点満点', '点中', '段階中', '分中', '분 중', '점 만점', '점만점', '중에서', '중'];

/** Range words between two numbers ("1 to 5", "1 bis 5", "1到5", "1から5", "۱ تا ۵"). */
export const RANGE_CONNECTORS: string[] = [
  '-', '~', 'to', 'through', 'thru', 'till', 'until', 'bis', 'à', 'au', 'a', 'hasta', 'até', 'ao', 'al', 'до', 'по', 'ile', 'sampai',
  'hingga', 'ke', 'tot', 'do', 'đến', 'tới', 'ถึง', 'تا', 'إلى', 'الی', 'से', 'में से', '에서', '부터', '까지', 'から', '到', '至',
];
/** "between … and …" forms that describe the scale when the two numbers are 1 and k. */
export const BETWEEN_WORDS: string[] = [
  'between', 'zwischen', 'entre', 'между', 'arasında', 'antara', 'tra', 'fra', 'tussen', 'mellan', 'między', 'pomiędzy', 'giữa', 'ระหว่าง',
  'بین', 'بين', 'के बीच', '사이', '介于', '之间', '之間', 'の間',
];
export const AND_WORDS: string[] = ['and', 'und', 'et', 'y', 'e', 'и', 'ile', 'dan', 'en', 'och', 'i', 'và', 'และ', 'و', 'और', '와', '과', '和', '与', '與', 'と'];

/** Keys of a JSON answer object (compared lower-cased, without non-letters; keys ending in "answer" also count). */
export const JSON_ANSWER_KEYS: string[] = [
  'answer', 'choice', 'option', 'response', 'score', 'rating', 'selection', 'selected', 'selectedoption', 'answercode', 'code',
  'value', 'antwort', 'reponse', 'respuesta', 'resposta', 'risposta', 'antwoord', 'svar', 'odpowiedz', 'cevap', 'jawaban',
];

/** Letters allowed directly after a digit (ordinal suffixes such as "4th", "4e", "4º" → "4o"). */
export const ORDINAL_SUFFIXES: string[] = ['st', 'nd', 'rd', 'th', 'e', 'er', 'ère', 'ème', 'eme', 'o', 'a', 'te', 'ste', 'de', 'º', 'ª', 'й', 'ый', 'ой', 'ий', 'я', 'ая'];

/**
 * Negations around an option label that cancel the label as an answer
 * ("not very important", "nicht sehr wichtig", "不是非常重要", "çok önemli değil").
 * `before` is searched in the same clause before the label, `after` right after it.
 */
export const NEGATIONS: Record<string, { before: string[]; after: string[]; concord?: string[] }> = {
  en: { before: ['not', "n't", 'hardly', 'neither', 'nor', 'never'], after: [] },
  de: { before: ['nicht', 'kein', 'keine', 'keinesfalls', 'kaum'], after: [] },
  fr: { before: ['pas', "n'", 'ne', 'ni', 'jamais', 'guère', 'nullement'], after: [], concord: ['ne', "n'"] },
  es: { before: ['no', 'nunca', 'tampoco', 'ni'], after: [] },
  pt: { before: ['não', 'nunca', 'nem'], after: [] },
  it: { before: ['non', 'mai', 'né'], after: [] },
  nl: { before: ['niet', 'geen', 'nooit'], after: [] },
  sv: { before: ['inte', 'ej', 'icke', 'aldrig'], after: [] },
  pl: { before: ['nie', 'nigdy'], after: [] },
  ru: { before: ['не', 'ни', 'нет'], after: [] },
  tr: { before: [], after: ['değil', 'değildir'] },
  id: { before: ['tidak', 'bukan', 'tak'], after: [] },
  vi: { before: ['không', 'chẳng', 'chả'], after: [] },
  th: { before: ['ไม่'], after: [] },
  fa: { before: ['نه'], after: ['نیست', 'نیستند', 'ندارد'] },
  ar: { before: ['لا', 'ليس', 'ليست', 'غير', 'لم', 'لن'], after: [] },
  hi: { before: ['न'], after: ['नहीं', 'ना'] },
  ko: { before: ['안'], after: ['않', '아니', '없'] },
  ja: { before: [], after: ['ではない', 'でない', 'じゃない', 'ではありません', 'ありません'] },
  zh: { before: ['不', '没', '沒', '并不', '並不', '不是', '没有', '沒有', '别', '別'], after: [] },
};

/**
 * Words that open a hedge after an answer, per language (English applies to every reply):
 * "but"-type conjunctions and "maybe"-type adverbs ("4, but maybe 5", "4, aber vielleicht 5",
 * "4, maar misschien 5", "4，但也可能是5"). A different option later in the same clause makes the
 * reply ambiguous. No bare "or"-words: "o" and "a" are articles in Romance languages
 * (a sentence-initial "Or 5." is in HEDGE_WORDS).
 */
export const HEDGE_TRIGGERS: Record<string, string[]> = {
  en: ['but', 'though', 'although', 'however', 'maybe', 'perhaps', 'possibly', 'probably', 'could be', 'might be', 'or rather'],
  de: ['aber', 'doch', 'jedoch', 'allerdings', 'obwohl', 'vielleicht', 'eventuell', 'möglicherweise', 'eher', 'wahrscheinlich'],
  fr: ['mais', 'cependant', 'pourtant', 'quoique', 'bien que', 'peut-être', 'éventuellement', 'plutôt', 'probablement'],
  es: ['pero', 'aunque', 'sin embargo', 'quizás', 'quizá', 'tal vez', 'a lo mejor', 'posiblemente', 'probablemente'],
  pt: ['mas', 'porém', 'embora', 'contudo', 'talvez', 'possivelmente', 'quem sabe', 'provavelmente'],
  it: ['ma', 'però', 'anche se', 'tuttavia', 'forse', 'magari', 'probabilmente'],
  nl: ['maar', 'hoewel', 'echter', 'misschien', 'eventueel', 'wellicht', 'eerder', 'waarschijnlijk'],
  sv: ['men', 'fast', 'även om', 'kanske', 'möjligen', 'snarare', 'troligen'],
  pl: ['ale', 'jednak', 'choć', 'chociaż', 'może', 'ewentualnie', 'raczej', 'prawdopodobnie'],
  ru: ['но', 'хотя', 'однако', 'может быть', 'может', 'возможно', 'наверное', 'скорее'],
  tr: ['ama', 'fakat', 'ancak', 'lakin', 'belki', 'muhtemelen', 'galiba'],
  id: ['tapi', 'tetapi', 'namun', 'meskipun', 'walaupun', 'mungkin', 'barangkali', 'bisa jadi'],
  vi: ['nhưng', 'tuy nhiên', 'mặc dù', 'có lẽ', 'có thể'],
  th: ['แต่', 'ถึงแม้', 'อาจจะ', 'อาจ', 'บางที'],
  fa: ['اما', 'ولی', 'هرچند', 'شاید', 'و شاید', 'احتمالا'],
  ar: ['لكن', 'ولكن', 'لكنني', 'مع ذلك', 'ربما', 'وربما', 'أو ربما', 'قد يكون'],
  hi: ['लेकिन', 'परंतु', 'परन्तु', 'मगर', 'हालांकि', 'हालाँकि', 'शायद', 'संभवतः'],
  ko: ['하지만', '그러나', '그런데', '근데', '지만', '아마', '아마도', '어쩌면'],
  ja: ['でも', 'けど', 'けれど', 'しかし', 'が,', 'たぶん', '多分', 'もしかしたら', 'もしかすると', 'あるいは'],
  zh: ['但', '但是', '不过', '不過', '可是', '然而', '也许', '也許', '可能', '或许', '或許', '大概'],
};

/** Hedges that follow the alternative ("5かもしれません", "5번일 수도 있어요", "5也可以"). */
export const POST_HEDGES: string[] = ['かもしれ', 'かも', 'でもいい', 'でも良い', '일 수도', '일수도', '수도 있', '도 괜찮', '도 가능', '也可以', '也行'];
