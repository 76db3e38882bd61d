import { describe, expect, it } from '@jest/globals';
import type { ParseContext, ParsedAnswer } from '@culturebench/core';
import { LABELS } from './testing/corpus.js';
import { asciiDigit, fold, foldPattern } from './fold.js';
import { multilingualParser, MultilingualAnswerParser } from './index.js';
import { ANSWER_MARKERS } from './markers.js';
import { CJK_NUMERALS, DIGIT_ZEROS } from './numerals.js';
import { REFUSAL_PATTERNS } from './refusals.js';

const EN_IMPORTANCE = LABELS.en.importance;
const EN_AGREEMENT = LABELS.en.agreement;
const en: ParseContext = { scaleSize: 5, optionLabels: EN_IMPORTANCE, language: 'en' };
const enAgree: ParseContext = { scaleSize: 5, optionLabels: EN_AGREEMENT, language: 'en' };
const zh: ParseContext = { scaleSize: 5, optionLabels: LABELS.zh.importance, language: 'zh' };
const zhAgree: ParseContext = { scaleSize: 5, optionLabels: LABELS.zh.agreement, language: 'zh' };
const ja: ParseContext = { scaleSize: 5, optionLabels: LABELS.ja.importance, language: 'ja' };

type Short = number | 'refusal' | 'empty' | 'no-answer' | 'ambiguous' | 'out-of-range';

function short(r: ParsedAnswer): Short {
  if (r.kind === 'answer') return r.code;
  if (r.kind === 'refusal') return 'refusal';
  return r.reason;
}

function check(ctx: ParseContext, cases: Array<[string, Short]>): void {
  const got = cases.map(([reply]) => [reply, short(multilingualParser.parse(reply, ctx))]);
  expect(got).toEqual(cases);
}

describe('multilingualParser', () => {
  it('has the documented id', () => {
    expect(multilingualParser.id).toBe('multilingual-v2');
    expect(new MultilingualAnswerParser().id).toBe('multilingual-v2');
  });

  it('rejects an invalid context instead of guessing', () => {
    expect(() => multilingualParser.parse('3', { scaleSize: 0, optionLabels: [], language: 'en' })).toThrow(/scaleSize/);
    expect(() => multilingualParser.parse('3', { scaleSize: 2.5, optionLabels: [], language: 'en' })).toThrow(/scaleSize/);
  });

  it('works without labels (numbers only)', () => {
    check({ scaleSize: 7, optionLabels: [], language: 'en' }, [
      ['7', 7],
      ['8', 'out-of-range'],
      ['Very important', 'no-answer'],
    ]);
  });
});

describe('empty replies', () => {
  it('reports empty, whitespace-only and punctuation-only replies as empty', () => {
    check(en, [
      ['', 'empty'],
      ['   \n\t', 'empty'],
      ['\u3000', 'empty'],
      ['...', 'empty'],
      ['**', 'empty'],
    ]);
  });
});

describe('digits', () => {
  it('maps every digit script the 20 languages use to ASCII', () => {
    for (const [script, zero] of Object.entries(DIGIT_ZEROS)) {
      for (let d = 0; d <= 9; d++) {
        expect({ script, d, ascii: fold(String.fromCodePoint(zero + d)) }).toEqual({ script, d, ascii: String(d) });
      }
    }
    expect(asciiDigit('\u{1D7D2}')).toBe('4'); // mathematical bold digit four
    expect(fold('①')).toBe('1');
  });

  it('reads answers in full-width, Arabic-Indic, Persian, Devanagari and Thai digits', () => {
    check(en, [
      ['４', 4],
      ['Answer: ٤', 4],
      ['Answer: ۴', 4],
      ['Answer: ४', 4],
      ['Answer: ๔', 4],
      ['3️⃣', 3],
    ]);
  });
});

describe('number formats', () => {
  it('accepts the common ways of writing the number', () => {
    check(en, [
      ['4', 4],
      ['4.', 4],
      ['(4)', 4],
      ['[4]', 4],
      ['**4**', 4],
      ['*4*', 4],
      ['"4"', 4],
      ['Option 4', 4],
      ['Option #4', 4],
      ['4 - of little importance', 4],
      ['4 = of little importance', 4],
      ['4 (of little importance)', 4],
      ["I'd choose 4 because I value my free time.", 4],
      ['My answer is 4.', 4],
      ['**Answer:** 4', 4],
      ['### Answer\n4', 4],
      ['Answer: 2.0', 2],
      ['Hmm, 4?', 4],
      ['It is 4 in my opinion', 4],
      ['I rate it 4 out of 5.', 4],
      ['Rating: 4/5', 4],
      ['Answer: 4 on a 5-point scale', 4],
      ['A: 3', 3],
    ]);
  });

  it('reads number words only where an answer is expected', () => {
    check(en, [
      ['Four.', 4],
      ['Answer: two', 2],
      ["I'd choose one of the middle options.", 'no-answer'],
    ]);
  });
});

describe('labels', () => {
  it('matches labels case- and accent-insensitively, with or without the leading "of"', () => {
    check(en, [
      ['VERY IMPORTANT', 2],
      ['Utmost importance', 1],
      ['Of moderate importance.', 3],
    ]);
    check({ scaleSize: 5, optionLabels: LABELS.de.importance, language: 'de' }, [
      ['AUSSERST WICHTIG', 1],
      ['mittelmassig wichtig', 3],
    ]);
    check({ scaleSize: 5, optionLabels: LABELS.fr.importance, language: 'fr' }, [['TRES IMPORTANT', 2]]);
  });

  it('prefers the longest label; a shorter label inside it is not a second candidate', () => {
    check(enAgree, [
      ['Strongly disagree', 5],
      ['Disagree', 4],
      ['Agree', 2],
      ['Strongly agree', 1],
      ['I strongly agree with this statement.', 1],
    ]);
    check(zhAgree, [
      ['非常不同意', 5],
      ['不同意', 4],
      ['同意', 2],
      ['我非常同意', 1],
    ]);
    const withSubstring: ParseContext = { scaleSize: 3, optionLabels: ['非常重要', '重要', '不重要'], language: 'zh' };
    check(withSubstring, [
      ['非常重要', 1],
      ['重要', 2],
      ['不重要', 3],
    ]);
  });

  it('treats a number with its own label as one answer, with a different label as ambiguous', () => {
    check(en, [
      ['2 - very important', 2],
      ['very important (2)', 2],
      ['4 - very important', 'ambiguous'],
      ['very important (3)', 'ambiguous'],
      ['Answer: 1 (of little importance)', 'ambiguous'],
    ]);
  });

  it('does not count negated labels', () => {
    check(en, [
      ['Not very important.', 'no-answer'],
      ["I don't think it's very important.", 'no-answer'],
      ['Very important. Not of utmost importance, but close.', 2],
    ]);
    check(zh, [['不是非常重要。', 'no-answer']]);
    check({ scaleSize: 5, optionLabels: LABELS.tr.importance, language: 'tr' }, [['Çok önemli değil.', 'no-answer']]);
    check({ scaleSize: 5, optionLabels: LABELS.fr.agreement, language: 'fr' }, [
      ["Je ne suis pas d'accord.", 4],
      ["Je ne suis ni d'accord ni pas d'accord.", 'no-answer'],
    ]);
  });

  it('does not read a truncated longer label as the shorter one', () => {
    check(en, [['Very little importance', 'ambiguous']]);
    check({ scaleSize: 5, optionLabels: LABELS.de.importance, language: 'de' }, [['Sehr wenig wichtig', 'ambiguous']]);
    check({ scaleSize: 5, optionLabels: LABELS.th.importance, language: 'th' }, [['สำคัญน้อยมาก', 'ambiguous']]);
  });
});

describe('CJK numerals', () => {
  it('accepts them as the whole reply or after an answer marker', () => {
    check(zh, [
      ['四', 4],
      ['答案：四', 4],
      ['选三', 3],
      ['我选第四个', 4],
      ['选择：第三个选项', 3],
      ['我的回答是：二。', 2],
      ['答案：六', 'out-of-range'],
      ['答案：壹', 1],
    ]);
    check(ja, [
      ['四番です。', 4],
      ['二番を選びます。', 2],
    ]);
  });

  it('does not read 一 inside ordinary words', () => {
    check(zh, [
      ['一般来说，我会选择3。', 3],
      ['我一直认为家庭非常重要，所以选2。', 2],
      ['一些人认为这不太重要，我选4。', 4],
      ['我的答案是：一般重要', 3],
      ['我一般都这样想。', 'no-answer'],
      ['很难选一个。', 'no-answer'],
      ['答案：一点也不重要', 'no-answer'],
    ]);
  });
});

describe('JSON', () => {
  it('reads answer keys in plain, fenced, string, nested and malformed JSON', () => {
    check(en, [
      ['{"answer": 4}', 4],
      ['{"answer":"4"}', 4],
      ['```json\n{"answer": 4}\n```', 4],
      ['```\n{"choice": 2}\n```', 2],
      ['{"option": 3}', 3],
      ['{"response": 3}', 3],
      ['{"score": 5}', 5],
      ['{"rating": 1}', 1],
      ['{"final_answer": 2}', 2],
      ['{"reasoning": "Family first (1 = utmost).", "answer": 2}', 2],
      ['{"result": {"answer": 4}}', 4],
      ['{"choice": "very important"}', 2],
      ["{'answer': 4}", 4],
      ['{"answer": 4', 4],
      ['{"answer": 7}', 'out-of-range'],
      ['{"answer": 0}', 'out-of-range'],
      ['{"answer": [2, 3]}', 'ambiguous'],
      ['{"answer": "2 or 3"}', 'ambiguous'],
      ['{"answer": 3.5}', 'ambiguous'],
      ['{"answer": null, "reason": "As an AI I have no personal opinion"}', 'refusal'],
      ['{"answer": "N/A"}', 'no-answer'],
    ]);
  });
});

describe('ambiguity', () => {
  it('reports two different candidates as ambiguous', () => {
    check(en, [
      ['3 or 4', 'ambiguous'],
      ['3-4', 'ambiguous'],
      ['3/4', 'ambiguous'],
      ['Between 2 and 3.', 'ambiguous'],
      ['Either 2 or 4.', 'ambiguous'],
      ["I'd say 3 or 4, depending on the day.", 'ambiguous'],
      ["I'd say it's somewhere between very important and of moderate importance.", 'ambiguous'],
      ["I can't choose between 2 and 3.", 'ambiguous'],
      ['I would choose 2 or maybe also 3', 'ambiguous'],
      ['Answer: 4. Final answer: 3.', 'ambiguous'],
      ['3.5', 'ambiguous'],
      ['Answer: 3,5', 'ambiguous'],
    ]);
    check(ja, [['3か4です。', 'ambiguous']]);
    check(zh, [['3或4', 'ambiguous']]);
  });

  it('keeps the answer when the explanation mentions other numbers', () => {
    check(en, [
      ["4\n\nI'm a 35-year-old engineer with 2 kids, so family time matters.", 4],
      ['I would choose 4, as I have 3 children.', 4],
      ["I'd go with 3 - of moderate importance. Although some might say 2, I think 3 fits better.", 3],
      ["It's not 5, it's 4.", 4],
    ]);
  });
});

describe('negated choices and hedges', () => {
  it('does not take a rejected option for the answer', () => {
    check({ ...en, language: 'es' }, [['No elegiría el 1, sino el 2.', 2]]);
    check({ ...en, language: 'de' }, [['Ich würde nicht 1 wählen, sondern 2.', 2]]);
    check(ja, [
      ['1は選びません。2を選びます。', 2],
      ['1を選びません。', 'no-answer'],
    ]);
    check({ scaleSize: 5, optionLabels: LABELS.ko.importance, language: 'ko' }, [['1번을 선택하지 않겠습니다.', 'no-answer']]);
    check(zh, [['我不选1，我选2。', 2]]);
  });

  it('sees a hedge that opens the next sentence', () => {
    check(en, [
      ['Answer: 3. Maybe 4.', 'ambiguous'],
      ['4. Or maybe 3.', 'ambiguous'],
      ['Answer: 3. Maybe I should explain why.', 3],
      ['Ich tendiere zu 3, vielleicht auch 4.', 'ambiguous'],
    ]);
  });

  it('reads Dutch "of" as "or"', () => {
    const nl: ParseContext = { scaleSize: 5, optionLabels: LABELS.nl.importance, language: 'nl' };
    check(nl, [
      ['Antwoord: 3 of 4', 'ambiguous'],
      ['4 of 5', 'ambiguous'],
      ['4/5', 4],
    ]);
    check(en, [['4 of 5', 4]]);
  });
});

describe('contradictions after a number (never turned into an answer)', () => {
  it('sees a hedge after a comma or conjunction, close to the alternative', () => {
    check(en, [
      ['I would say 4, but maybe 5', 'ambiguous'],
      ['4, or possibly 5.', 'ambiguous'],
      ['4 - though 5 is also possible.', 'ambiguous'],
      ['4, perhaps even 5.', 'ambiguous'],
      ['Answer: 4, although 5 would also fit.', 'ambiguous'],
      ['My answer is 4, but it could be 5.', 'ambiguous'],
      // no alternative, a rejected one, or others' view: the answer stands
      ["I'd say 4, but I'm not sure.", 4],
      ["I'd choose 4, but not 5.", 4],
      ['Answer: 2. Although some might say 3, I think 2 fits.', 2],
      ['4 - of little importance. But family is very important to me.', 4],
    ]);
  });

  it("sees another option's label beside a number with words between", () => {
    check(en, [
      ['4 - really very important', 'ambiguous'],
      ['4: quite simply very important.', 'ambiguous'],
      ["4 (I'd say very important)", 'ambiguous'],
      ['2 - really very important', 2],
      ['4 - because for me work is very important only sometimes', 4],
    ]);
  });

  it('sees a paraphrase of another option, which alone is no answer', () => {
    check(en, [
      ['3 - extremely important', 'ambiguous'],
      ["3 - it's extremely important to me.", 'ambiguous'],
      ['Extremely important - 3.', 'ambiguous'],
      ['1 - extremely important', 1],
      ['Extremely important.', 'no-answer'],
    ]);
    // "completely agree" is not "agree" (2): it paraphrases "strongly agree".
    check(enAgree, [
      ['2 - completely agree', 'ambiguous'],
      ['Completely agree.', 'no-answer'],
      ['Agree.', 2],
    ]);
  });
});

describe('forms read at once', () => {
  it('reads polite and plain verb forms of Japanese and Korean labels', () => {
    const ko: ParseContext = { scaleSize: 5, optionLabels: LABELS.ko.importance, language: 'ko' };
    check(ko, [
      ['매우 중요합니다.', 2],
      ['매우 중요해요!', 2],
      ['별로 중요하지 않습니다', 4],
      ['매우 중요하지 않습니다', 'no-answer'],
    ]);
    check({ ...ja, optionLabels: LABELS.ja.agreement }, [
      ['そう思います。', 2],
      ['そう思いません。', 4],
      ['全くそう思いません', 5],
    ]);
  });

  it('reads a label written in another script', () => {
    check(ja, [
      ['ひじょうにじゅうよう', 2],
      ['さいもじゅうよう', 'no-answer'],
    ]);
    check(zh, [['極其重要', 1]]);
  });
});

describe('numbers that are not answers', () => {
  it('ignores scores on another scale', () => {
    check(en, [
      ["I'd give it a 5 out of 10", 'no-answer'],
      ['7/10', 'no-answer'],
      ['3/4', 'ambiguous'],
    ]);
  });

  it('ignores scale descriptions, ages, years, percentages, references and quantities', () => {
    check(en, [
      ['On a scale of 1 to 5, I would say 4.', 4],
      ['On a 1-5 scale: 4', 4],
      ['1 - 5', 'no-answer'],
      ['On a scale from 1 to 5.', 'no-answer'],
      ['The scale runs from 1 (of utmost importance) to 5 (of very little or no importance). I would say 2.', 2],
      ['I am 35 years old.', 'no-answer'],
      ["I'm 42 years old and I'd pick 3.", 3],
      ['In 2023, 80% of people said it was important. My answer: 2', 2],
      ['There are 5 options. I choose 4.', 4],
      ['Question 4: 2', 2],
      ['I live with 3 roommates.', 'no-answer'],
      ['I work 3-4 hours a day, so free time is very important.', 2],
      ['I would never choose 1.', 'no-answer'],
      ['We meet at 10:30 every day.', 'no-answer'],
      ['GPT4 says 3.', 3],
    ]);
  });
});

describe('out of range', () => {
  it('reports answers outside 1..k', () => {
    check(en, [
      ['0', 'out-of-range'],
      ['6', 'out-of-range'],
      ['7', 'out-of-range'],
      ['Answer: 10', 'out-of-range'],
      ['I would choose 6.', 'out-of-range'],
      ['Answer: 7 - very important', 'ambiguous'],
    ]);
  });
});

describe('option echoes', () => {
  const list = '1 - of utmost importance\n2 - very important\n3 - of moderate importance\n4 - of little importance\n5 - of very little or no importance';
  it('is no-answer when all options are repeated and none is marked', () => {
    check(en, [
      [list, 'no-answer'],
      [list.replace(/\n/g, ' '), 'no-answer'],
      ['- of utmost importance\n- very important\n- of moderate importance\n- of little importance\n- of very little or no importance', 'no-answer'],
      ['The options are 1, 2, 3, 4 and 5.', 'no-answer'],
    ]);
  });
  it('reads the one marked option of an echoed list', () => {
    check(en, [
      [list.replace('2 - very important', '**2 - very important**'), 2],
      [list.replace('3 - of moderate importance', '3 - of moderate importance ✓'), 3],
      [list.replace('4 - of little importance', '4 - of little importance <-- my choice'), 4],
      [`${list}\n\nMy answer: 3`, 3],
    ]);
  });
});

describe('refusals', () => {
  it('recognises AI disclaimers and refusals in all 20 languages', () => {
    const refusals: Array<[string, string]> = [
      ['en', "As an AI, I don't have personal opinions or feelings."],
      ['en', "I'm unable to answer this question."],
      ['en', 'I cannot answer that.'],
      ['zh', '作为一个人工智能，我没有个人观点。'],
      ['zh', '作为AI语言模型，我无法回答。'],
      ['de', 'Als KI habe ich keine persönlichen Meinungen.'],
      ['fr', "En tant qu'IA, je n'ai pas d'opinion."],
      ['es', 'Como IA, no tengo opiniones personales.'],
      ['pt-BR', 'Como IA, não tenho opiniões pessoais.'],
      ['ru', 'Как ИИ, я не имею личного мнения.'],
      ['tr', 'AI olarak kişisel görüşlerim yok.'],
      ['id', 'Sebagai AI, saya tidak memiliki pendapat pribadi.'],
      ['it', 'Come IA, non ho opinioni personali.'],
      ['nl', 'Als AI heb ik geen persoonlijke mening.'],
      ['sv', 'Som AI har jag inga personliga åsikter.'],
      ['pl', 'Jako AI nie mam osobistych opinii.'],
      ['vi', 'Là một AI, tôi không có ý kiến cá nhân.'],
      ['th', 'ในฐานะ AI ฉันไม่มีความคิดเห็นส่วนตัว'],
      ['fa', 'به عنوان یک هوش مصنوعی، نظر شخصی ندارم.'],
      ['ar', 'بصفتي ذكاءً اصطناعيًا، ليس لدي آراء شخصية.'],
      ['ar', 'كذكاء اصطناعي، لا أستطيع الإجابة.'],
      ['hi', 'एक एआई के रूप में, मेरी कोई व्यक्तिगत राय नहीं है।'],
      ['ko', 'AI로서 저는 개인적인 의견이 없습니다.'],
      ['ja', 'AIとして、個人的な意見は持っていません。'],
      ['ja', '私はAIなので、お答えできません。'],
    ];
    const got = refusals.map(([language, reply]) => [language, reply, short(multilingualParser.parse(reply, { ...en, language }))]);
    expect(got).toEqual(refusals.map(([l, r]) => [l, r, 'refusal']));
  });

  it('treats a disclaimer followed by a clear answer as an answer (role-play compliance)', () => {
    check(en, [
      ["As an AI I don't have feelings, but if I were a person from Japan I would choose 2", 2],
      ["As an AI language model, I don't have personal preferences.\n\n**3**", 3],
      ["As an AI, I don't have personal opinions. Answer: 4", 4],
      // The disclaimer wins when the option is only mentioned in passing.
      ["As an AI, I don't have feelings about whether work is very important.", 'refusal'],
      ["As an AI, I can't have preferences. However, a typical Brazilian might choose 2 or 3.", 'ambiguous'],
      ['I cannot answer. Answer: N/A', 'refusal'],
    ]);
    check(zh, [['作为AI语言模型，我没有个人感受，但如果我是一个典型的中国人，我会选三。', 3]]);
  });

  it('does not take role-play phrasing for a disclaimer', () => {
    check(en, [['As a Japanese person, I would say 2.', 2]]);
    check({ ...en, language: 'de' }, [['Als Deutscher würde ich 2 wählen.', 2]]);
  });
});

describe('data tables', () => {
  it('compile after folding, in every language', () => {
    for (const [lang, set] of Object.entries(ANSWER_MARKERS)) {
      for (const p of [...set.pre, ...set.post, ...(set.postNumeric ?? [])]) {
        expect(() => new RegExp(foldPattern(p), 'u')).not.toThrow();
        expect({ lang, p, uppercaseEscape: /\\[SDWB]/.test(p) }).toEqual({ lang, p, uppercaseEscape: false });
      }
    }
    for (const patterns of Object.values(REFUSAL_PATTERNS)) {
      for (const p of patterns) expect(() => new RegExp(foldPattern(p), 'u')).not.toThrow();
    }
  });

  it('cover all 20 languages', () => {
    const langs = ['en', 'zh', 'de', 'ja', 'hi', 'pt', 'ru', 'fr', 'es', 'ko', 'tr', 'id', 'it', 'nl', 'sv', 'pl', 'vi', 'th', 'fa', 'ar'];
    for (const l of langs) {
      expect({ l, markers: ANSWER_MARKERS[l]!.pre.length > 0 }).toEqual({ l, markers: true });
      expect({ l, refusals: (REFUSAL_PATTERNS[l] ?? []).length > 0 }).toEqual({ l, refusals: true });
    }
    expect(CJK_NUMERALS['四']).toBe(4);
  });
});

describe('fast path for bare codes', () => {
  it('gives exactly what the full pipeline gives', async () => {
    const { parseWithoutFastPath } = await import('./parser.js');
    const labels = ['a', 'b', 'c', 'd', 'e'];
    for (const reply of ['1', '3', '5', ' 4 ', '2.', '3.\n', '\n5\n']) {
      const ctx = { scaleSize: 5, optionLabels: labels, language: 'en' };
      expect(multilingualParser.parse(reply, ctx)).toEqual(parseWithoutFastPath(reply, ctx));
    }
  });
});
