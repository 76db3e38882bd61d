import type { AlignmentMetric } from './alignment-metric.js';

/**
 * Survey / dataset extension point: what is asked (items, scales, texts per language),
 * how answers become scores (scoring rules), and what they are compared with (ground truth).
 */

export type Direction = 'ltr' | 'rtl';

/** One content item of a questionnaire. Texts live per language in {@link LanguageText}. */
export interface SurveyItem {
  id: string;
  /** Block of the questionnaire; the block's stem (if any) is printed before the item. */
  block: string;
  /** Id of the answer scale; codes run 1..size, 1 = first listed option. */
  scale: string;
  /** Dimension the item feeds (informational; the scoring rules are authoritative). */
  dimension?: string;
}

export interface AnswerScale {
  id: string;
  size: number;
  midpoint: number;
}

/** Gendered text: grammatical agreement differs by gender in many languages. */
export type Gendered = string | { female: string; male: string };

/** Everything that is printed to a model in one language. */
export interface LanguageText {
  language: string;
  languageName: string;
  direction: Direction;
  version: string;
  rendering: string;
  /** sha256 of the file's canonical JSON: names the exact text a report refers to. */
  hash: string;
  /** Where the text came from (file path); not part of the hash. */
  origin?: string;
  stems: Record<string, string>;
  items: Record<string, string>;
  scales: Record<string, string[]>;
  prompt: { optionLine: string; answerInstruction: string };
  persona: {
    templates: Record<string, { female: string; male: string }>;
    traits: {
      age: Record<string, string>;
      education: Record<string, string>;
      occupation: Record<string, Gendered>;
    };
  };
  countries: Record<string, string>;
  /** Perturbation texts (paraphrases, the distribution instruction), when the survey ships them. */
  variants?: VariantTexts;
}

/** The project's renderings used by perturbations, per language (`variants/<lang>.json`). */
export interface VariantTexts {
  language: string;
  rendering: string;
  /** sha256 of the file's canonical JSON. */
  hash: string;
  origin?: string;
  /** Two paraphrases of each item. */
  paraphrases: Record<string, [string, string]>;
  /** Instruction for the verbalized method; {k} is the scale size, {codes} the codes' JSON keys. */
  distributionInstruction?: string;
  /** Questionnaire presentation: the label before each item ({id}) and the JSON answer instruction ({ids}). */
  questionLabel?: string;
  questionnaireInstruction?: string;
  /** Questionnaire presentation with the verbalized method: one distribution per item, as JSON ({ids}). */
  questionnaireDistributionInstruction?: string;
}

/** Human scores per country, keyed by ISO 3166-1 alpha-2. Missing values are null. */
export interface GroundTruthTable {
  name: string;
  version: string;
  source: string;
  /** sha256 of the source file. */
  hash: string;
  dimensions: string[];
  countries: Record<string, Record<string, number | null>>;
}

/** Turns per-item answer means of one sample into dimension scores with all constants at 0. */
export interface SurveyScorer {
  readonly dimensions: string[];
  /**
   * True when rawScores reads the answer distribution (its second argument), not only the item
   * means: the core and the bootstrap then pass the valid codes, and the noise correction (a delta
   * method on the means) is not available.
   */
  readonly needsDistributions?: boolean;
  /**
   * A dimension whose items have no valid answer is null. `answers` holds each item's valid codes,
   * for scorers that need the distribution rather than the mean (e.g. opinion surveys).
   */
  rawScores(itemMeans: Record<string, number | null>, answers?: Record<string, number[]>): Record<string, number | null>;
  /** Human-readable description of each dimension's formula, for reports. */
  describe(): Record<string, string>;
  /** Item ids the scoring rules use, so that `validate` can check they exist. */
  referencedItems?(): string[];
}

export interface Survey {
  id: string;
  title: string;
  version: string;
  items: SurveyItem[];
  scales: Record<string, AnswerScale>;
  /** Texts by language tag. */
  languages: Record<string, LanguageText>;
  scorer: SurveyScorer;
  groundTruth: GroundTruthTable;
  /** How scores are compared with the ground truth (default: the deviation ratio). */
  alignmentMetric?: AlignmentMetric;
  /** Name of each dimension's free constant, e.g. PDI -> "C(pd)". */
  constantNames?: Record<string, string>;
  /** Registry id of the answer parser this survey's replies need, unless the config names one. */
  parser?: string;
}

export function scaleOf(survey: Survey, item: SurveyItem): AnswerScale {
  const scale = survey.scales[item.scale];
  if (!scale) throw new Error(`survey ${survey.id}: item ${item.id} uses unknown scale "${item.scale}"`);
  return scale;
}
