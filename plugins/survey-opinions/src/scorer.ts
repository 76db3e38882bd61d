/**
 * Scores of a distribution survey: one dimension per item × option, `<item>:<code>`, holding the
 * share of the sample's valid answers to that item that chose that option (code 1 = first listed
 * option). Each item is its own answer scale, so items may have different numbers of options.
 */
import type { SurveyScorer } from '@culturebench/core';

export interface DistributionItem {
  id: string;
  /** Option texts in code order (code 1 = options[0]); used by describe(). */
  options: string[];
}

export const OPTION_SEPARATOR = ':';

/** Dimension id of one option of one item: `q12:3`. */
export function optionDimension(item: string, code: number): string {
  return `${item}${OPTION_SEPARATOR}${code}`;
}

/** The option dimensions of every item, in code order. */
export function optionGroups(items: readonly DistributionItem[]): Record<string, string[]> {
  return Object.fromEntries(items.map((it) => [it.id, it.options.map((_, i) => optionDimension(it.id, i + 1))]));
}

/**
 * The sample's answer distribution per item. An item without a valid answer leaves all its option
 * dimensions missing (null), as the core does for an index whose items have no valid answer.
 */
export function distributionScorer(items: readonly DistributionItem[]): SurveyScorer {
  const dimensions = items.flatMap((it) => it.options.map((_, i) => optionDimension(it.id, i + 1)));
  return {
    dimensions,
    needsDistributions: true,
    rawScores(_itemMeans, answers) {
      if (!answers) {
        throw new Error('distribution scorer: the core passed no answer codes (rawScores needs its second argument, the valid codes per item)');
      }
      const out: Record<string, number | null> = {};
      for (const it of items) {
        const k = it.options.length;
        const codes = (answers[it.id] ?? []).filter((c) => Number.isInteger(c) && c >= 1 && c <= k);
        for (let code = 1; code <= k; code++) {
          out[optionDimension(it.id, code)] = codes.length === 0 ? null : codes.filter((c) => c === code).length / codes.length;
        }
      }
      return out;
    },
    referencedItems() {
      return items.map((it) => it.id);
    },
    describe() {
      const out: Record<string, string> = {};
      for (const it of items) {
        it.options.forEach((label, i) => {
          out[optionDimension(it.id, i + 1)] = `share of the valid answers to ${it.id} that chose option ${i + 1} of ${it.options.length} ("${label}")`;
        });
      }
      return out;
    },
  };
}
