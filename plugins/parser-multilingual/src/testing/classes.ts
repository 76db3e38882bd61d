/**
 * Corpus of the parser's hard cases, in the benchmark's 20 languages, with the outcome a careful
 * reader records, over the VSM 2013 labels as shipped in datasets/vsm2013/text. Run by
 * classes.spec.ts.
 *
 * Wrong-answer classes (each must never become an answer):
 *   hedge       — an alternative after a comma/conjunction: "I would say 4, but maybe 5"
 *   gloss       — another option's label beside a number, a word between: "4 - really very important"
 *   paraphrase  — a paraphrase of another option beside a number: "3 - extremely important"
 * Forms a reader reads at once (each must be read):
 *   lead-in     — "I'd say N" and its equivalents, followed by more words
 *   exclamation — a label as an exclamation: "Very important!"
 *   polite      — a polite / plain verb form of a label (ja, ko)
 *   script      — a label in another script (kana for kanji, traditional for simplified)
 * Controls (the fixes must not tighten these): the same shapes agreeing with the number, and a
 * hedge without an alternative.
 */
import { readFileSync } from 'node:fs';
import { datasetPath } from '@culturebench/core';
import { LANGUAGES, type Expected, type Language } from './corpus.js';

export type HardClass = 'hedge' | 'gloss' | 'paraphrase' | 'lead-in' | 'exclamation' | 'polite' | 'script' | 'control';
export const WRONG_ANSWER_CLASSES: HardClass[] = ['hedge', 'gloss', 'paraphrase'];

export interface HardEntry {
  reply: string;
  language: Language;
  scale: string;
  optionLabels: string[];
  expected: Expected;
  hardClass: HardClass;
}

/** The VSM 2013 option labels of one language, by scale (from datasets/vsm2013/text). */
export function vsmLabels(language: Language): Record<string, string[]> {
  const text = JSON.parse(readFileSync(datasetPath('vsm2013', 'text', `${language}.json`), 'utf8')) as { scales: Record<string, string[]> };
  return text.scales;
}

interface Phrases {
  /** "I'd say N" with more words after N. */
  leadIn: (n: number) => string;
  /** "I would say A, but maybe B". */
  hedge: (a: number, b: number) => string;
  /** "but maybe" */
  butMaybe: string;
  /** A hedge without an alternative ("I would say N, but I'm not sure") — still N. */
  hedgeOnly: (n: number) => string;
  /** "really", placed before a label. */
  really: string;
  /** A paraphrase of importance option 1 ("extremely important"). */
  top: string;
  /** A paraphrase of agreement option 1 ("completely agree"). */
  agreeTop: string;
}

const P: Record<Language, Phrases> = {
  en: {
    leadIn: (n) => `I'd say ${n} for this one.`,
    hedge: (a, b) => `I would say ${a}, but maybe ${b}.`,
    butMaybe: 'but maybe',
    hedgeOnly: (n) => `I would say ${n}, but I'm not completely sure.`,
    really: 'really',
    top: 'extremely important',
    agreeTop: 'completely agree',
  },
  zh: {
    leadIn: (n) => `我会说${n}吧，毕竟家庭第一。`,
    hedge: (a, b) => `我会选${a}，但也可能是${b}。`,
    butMaybe: '但也可能是',
    hedgeOnly: (n) => `我会选${n}，但我不太确定。`,
    really: '真的',
    top: '至关重要',
    agreeTop: '完全同意',
  },
  de: {
    leadIn: (n) => `Ich sage mal ${n} für mich.`,
    hedge: (a, b) => `Ich würde sagen ${a}, aber vielleicht ${b}.`,
    butMaybe: 'aber vielleicht',
    hedgeOnly: (n) => `Ich würde sagen ${n}, aber ich bin mir nicht ganz sicher.`,
    really: 'wirklich',
    top: 'extrem wichtig',
    agreeTop: 'stimme vollkommen zu',
  },
  ja: {
    leadIn: (n) => `私なら${n}と言います。`,
    hedge: (a, b) => `答え：${a}。でも、${b}かもしれません。`,
    butMaybe: 'でも、たぶん',
    hedgeOnly: (n) => `答え：${n}。でも、自信はありません。`,
    really: '本当に',
    top: '一番重要',
    agreeTop: '完全に賛成',
  },
  hi: {
    leadIn: (n) => `मैं ${n} कहूंगा, यही मेरी राय है।`,
    hedge: (a, b) => `मैं ${a} कहूंगा, लेकिन शायद ${b}।`,
    butMaybe: 'लेकिन शायद',
    hedgeOnly: (n) => `मैं ${n} कहूंगा, लेकिन मुझे पूरा यकीन नहीं है।`,
    really: 'वास्तव में',
    top: 'बेहद महत्वपूर्ण',
    agreeTop: 'पूर्णतः सहमत',
  },
  'pt-BR': {
    leadIn: (n) => `Eu diria ${n} no meu caso.`,
    hedge: (a, b) => `Eu diria ${a}, mas talvez ${b}.`,
    butMaybe: 'mas talvez',
    hedgeOnly: (n) => `Eu diria ${n}, mas não tenho certeza.`,
    really: 'realmente',
    top: 'importantíssimo',
    agreeTop: 'concordo plenamente',
  },
  ru: {
    leadIn: (n) => `Скажу ${n} в моём случае.`,
    hedge: (a, b) => `Я бы сказал ${a}, но может быть ${b}.`,
    butMaybe: 'но может быть',
    hedgeOnly: (n) => `Я бы сказал ${n}, но я не совсем уверен.`,
    really: 'действительно',
    top: 'исключительно важно',
    agreeTop: 'полностью согласен',
  },
  fr: {
    leadIn: (n) => `Je dirais ${n} pour ma part.`,
    hedge: (a, b) => `Je dirais ${a}, mais peut-être ${b}.`,
    butMaybe: 'mais peut-être',
    hedgeOnly: (n) => `Je dirais ${n}, mais je ne suis pas tout à fait sûr.`,
    really: 'vraiment',
    top: 'extrêmement important',
    agreeTop: "complètement d'accord",
  },
  es: {
    leadIn: (n) => `Yo diría ${n} en mi caso.`,
    hedge: (a, b) => `Diría ${a}, pero quizás ${b}.`,
    butMaybe: 'pero quizás',
    hedgeOnly: (n) => `Diría ${n}, pero no estoy del todo seguro.`,
    really: 'realmente',
    top: 'extremadamente importante',
    agreeTop: 'completamente de acuerdo',
  },
  fa: {
    leadIn: (n) => `می‌گویم ${n} برای خودم.`,
    hedge: (a, b) => `می‌گویم ${a}، اما شاید ${b}.`,
    butMaybe: 'اما شاید',
    hedgeOnly: (n) => `می‌گویم ${n}، اما کاملاً مطمئن نیستم.`,
    really: 'واقعاً',
    top: 'بی‌نهایت مهم',
    agreeTop: 'صد در صد موافقم',
  },
  ko: {
    leadIn: (n) => `저는 ${n}번이라고 하겠습니다.`,
    hedge: (a, b) => `${a}번이라고 하겠지만, 아마 ${b}번일 수도 있습니다.`,
    butMaybe: '하지만 아마',
    hedgeOnly: (n) => `${n}번이라고 하겠지만, 확실하지는 않습니다.`,
    really: '정말',
    top: '가장 중요합니다',
    agreeTop: '전적으로 동의합니다',
  },
  tr: {
    leadIn: (n) => `Ben ${n} derim.`,
    hedge: (a, b) => `${a} derdim, ama belki ${b}.`,
    butMaybe: 'ama belki',
    hedgeOnly: (n) => `${n} derdim, ama emin değilim.`,
    really: 'gerçekten',
    top: 'aşırı önemli',
    agreeTop: 'tamamen katılıyorum',
  },
  id: {
    leadIn: (n) => `Saya akan bilang ${n} untuk ini.`,
    hedge: (a, b) => `Saya akan bilang ${a}, tapi mungkin ${b}.`,
    butMaybe: 'tapi mungkin',
    hedgeOnly: (n) => `Saya akan bilang ${n}, tapi saya tidak yakin.`,
    really: 'benar-benar',
    top: 'paling penting',
    agreeTop: 'sepenuhnya setuju',
  },
  it: {
    leadIn: (n) => `Direi ${n} nel mio caso.`,
    hedge: (a, b) => `Direi ${a}, ma forse ${b}.`,
    butMaybe: 'ma forse',
    hedgeOnly: (n) => `Direi ${n}, ma non ne sono del tutto sicuro.`,
    really: 'davvero',
    top: 'estremamente importante',
    agreeTop: "totalmente d'accordo",
  },
  nl: {
    leadIn: (n) => `Ik zou zeggen ${n} voor mij.`,
    hedge: (a, b) => `Ik zou zeggen ${a}, maar misschien ${b}.`,
    butMaybe: 'maar misschien',
    hedgeOnly: (n) => `Ik zou zeggen ${n}, maar ik weet het niet helemaal zeker.`,
    really: 'echt',
    top: 'extreem belangrijk',
    agreeTop: 'volledig mee eens',
  },
  sv: {
    leadIn: (n) => `Jag skulle säga ${n} för min del.`,
    hedge: (a, b) => `Jag skulle säga ${a}, men kanske ${b}.`,
    butMaybe: 'men kanske',
    hedgeOnly: (n) => `Jag skulle säga ${n}, men jag är inte helt säker.`,
    really: 'verkligen',
    top: 'extremt viktigt',
    agreeTop: 'håller absolut med',
  },
  pl: {
    leadIn: (n) => `Powiedziałbym ${n} w moim przypadku.`,
    hedge: (a, b) => `Powiedziałbym ${a}, ale może ${b}.`,
    butMaybe: 'ale może',
    hedgeOnly: (n) => `Powiedziałbym ${n}, ale nie jestem do końca pewien.`,
    really: 'naprawdę',
    top: 'ogromnie ważne',
    agreeTop: 'całkowicie się zgadzam',
  },
  vi: {
    leadIn: (n) => `Tôi sẽ nói ${n} trong trường hợp này.`,
    hedge: (a, b) => `Tôi sẽ nói ${a}, nhưng có lẽ ${b}.`,
    butMaybe: 'nhưng có lẽ',
    hedgeOnly: (n) => `Tôi sẽ nói ${n}, nhưng tôi không chắc lắm.`,
    really: 'thực sự',
    top: 'vô cùng quan trọng',
    agreeTop: 'cực kỳ đồng ý',
  },
  th: {
    leadIn: (n) => `ผมว่า ${n} ครับ`,
    hedge: (a, b) => `ผมว่า ${a} แต่อาจจะ ${b}`,
    butMaybe: 'แต่อาจจะ',
    hedgeOnly: (n) => `ผมว่า ${n} แต่ไม่แน่ใจนัก`,
    really: 'จริงๆ',
    top: 'สำคัญที่สุด',
    agreeTop: 'เห็นด้วยอย่างมาก',
  },
  ar: {
    leadIn: (n) => `سأقول ${n} في حالتي.`,
    hedge: (a, b) => `سأقول ${a}، لكن ربما ${b}.`,
    butMaybe: 'لكن ربما',
    hedgeOnly: (n) => `سأقول ${n}، لكنني لست متأكدًا تمامًا.`,
    really: 'حقًا',
    top: 'مهم للغاية',
    agreeTop: 'أوافق تماما',
  },
};

/** Forms of a label that are read at once, beyond the label itself: [scale, reply, code]. */
const READ_FORMS: Partial<Record<Language, Array<[HardClass, string, string, number]>>> = {
  ja: [
    ['polite', 'importance', 'あまり重要ではありません。', 4],
    ['polite', 'importance', 'ほとんど、またはまったく重要ではありません', 5],
    ['polite', 'agreement', 'どちらとも言えません。', 3],
    ['polite', 'frequency_always_first', 'めったにありません。', 4],
    ['polite', 'pride', '非常に誇りに思います。', 1],
    ['polite', 'pride', 'あまり誇りに思いません。', 4],
    ['script', 'importance', 'きわめてじゅうよう', 1],
    ['script', 'importance', 'とてもじゅうようです。', 2],
    ['script', 'frequency_always_first', '時々', 3],
    ['script', 'agreement', 'どちらともいえない', 3],
    ['script', 'agreement', 'つよくさんせい！', 1],
  ],
  ko: [
    ['polite', 'importance', '매우 중요합니다.', 2],
    ['polite', 'importance', '별로 중요하지 않습니다.', 4],
    ['polite', 'agreement', '동의하는 편입니다.', 2],
    ['polite', 'agreement', '잘 모르겠습니다.', 3],
    ['polite', 'frequency_always_first', '항상 그렇습니다.', 1],
    ['polite', 'agreement', '전혀 동의하지 않습니다.', 5],
    ['exclamation', 'importance', '매우 중요해요!', 2],
  ],
  zh: [
    ['script', 'importance', '極其重要', 1],
    ['script', 'agreement', '不確定', 3],
    ['script', 'frequency_always_first', '總是', 1],
    ['script', 'frequency_always_first', '從不。', 5],
  ],
  tr: [
    ['lead-in', 'importance', '4 diyebilirim.', 4],
    ['lead-in', 'importance', 'Bu soruya 4 puan verirdim.', 4],
    ['lead-in', 'importance', 'Sanırım 2 diyeceğim.', 2],
  ],
};

const ucfirst = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
const A = (code: number): Expected => ({ kind: 'answer', code });
const AMBIGUOUS: Expected = { kind: 'invalid', reason: 'ambiguous' };

function entriesFor(language: Language): HardEntry[] {
  const labels = vsmLabels(language);
  const imp = labels.importance!;
  const agr = labels.agreement!;
  const p = P[language];
  const unspaced = language === 'zh' || language === 'ja' || language === 'th';
  const sp = unspaced ? '' : ' ';
  const comma = language === 'zh' ? '，' : language === 'ja' ? '、' : language === 'ar' || language === 'fa' ? '،' : ',';
  const rows: Array<[HardClass, string, string, Expected]> = [
    // 1. hedges
    ['hedge', 'importance', p.hedge(4, 5), AMBIGUOUS],
    ['hedge', 'importance', `4${comma} ${p.butMaybe}${sp}5.`, AMBIGUOUS],
    ['hedge', 'importance', `${ucfirst(imp[1]!)}${comma} ${p.butMaybe}${sp}${imp[2]!}.`, AMBIGUOUS],
    // 2. a number beside another option's label, a word between
    ['gloss', 'importance', `4 - ${p.really}${sp}${imp[1]!}`, AMBIGUOUS],
    ['gloss', 'importance', `3 (${p.really}${sp}${imp[0]!})`, AMBIGUOUS],
    // 3. a number contradicted by a paraphrase of another option
    ['paraphrase', 'importance', `3 - ${p.top}`, AMBIGUOUS],
    ['paraphrase', 'agreement', `2 - ${p.agreeTop}`, AMBIGUOUS],
    // read at once
    ['lead-in', 'importance', p.leadIn(4), A(4)],
    ['exclamation', 'importance', `${ucfirst(imp[1]!)}!`, A(2)],
    ['exclamation', 'agreement', `${ucfirst(agr[0]!)}!!`, A(1)],
    // controls: the same shapes agreeing with the number
    ['control', 'importance', p.hedgeOnly(4), A(4)],
    ['control', 'importance', `2 - ${p.really}${sp}${imp[1]!}`, A(2)],
    ['control', 'importance', `1 - ${p.top}`, A(1)],
    ['control', 'agreement', `1 - ${p.agreeTop}`, A(1)],
  ];
  for (const [hardClass, scale, reply, code] of READ_FORMS[language] ?? []) rows.push([hardClass, scale, reply, A(code)]);
  return rows.map(([hardClass, scale, reply, expected]) => ({ reply, language, scale, optionLabels: labels[scale]!, expected, hardClass }));
}

export const HARD_CASES: HardEntry[] = LANGUAGES.flatMap((l) => entriesFor(l));
