import { z } from 'zod';
import { InputError } from './errors.js';

/**
 * The measurement design: how each question is asked (elicitation method, presentation) and the
 * perturbations a robustness grid varies. Every response row records its variant.
 */

export const METHOD_IDS = ['sample', 'logprobs', 'n-completions', 'verbalized'] as const;
export const PRESENTATIONS = ['item', 'questionnaire', 'conversation'] as const;

export const elicitationSchema = z
  .object({
    /** Methods to ask with; the first is the headline's, the others are grid variants. */
    methods: z
      .array(z.enum(METHOD_IDS))
      .min(1)
      .default(['sample'])
      .describe("Methods to ask with (sample, logprobs, n-completions, verbalized); the first is the headline's, the others are grid variants."),
    /**
     * item: one item per request; questionnaire: every item in one request, answered as JSON keyed by
     * item (methods sample, n-completions, verbalized); conversation: the items in sequence in one
     * conversation, one request per item carrying the earlier turns and the model's own replies
     * (methods sample, logprobs, verbalized).
     */
    presentation: z
      .enum(PRESENTATIONS)
      .default('item')
      .describe(
        'item: one item per request; questionnaire: every item in one request as JSON (methods sample, n-completions, verbalized); conversation: items in sequence with earlier turns in context (methods sample, logprobs, verbalized).',
      ),
  })
  .strict();

export const gridSchema = z
  .object({
    /** Options listed as in the questionnaire, or reversed (answers are mapped back to the original codes). */
    optionOrder: z
      .array(z.enum(['original', 'reversed']))
      .min(1)
      .optional()
      .describe('Options as in the questionnaire, or reversed (answers mapped back to the original codes).'),
    /** Every option labelled, or numbers with only the two end points labelled. */
    labels: z
      .array(z.enum(['labelled', 'numbers']))
      .min(1)
      .optional()
      .describe('Every option labelled, or numbers with only the end points labelled.'),
    /** Persona sentence as the system message or at the top of the user message. */
    personaPlacement: z
      .array(z.enum(['system', 'user']))
      .min(1)
      .optional()
      .describe('Persona sentence as the system message or atop the user message.'),
    /** Persona phrasings (template keys of the language files). */
    personaTemplate: z.array(z.string().min(1)).min(1).optional().describe('Persona phrasings (template keys of the language files).'),
    /** The questionnaire's item wording, or the project's paraphrases 1 and 2. */
    wording: z
      .array(z.enum(['original', 'paraphrase-1', 'paraphrase-2']))
      .min(1)
      .optional()
      .describe("The questionnaire's item wording, or the project's paraphrases 1 and 2."),
    /** Base seeds: a second seed gives the test-retest variant. */
    seeds: z.array(z.number().int()).min(1).optional().describe('Base seeds: a second seed gives the test-retest variant.'),
    /** one-at-a-time: the reference plus each other level of one factor; full: every combination. */
    mode: z
      .enum(['one-at-a-time', 'full'])
      .default('one-at-a-time')
      .describe('one-at-a-time: the reference plus each other level of one factor; full: every combination.'),
  })
  .strict();

export type MethodId = (typeof METHOD_IDS)[number];
export type Presentation = (typeof PRESENTATIONS)[number];

/** One way of asking: a point of the grid. */
export interface Variant {
  /** "reference", or the factors that differ from it, e.g. "optionOrder=reversed". */
  id: string;
  method: MethodId;
  presentation: Presentation;
  optionOrder: 'original' | 'reversed';
  labels: 'labelled' | 'numbers';
  personaPlacement: 'system' | 'user';
  personaTemplate: string;
  wording: 'original' | 'paraphrase-1' | 'paraphrase-2';
  seed: number;
}

export type GridConfig = z.output<typeof gridSchema>;
export type ElicitationConfig = z.output<typeof elicitationSchema>;

const FACTORS = ['method', 'optionOrder', 'labels', 'personaPlacement', 'personaTemplate', 'wording', 'seed'] as const;
type Factor = (typeof FACTORS)[number];

/** The variants of a design; the first is the reference the headline tables use. */
export function expandVariants(opts: { elicitation: ElicitationConfig; grid?: GridConfig; personaTemplate: string; seed: number }): Variant[] {
  const g = opts.grid;
  const levels: Record<Factor, (string | number)[]> = {
    method: opts.elicitation.methods,
    optionOrder: g?.optionOrder ?? ['original'],
    labels: g?.labels ?? ['labelled'],
    personaPlacement: g?.personaPlacement ?? ['system'],
    personaTemplate: g?.personaTemplate ?? [opts.personaTemplate],
    wording: g?.wording ?? ['original'],
    seed: g?.seeds ?? [opts.seed],
  };
  for (const f of FACTORS) {
    if (new Set(levels[f]).size !== levels[f].length)
      throw new InputError(`field "${f === 'method' ? 'elicitation.methods' : `grid.${f === 'seed' ? 'seeds' : f}`}": a level appears twice`);
  }
  const reference = Object.fromEntries(FACTORS.map((f) => [f, levels[f][0]])) as Record<Factor, string | number>;
  const points: Record<Factor, string | number>[] = [];
  if ((g?.mode ?? 'one-at-a-time') === 'full') {
    let acc: Record<Factor, string | number>[] = [{ ...reference }];
    for (const f of FACTORS) acc = acc.flatMap((p) => levels[f].map((l) => ({ ...p, [f]: l })));
    points.push(...acc);
  } else {
    points.push({ ...reference });
    for (const f of FACTORS) for (const l of levels[f].slice(1)) points.push({ ...reference, [f]: l });
  }
  return points.map((p) => {
    const diff = FACTORS.filter((f) => p[f] !== reference[f]).map((f) => `${f}=${p[f]}`);
    return {
      id: diff.length ? diff.join(',') : 'reference',
      method: p.method as MethodId,
      presentation: opts.elicitation.presentation,
      optionOrder: p.optionOrder as Variant['optionOrder'],
      labels: p.labels as Variant['labels'],
      personaPlacement: p.personaPlacement as Variant['personaPlacement'],
      personaTemplate: String(p.personaTemplate),
      wording: p.wording as Variant['wording'],
      seed: Number(p.seed),
    };
  });
}

/** Displayed code i + 1 → original code: identity, or reversed. */
export function codeMapOf(order: Variant['optionOrder'], size: number): number[] {
  return Array.from({ length: size }, (_, i) => (order === 'reversed' ? size - i : i + 1));
}
