/**
 * Numeral data for the answer parser.
 *
 * Digits: every Unicode decimal digit (general category Nd) is mapped to ASCII 0-9 by
 * `fold()`. Unicode guarantees Nd digits come in contiguous runs of ten starting at zero,
 * so the value of any Nd code point is its distance from the start of its run, mod 10.
 * DIGIT_ZEROS lists the zero of the scripts the benchmark's 20 languages use; it documents
 * the mapping and is checked by the unit tests (fold.ts covers all other Nd scripts too).
 * Full-width (０-９), circled (①) and mathematical digits reach ASCII through NFKC.
 */
export const DIGIT_ZEROS: Record<string, number> = {
  ascii: 0x30,
  'arabic-indic': 0x660, // ٠١٢٣٤٥٦٧٨٩ (ar)
  'extended-arabic-indic': 0x6f0, // ۰۱۲۳۴۵۶۷۸۹ (fa)
  devanagari: 0x966, // ०१२३४५६७८९ (hi)
  bengali: 0x9e6,
  thai: 0xe50, // ๐๑๒๓๔๕๖๗๘๙ (th)
  lao: 0xed0,
  tibetan: 0xf20,
  myanmar: 0x1040,
  khmer: 0x17e0,
  fullwidth: 0xff10, // ０-９ (zh, ja, ko); also handled by NFKC
};

/**
 * Han numerals. Accepted only where an answer is expected (after an answer marker, in a
 * post-positional answer phrase such as "四を選びます", or as the whole reply), and never
 * when followed by another Han character, so 一般 / 一直 / 一些 / 三大 are not read as numbers.
 */
export const CJK_NUMERALS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  壹: 1,
  弌: 1,
  二: 2,
  贰: 2,
  貳: 2,
  两: 2,
  兩: 2,
  三: 3,
  叁: 3,
  參: 3,
  叄: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  陸: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
  十: 10,
  拾: 10,
};

/**
 * Counters / ordinal markers that may follow a Han numeral or a digit and still leave it an
 * option number: 四番, 4번, 4号, 第四项, 4番目. (个/個/つ after a bare Han numeral mean
 * "one of them" — "选一个" — and are only accepted after 第.)
 */
export const OPTION_COUNTERS: string[] = ['番目', '番', '번째', '번', '号', '號', '项', '項', '位', '级', '級', '点', '점', '分'];
export const ORDINAL_ONLY_COUNTERS: string[] = ['个', '個', 'つ目', 'つめ'];

/**
 * Number words, accepted only right after an answer marker (or as the whole reply) and only
 * when the word ends the answer phrase ("Réponse : trois.", "I'd pick four."), because many
 * of them double as articles or ordinary words (un, uno, een, en, bir, một, 이, năm …).
 * The parser consults the prompt language plus English.
 */
export const NUMBER_WORDS: Record<string, Record<string, number>> = {
  en: { zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 },
  de: { null: 0, eins: 1, zwei: 2, drei: 3, vier: 4, fünf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9, zehn: 10 },
  fr: { zéro: 0, un: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10 },
  es: { cero: 0, uno: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10 },
  pt: { zero: 0, um: 1, dois: 2, três: 3, quatro: 4, cinco: 5, seis: 6, sete: 7, oito: 8, nove: 9, dez: 10 },
  it: { zero: 0, uno: 1, due: 2, tre: 3, quattro: 4, cinque: 5, sei: 6, sette: 7, otto: 8, nove: 9, dieci: 10 },
  nl: { nul: 0, een: 1, één: 1, twee: 2, drie: 3, vier: 4, vijf: 5, zes: 6, zeven: 7, acht: 8, negen: 9, tien: 10 },
  sv: { noll: 0, ett: 1, en: 1, två: 2, tre: 3, fyra: 4, fem: 5, sex: 6, sju: 7, åtta: 8, nio: 9, tio: 10 },
  pl: { zero: 0, jeden: 1, dwa: 2, trzy: 3, cztery: 4, pięć: 5, sześć: 6, siedem: 7, osiem: 8, dziewięć: 9, dziesięć: 10 },
  ru: { ноль: 0, один: 1, два: 2, три: 3, четыре: 4, пять: 5, шесть: 6, семь: 7, восемь: 8, девять: 9, десять: 10 },
  tr: { sıfır: 0, bir: 1, iki: 2, üç: 3, dört: 4, beş: 5, altı: 6, yedi: 7, sekiz: 8, dokuz: 9, on: 10 },
  id: { nol: 0, satu: 1, dua: 2, tiga: 3, empat: 4, lima: 5, enam: 6, tujuh: 7, delapan: 8, sembilan: 9, sepuluh: 10 },
  vi: { không: 0, một: 1, hai: 2, ba: 3, bốn: 4, năm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9, mười: 10 },
  th: { ศูนย์: 0, หนึ่ง: 1, สอง: 2, สาม: 3, สี่: 4, ห้า: 5, หก: 6, เจ็ด: 7, แปด: 8, เก้า: 9, สิบ: 10 },
  fa: { صفر: 0, یک: 1, دو: 2, سه: 3, چهار: 4, پنج: 5, شش: 6, هفت: 7, هشت: 8, نه: 9, ده: 10 },
  ar: { صفر: 0, واحد: 1, اثنان: 2, اثنين: 2, ثلاثة: 3, أربعة: 4, خمسة: 5, ستة: 6, سبعة: 7, ثمانية: 8, تسعة: 9, عشرة: 10 },
  hi: { शून्य: 0, एक: 1, दो: 2, तीन: 3, चार: 4, पांच: 5, पाँच: 5, छह: 6, सात: 7, आठ: 8, नौ: 9, दस: 10 },
  ko: { 하나: 1, 둘: 2, 셋: 3, 넷: 4, 다섯: 5, 여섯: 6, 일곱: 7 },
  ja: {},
  zh: {},
};
