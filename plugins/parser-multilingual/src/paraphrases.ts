/**
 * Paraphrases of option labels, as data: label text (natural spelling, as in the survey's texts)
 * → phrases a reader takes to mean that option ("of utmost importance" ← "extremely important").
 *
 * A paraphrase never makes an answer by itself (a model that does not use the labels has not
 * chosen one, README "Known limits"); it only contradicts a number beside it: "3 - extremely
 * important" is not 3. Keep to phrases whose option is beyond doubt. Keys cover both the
 * VSM 2013 texts in datasets/ and older spellings of the same label.
 */
const IMPORTANCE_TOP = {
  en: ['extremely important', 'most important', 'critically important', 'supremely important', 'incredibly important', 'hugely important', 'crucially important', 'absolutely essential', 'absolutely crucial', 'the most important thing'],
  de: ['extrem wichtig', 'überaus wichtig', 'enorm wichtig', 'am wichtigsten', 'unglaublich wichtig', 'unerlässlich', 'das wichtigste', 'absolut entscheidend'],
  fr: ['extrêmement important', 'extrêmement importante', 'le plus important', 'la plus importante', 'primordial', 'primordiale', 'absolument essentiel', 'absolument essentielle'],
  es: ['extremadamente importante', 'sumamente importante', 'importantísimo', 'importantísima', 'lo más importante', 'absolutamente esencial'],
  pt: ['extremamente importante', 'de extrema importância', 'importantíssimo', 'importantíssima', 'o mais importante', 'absolutamente essencial'],
  it: ['estremamente importante', 'importantissimo', 'importantissima', 'la cosa più importante', 'assolutamente essenziale'],
  nl: ['extreem belangrijk', 'uiterst belangrijk', 'ontzettend belangrijk', 'het allerbelangrijkst', 'het belangrijkst', 'van het grootste belang'],
  sv: ['extremt viktigt', 'oerhört viktigt', 'ytterst viktigt', 'viktigast', 'av yttersta vikt', 'av största vikt'],
  pl: ['niezwykle ważne', 'najwyższej wagi', 'ogromnie ważne', 'najważniejsze', 'niesamowicie ważne', 'ekstremalnie ważne', 'krytycznie ważne'],
  ru: ['крайне важно', 'чрезвычайно важно', 'исключительно важно', 'критически важно', 'важнее всего', 'самое важное'],
  tr: ['aşırı önemli', 'fazlasıyla önemli', 'en önemli', 'hayati önem', 'son derece mühim', 'son derece önemli'],
  id: ['teramat penting', 'sangat amat penting', 'amat sangat penting', 'paling penting', 'sangat sangat penting', 'luar biasa penting'],
  vi: ['vô cùng quan trọng', 'quan trọng nhất', 'hết sức quan trọng', 'cực kì quan trọng', 'cực kỳ quan trọng'],
  th: ['สำคัญที่สุด', 'สำคัญอย่างยิ่ง', 'สำคัญมากที่สุด', 'สำคัญยิ่ง'],
  fa: ['فوق‌العاده مهم', 'بی‌نهایت مهم', 'مهم‌ترین', 'خیلی خیلی مهم', 'بسیار بسیار مهم'],
  ar: ['في غاية الأهمية', 'بالغ الأهمية', 'مهم للغاية', 'في منتهى الأهمية', 'الأهم'],
  hi: ['अत्यंत महत्वपूर्ण', 'बेहद महत्वपूर्ण', 'सबसे महत्वपूर्ण', 'अत्यधिक महत्वपूर्ण', 'अति महत्वपूर्ण'],
  ko: ['극히 중요', '가장 중요', '극도로 중요', '무엇보다 중요', '최고로 중요'],
  ja: ['きわめて重要', '極めて重要', '最も重要', '一番重要', '何よりも重要', '最重要', '一番大切', '何よりも大切'],
  zh: ['极其重要', '最重要', '极为重要', '极度重要', '至关重要', '最为重要'],
};

const IMPORTANCE_BOTTOM = {
  en: ['not important at all', 'not at all important', 'unimportant', 'completely unimportant', 'totally unimportant', 'irrelevant', 'of no importance'],
  de: ['unwichtig', 'völlig unwichtig', 'gar nicht wichtig', 'überhaupt nicht wichtig', 'bedeutungslos'],
  fr: ['pas important du tout', 'pas du tout important', 'sans importance', 'insignifiant'],
  es: ['nada importante', 'sin importancia', 'irrelevante', 'para nada importante'],
  pt: ['nada importante', 'sem importância', 'irrelevante', 'nenhuma importância'],
  it: ['per nulla importante', 'per niente importante', 'irrilevante', 'senza importanza', 'nessuna importanza'],
  nl: ['onbelangrijk', 'helemaal niet belangrijk', 'totaal onbelangrijk', 'van geen belang'],
  sv: ['oviktigt', 'inte alls viktigt', 'helt oviktigt', 'oväsentligt'],
  pl: ['nieważne', 'zupełnie nieważne', 'wcale nieważne', 'w ogóle nieważne', 'bez znaczenia'],
  ru: ['неважно', 'совсем не важно', 'совершенно не важно', 'вообще не важно', 'не имеет значения'],
  tr: ['önemsiz', 'hiç önemli değil', 'tamamen önemsiz', 'hiç önemi yok'],
  id: ['tidak penting sama sekali', 'sama sekali tidak penting'],
  vi: ['hoàn toàn không quan trọng', 'chẳng quan trọng', 'không quan trọng chút nào'],
  th: ['ไม่สำคัญเลย', 'ไม่สำคัญเลยสักนิด'],
  fa: ['اصلا مهم نیست', 'هیچ اهمیتی ندارد', 'بی‌اهمیت'],
  ar: ['غير مهم على الإطلاق', 'ليس مهما على الإطلاق', 'عديم الأهمية'],
  hi: ['बिल्कुल महत्वपूर्ण नहीं', 'महत्वहीन', 'बिल्कुल भी महत्वपूर्ण नहीं'],
  ko: ['전혀 중요하지 않', '하나도 중요하지 않'],
  ja: ['全く重要でない', 'まったく重要でない', '全然重要じゃない', '全然重要でない'],
  zh: ['完全不重要', '一点也不重要', '毫不重要'],
};

const AGREE_TOP = {
  en: ['completely agree', 'totally agree', 'fully agree', 'absolutely agree', 'agree completely', 'agree strongly', 'agree totally', 'wholeheartedly agree'],
  de: ['stimme völlig zu', 'stimme voll und ganz zu', 'stimme vollkommen zu', 'stimme absolut zu', 'stimme total zu', 'stimme uneingeschränkt zu'],
  fr: ["complètement d'accord", "totalement d'accord", "entièrement d'accord", "absolument d'accord", "tout à fait d'accord"],
  es: ['completamente de acuerdo', 'absolutamente de acuerdo', 'totalmente de acuerdo', 'plenamente de acuerdo'],
  pt: ['concordo plenamente', 'concordo completamente', 'concordo fortemente', 'concordo totalmente'],
  it: ["totalmente d'accordo", "pienamente d'accordo", "assolutamente d'accordo", "completamente d'accordo"],
  nl: ['volledig mee eens', 'totaal mee eens', 'sterk mee eens', 'helemaal mee eens'],
  sv: ['håller absolut med', 'håller fullständigt med', 'instämmer helt', 'håller helt med'],
  pl: ['całkowicie się zgadzam', 'w pełni się zgadzam', 'całkowicie zgadzam się', 'zgadzam się całkowicie', 'w pełni zgadzam się', 'zdecydowanie się zgadzam'],
  ru: ['полностью согласен', 'полностью согласна', 'абсолютно согласен', 'абсолютно согласна', 'совершенно согласен', 'полное согласие'],
  tr: ['tamamen katılıyorum', 'sonuna kadar katılıyorum', 'tamamıyla katılıyorum', 'kesinlikle katılıyorum'],
  id: ['setuju sekali', 'sepenuhnya setuju', 'sangat setuju'],
  vi: ['hoàn toàn đồng ý', 'cực kỳ đồng ý'],
  th: ['เห็นด้วยอย่างยิ่ง', 'เห็นด้วยที่สุด', 'เห็นด้วยอย่างมาก'],
  fa: ['کاملاً موافقم', 'صد در صد موافقم', 'کامل موافقم'],
  ar: ['أوافق بشدة', 'أوافق تماما', 'موافق تماما'],
  hi: ['पूरी तरह सहमत', 'पूर्णतः सहमत', 'दृढ़ता से सहमत'],
  ko: ['매우 동의', '전적으로 동의', '완전히 동의', '강력히 동의'],
  ja: ['強く賛成', '強くそう思う', '完全に賛成', '全面的に賛成', '大賛成'],
  zh: ['非常同意', '完全同意', '强烈同意', '十分同意'],
};

const AGREE_BOTTOM = {
  en: ['completely disagree', 'totally disagree', 'disagree completely', 'disagree strongly', 'absolutely disagree', 'strongly oppose'],
  de: ['stimme gar nicht zu', 'stimme absolut nicht zu', 'stimme überhaupt nicht zu', 'lehne völlig ab', 'lehne entschieden ab'],
  fr: ["absolument pas d'accord", 'totalement en désaccord', 'complètement en désaccord', "pas du tout d'accord"],
  es: ['completamente en desacuerdo', 'totalmente en desacuerdo', 'absolutamente en desacuerdo'],
  pt: ['discordo completamente', 'discordo fortemente', 'discordo plenamente', 'discordo totalmente'],
  it: ['totalmente in disaccordo', 'fortemente in disaccordo', 'completamente in disaccordo'],
  nl: ['volledig mee oneens', 'sterk mee oneens', 'totaal mee oneens', 'helemaal mee oneens', 'helemaal niet mee eens'],
  sv: ['håller absolut inte med', 'håller inte alls med', 'instämmer inte alls'],
  pl: ['całkowicie się nie zgadzam', 'zupełnie się nie zgadzam', 'zdecydowanie się nie zgadzam'],
  ru: ['категорически не согласен', 'категорически не согласна', 'совершенно не согласен', 'полностью не согласен', 'полное несогласие'],
  tr: ['hiç katılmıyorum', 'tamamen katılmıyorum', 'kesinlikle katılmıyorum'],
  id: ['sama sekali tidak setuju', 'sangat tidak setuju'],
  vi: ['hoàn toàn phản đối', 'hoàn toàn không đồng ý'],
  th: ['ไม่เห็นด้วยอย่างยิ่ง', 'ไม่เห็นด้วยเลย', 'ไม่เห็นด้วยอย่างมาก'],
  fa: ['کاملاً مخالفم', 'صد در صد مخالفم', 'کامل مخالفم'],
  ar: ['أعارض بشدة', 'أعارض تماما', 'لا أوافق على الإطلاق', 'لا أوافق بشدة'],
  hi: ['पूरी तरह असहमत', 'बिल्कुल असहमत', 'दृढ़ता से असहमत'],
  ko: ['전혀 동의하지 않', '강력히 반대', '완전히 반대'],
  ja: ['強く反対', '完全に反対', '大反対', '全くそう思わない'],
  zh: ['非常不同意', '完全不同意', '强烈反对', '强烈不同意'],
};

/** Which labels each group paraphrases: every spelling of that label across the texts. */
const LABEL_KEYS: Array<[string[], Record<string, string[]>]> = [
  [
    ['of utmost importance', 'äußerst wichtig', 'de la plus haute importance', 'de máxima importancia', 'extremamente importante', 'de extrema importância',
      'della massima importanza', 'van het allergrootste belang', 'av största vikt', 'av yttersta vikt', 'niezwykle ważne', 'najwyższej wagi',
      'чрезвычайно важно', 'крайне важно', 'son derece önemli', 'teramat penting', 'sangat amat penting', 'cực kỳ quan trọng', 'สำคัญอย่างยิ่ง',
      'สำคัญที่สุด', 'فوق‌العاده مهم', 'في غاية الأهمية', 'بالغ الأهمية', 'अत्यंत महत्वपूर्ण', '극히 중요함', 'きわめて重要', '最も重要', '极其重要'],
    IMPORTANCE_TOP,
  ],
  [
    ['of very little or no importance', 'sehr wenig oder gar nicht wichtig', 'très peu ou pas du tout important', 'très peu ou pas important',
      'muy poco o nada importante', 'de muy poca o ninguna importancia', 'muito pouco ou nada importante', 'de muito pouca ou nenhuma importância',
      'pochissimo o per nulla importante', 'di pochissima o nessuna importanza', 'zeer weinig of niet belangrijk', 'van zeer weinig of geen belang',
      'av mycket liten eller ingen vikt', 'prawie lub zupełnie nieważne', 'bardzo mało ważne lub nieważne', 'почти или совсем не важно',
      'очень мало важно или совсем не важно', 'önemi çok az ya da hiç yok', 'çok az önemli veya hiç önemli değil',
      'hampir tidak penting atau tidak penting sama sekali', 'sangat kurang penting atau tidak penting', 'rất ít hoặc hoàn toàn không quan trọng',
      'rất ít hoặc không quan trọng', 'สำคัญน้อยมากหรือไม่สำคัญเลย', 'تقریباً یا کاملاً بی‌اهمیت', 'خیلی کم‌اهمیت یا بی‌اهمیت',
      'ضئيل الأهمية جدًا أو عديم الأهمية', 'قليل جدًا أو عديم الأهمية', 'बहुत कम या बिल्कुल महत्वपूर्ण नहीं', '거의 또는 전혀 중요하지 않음',
      'ほとんど、またはまったく重要でない', '全く重要でない', '很不重要或完全不重要', '不重要或完全不重要'],
    IMPORTANCE_BOTTOM,
  ],
  [
    ['strongly agree', 'stimme voll und ganz zu', 'stimme völlig zu', "tout à fait d'accord", 'totalmente de acuerdo', 'concordo totalmente',
      "completamente d'accordo", 'helemaal mee eens', 'håller helt med', 'instämmer helt', 'zdecydowanie się zgadzam', 'полное согласие',
      'полностью согласен', 'kesinlikle katılıyorum', 'sangat setuju', 'hoàn toàn đồng ý', 'เห็นด้วยอย่างยิ่ง', 'کاملاً موافقم', 'أوافق بشدة',
      'पूरी तरह सहमत', '매우 동의한다', '매우 동의함', '強く賛成', '強くそう思う', '非常同意'],
    AGREE_TOP,
  ],
  [
    ['strongly disagree', 'stimme überhaupt nicht zu', "pas du tout d'accord", 'totalmente en desacuerdo', 'discordo totalmente',
      'completamente in disaccordo', 'helemaal mee oneens', 'helemaal niet mee eens', 'håller inte alls med', 'instämmer inte alls',
      'zdecydowanie się nie zgadzam', 'полное несогласие', 'категорически не согласен', 'kesinlikle katılmıyorum', 'sangat tidak setuju',
      'hoàn toàn không đồng ý', 'ไม่เห็นด้วยเลย', 'ไม่เห็นด้วยอย่างยิ่ง', 'کاملاً مخالفم', 'أعارض بشدة', 'لا أوافق بشدة', 'पूरी तरह असहमत',
      '전혀 동의하지 않는다', '전혀 동의하지 않음', '強く反対', '全くそう思わない', '非常不同意'],
    AGREE_BOTTOM,
  ],
];

/** Paraphrases of `label` in `lang` and in English (models often switch to English). */
export function paraphrasesOf(label: string, lang: string, fold: (s: string) => string): string[] {
  const key = fold(label);
  const out: string[] = [];
  for (const [labels, groups] of LABEL_KEYS) {
    if (!labels.some((l) => fold(l) === key)) continue;
    out.push(...(groups[lang as keyof typeof groups] ?? []), ...(lang === 'en' ? [] : groups.en));
  }
  return out;
}
