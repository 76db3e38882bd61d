/**
 * A realistic, synthetic ResultsDocument for the tests: 20 countries, 6 dimensions, 4 conditions,
 * two LLMs (one with an id full of HTML), one baseline and the human-global-average reference.
 * Numbers come from a seeded generator; the statistics are computed from them so the charts look
 * like a real run (models compressed toward the middle, DR around 1).
 */
import { webInference, type Interval, type ResultsDocument } from '@culturebench/analysis';
import { mulberry32, type RunManifest } from '@culturebench/core';

export const COUNTRIES: { code: string; language: string; name: string; direction: 'ltr' | 'rtl' }[] = [
  ['US', 'en', 'United States'],
  ['CN', 'zh', 'China'],
  ['DE', 'de', 'Germany'],
  ['JP', 'ja', 'Japan'],
  ['IN', 'hi', 'India'],
  ['BR', 'pt-BR', 'Brazil'],
  ['RU', 'ru', 'Russia'],
  ['FR', 'fr', 'France'],
  ['ES', 'es', 'Spain'],
  ['IR', 'fa', 'Iran'],
  ['KR', 'ko', 'South Korea'],
  ['TR', 'tr', 'Turkey'],
  ['ID', 'id', 'Indonesia'],
  ['IT', 'it', 'Italy'],
  ['NL', 'nl', 'Netherlands'],
  ['SE', 'sv', 'Sweden'],
  ['PL', 'pl', 'Poland'],
  ['VN', 'vi', 'Vietnam'],
  ['TH', 'th', 'Thailand'],
  ['MA', 'ar', 'Morocco'],
].map(([code, language, name]) => ({ code, language, name, direction: language === 'fa' || language === 'ar' ? 'rtl' : 'ltr' }));

export const DIMENSIONS = ['PDI', 'IDV', 'MAS', 'UAI', 'LTO', 'IVR'];
export const CONDITIONS = ['native', 'english', 'chinese', 'language-average'];
/** A model id that would inject markup if anything forgot to escape it. */
export const NASTY_MODEL = 'evil<img src=x onerror="window.__pwned=1">&"\'';

const WEB_SHARE: Record<string, [number, number]> = {
  en: [62.9, 19.6],
  ru: [6.1, 3.76],
  tr: [3.7, 1.14],
  es: [3.6, 7.85],
  fa: [3.2, 0.88],
  fr: [2.7, 3.33],
  de: [2.6, 2.37],
  ja: [2.1, 2.66],
  vi: [1.7, 0.85],
  zh: [1.4, 21.6],
  ar: [1.2, 3.09],
  it: [1.1, 1.0],
  nl: [1.0, 0.41],
  pl: [0.8, 0.63],
  id: [0.7, 1.96],
  pt: [0.7, 3.13],
  th: [0.5, 0.65],
  ko: [0.5, 0.98],
  sv: [0.3, 0.23],
  hi: [0.1, 3.76],
};

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};
const round = (v: number, d = 4) => Math.round(v * 10 ** d) / 10 ** d;
const ivl = (est: number, half: number, d = 4): Interval => ({ estimate: round(est, d), lo: round(est - half, d), hi: round(est + half, d) });
function pearson(x: number[], y: number[]): number {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}
const ranks = (x: number[]) => {
  const order = x.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(x.length);
  order.forEach(([, i], r) => (out[i] = r + 1));
  return out;
};
const dist = (a: number[], b: number[]) => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0));

export function makeFixture(
  options: {
    models?: { id: string; kind: 'llm' | 'baseline' | 'reference'; origin: string | null; provider: string | null; compress: number; noise: number }[];
  } = {},
): ResultsDocument {
  const rand = mulberry32(2025);
  const models = options.models ?? [
    { id: 'gpt-4o', kind: 'llm' as const, origin: 'US', provider: 'openai', compress: 0.45, noise: 8 },
    { id: NASTY_MODEL, kind: 'llm' as const, origin: 'CN', provider: 'ollama', compress: 0.3, noise: 11 },
    { id: 'baseline-middle', kind: 'baseline' as const, origin: null, provider: 'baseline', compress: 0, noise: 3 },
    { id: 'human-global-average', kind: 'reference' as const, origin: null, provider: null, compress: 0, noise: 0 },
  ];
  const human: Record<string, Record<string, number | null>> = {};
  for (const c of COUNTRIES) human[c.code] = Object.fromEntries(DIMENSIONS.map((d) => [d, Math.round(10 + rand() * 85)]));
  human['MA']['LTO'] = null; // a missing human score, as in the real table for some countries
  const global: Record<string, number | null> = Object.fromEntries(
    DIMENSIONS.map((d) => [d, round(mean(COUNTRIES.map((c) => human[c.code][d]).filter((v): v is number => v !== null)), 2)]),
  );

  const scores: ResultsDocument['scores'] = [];
  const drs = new Map<string, number>(); // model|country|condition → DR
  const modelVec = new Map<string, number[]>(); // model|condition|dimension → scores over countries
  for (const m of models) {
    for (const cond of CONDITIONS) {
      const condShift = cond === 'chinese' ? 4 : cond === 'english' ? 1 : 0;
      for (const c of COUNTRIES) {
        const mv: number[] = [];
        const hv: number[] = [];
        const gv: number[] = [];
        for (const d of DIMENSIONS) {
          const h = human[c.code][d];
          const g = global[d] as number;
          const est = m.kind === 'reference' ? g : g + m.compress * ((h ?? g) - g) + (rand() - 0.5) * 2 * m.noise + condShift;
          const half = m.kind === 'reference' ? 0 : 4 + rand() * 6;
          scores.push({
            model: m.id,
            country: c.code,
            condition: cond,
            dimension: d,
            score: m.kind === 'reference' ? { estimate: round(est, 2), lo: null, hi: null } : ivl(est, half, 2),
            human: h,
          });
          const key = `${m.id}|${cond}|${d}`;
          modelVec.set(key, [...(modelVec.get(key) ?? []), est]);
          if (h !== null) {
            mv.push(est);
            hv.push(h);
            gv.push(g);
          }
        }
        const dm = dist(mv, hv);
        drs.set(`${m.id}|${c.code}|${cond}`, dm === 0 ? 1 : dist(gv, hv) / dm);
      }
    }
  }

  const llms = models.filter((m) => m.kind === 'llm');
  const perModel: ResultsDocument['perModel'] = [];
  const language: ResultsDocument['language'] = [];
  for (const cond of CONDITIONS) {
    const stats = models.map((m) => {
      const xs = COUNTRIES.map((c) => Math.min(3, drs.get(`${m.id}|${c.code}|${cond}`) as number));
      const sorted = [...xs].sort((a, b) => a - b);
      return { m, mean: m.kind === 'reference' ? 1 : mean(xs), median: m.kind === 'reference' ? 1 : (sorted[9] + sorted[10]) / 2 };
    });
    const order = [...stats].sort((a, b) => b.mean - a.mean);
    for (const s of order) {
      const pool = s.m.kind === 'llm' ? order.filter((o) => o.m.kind === 'llm') : order;
      const rank = pool.indexOf(s) + 1;
      const half = s.m.kind === 'reference' ? 0 : 0.06 + rand() * 0.08;
      const probs = pool.map((_, k) => (k === rank - 1 ? 0.8 : 0.2 / Math.max(1, pool.length - 1)));
      perModel.push({
        model: s.m.id,
        condition: cond,
        meanDr: s.m.kind === 'reference' ? { estimate: 1, lo: 1, hi: 1 } : ivl(s.mean, half),
        medianDr: ivl(s.median, half * 1.2),
        nCountries: 20,
        rank,
        rankProbabilities: probs.map((p) => round(p, 3)),
        rankInterval: { lo: Math.max(1, rank - 1), hi: Math.min(pool.length, rank + (rand() < 0.5 ? 0 : 1)) },
      });
      language.push({ model: s.m.id, condition: cond, meanDr: s.m.kind === 'reference' ? { estimate: 1, lo: 1, hi: 1 } : ivl(s.mean, half) });
    }
  }

  for (const cond of CONDITIONS) {
    const xs = language.filter((l) => l.condition === cond && llms.some((m) => m.id === l.model)).map((l) => l.meanDr.estimate as number);
    language.push({ model: 'all-llms', condition: cond, meanDr: ivl(mean(xs), 0.05) });
  }

  const perCountry: ResultsDocument['perCountry'] = [];
  const alignment: ResultsDocument['alignment'] = [];
  for (const cond of CONDITIONS) {
    const start = perCountry.length;
    for (const c of COUNTRIES) {
      const xs = llms.map((m) => Math.min(3, drs.get(`${m.id}|${c.code}|${cond}`) as number));
      const hv = DIMENSIONS.map((d) => human[c.code][d]);
      const gd = dist(
        hv.filter((v): v is number => v !== null),
        DIMENSIONS.filter((d) => human[c.code][d] !== null).map((d) => global[d] as number),
      );
      perCountry.push({
        country: c.code,
        condition: cond,
        rank: null,
        meanDr: ivl(mean(xs), 0.1 + rand() * 0.15),
        medianDr: round(mean(xs), 4),
        nModels: llms.length,
        baselineDistance: round(gd, 3),
      });
      for (const m of models) {
        const dr = drs.get(`${m.id}|${c.code}|${cond}`) as number;
        alignment.push({ model: m.id, country: c.code, condition: cond, dr: ivl(dr, 0.1), distance: ivl(gd / dr, 2, 3), baselineDistance: round(gd, 3) });
      }
    }
    // Best first per condition, with competition ranks.
    const block = perCountry.splice(start).sort((a, b) => (b.meanDr.estimate as number) - (a.meanDr.estimate as number));
    block.forEach((p, i) => perCountry.push({ ...p, rank: i + 1 }));
  }

  const middleGround: ResultsDocument['middleGround'] = [];
  const dimensionAgreement: ResultsDocument['dimensionAgreement'] = [];
  for (const m of models) {
    for (const cond of CONDITIONS) {
      for (const d of DIMENSIONS) {
        const mv = modelVec.get(`${m.id}|${cond}|${d}`) as number[];
        const pairs = COUNTRIES.map((c, i) => [mv[i], human[c.code][d]] as const).filter((p): p is readonly [number, number] => p[1] !== null);
        const x = pairs.map((p) => p[0]);
        const y = pairs.map((p) => p[1]);
        const msd = sd(x);
        const hsd = sd(y);
        middleGround.push({ model: m.id, condition: cond, dimension: d, spreadRatio: ivl(msd / hsd, 0.08), modelSd: round(msd, 3), humanSd: round(hsd, 3) });
        const p = pearson(x, y);
        const s = pearson(ranks(x), ranks(y));
        dimensionAgreement.push({
          model: m.id,
          condition: cond,
          dimension: d,
          pearson: m.kind === 'reference' ? { estimate: null, lo: null, hi: null } : ivl(p, 0.15),
          spearman: m.kind === 'reference' ? { estimate: null, lo: null, hi: null } : ivl(s, 0.17),
          kendall: m.kind === 'reference' ? { estimate: null, lo: null, hi: null } : ivl(s * 0.75, 0.14),
          meanAbsError: ivl(mean(x.map((v, i) => Math.abs(v - y[i]))), 2, 3),
          n: pairs.length,
        });
      }
    }
  }

  const middleGroundDistance: ResultsDocument['middleGroundDistance'] = models
    .filter((m) => m.kind !== 'reference')
    .flatMap((m) =>
      CONDITIONS.map((condition) => {
        const toG = 8 + m.compress * 30 + rand() * 4;
        return { model: m.id, condition, toGlobal: ivl(toG, 2), toCountry: ivl(38 - m.compress * 10 + rand() * 5, 3), humanToGlobal: 41.3, nCountries: 20 };
      }),
    );

  const headlineCountry = (code: string) => perCountry.find((p) => p.country === code && p.condition === 'language-average')!.meanDr.estimate;
  const webContent: ResultsDocument['webContent'] = ['w3techs_2022_pct', 'obslc_2022_pct'].map((measure, mi) => {
    const points = COUNTRIES.map((c) => ({
      country: c.code,
      language: c.language,
      share: WEB_SHARE[c.language.slice(0, 2)][mi],
      meanDr: headlineCountry(c.code),
    }));
    const x = points.map((p) => Math.log(p.share));
    const y = points.map((p) => p.meanDr as number);
    return {
      measure,
      condition: 'language-average',
      pearson: ivl(pearson(x, y), 0.3),
      spearman: ivl(pearson(ranks(x), ranks(y)), 0.32),
      n: points.length,
      points,
      inference: webInference(points, 1, 199),
    };
  });

  const origin: ResultsDocument['origin'] = [
    {
      pair: ['US', 'CN'],
      condition: 'language-average',
      groups: ['US', 'CN'].map((o) => {
        const ms = llms.filter((m) => m.origin === o).map((m) => m.id);
        return { origin: o, models: ms, dr: { US: ivl(1.1 + rand() * 0.3, 0.2), CN: ivl(0.8 + rand() * 0.3, 0.2) } };
      }),
      models: llms.map((m) => ({
        model: m.id,
        origin: m.origin as string,
        dr: { US: ivl(1.1 + rand() * 0.3, 0.2), CN: ivl(0.8 + rand() * 0.3, 0.2) },
        difference: ivl(0.3, 0.25),
      })),
      tests: ['US', 'CN'].map((o) => ({
        origin: o,
        meanDifference: ivl(0.2 + rand() * 0.2, 0.25),
        pValue: round(0.02 + rand() * 0.5, 3),
        test: 'exact sign-flip permutation' as const,
        n: 1,
        note: 'one model: the test cannot reject at 5 %',
      })),
      notes: ['Origin groups with fewer than 5 models have little power.'],
    },
  ];

  const languages = [...new Set([...COUNTRIES.map((c) => c.language), 'en', 'zh'])];
  const answers: ResultsDocument['answers'] = models
    .filter((m) => m.kind !== 'reference')
    .flatMap((m) =>
      languages.map((language) => {
        const total = language === 'en' || language === 'zh' ? 24 * 20 * 20 : 24 * 20;
        const refusals = m.kind === 'baseline' ? 0 : Math.floor(rand() * rand() * total * (language === 'fa' ? 0.3 : 0.05));
        const invalid = m.kind === 'baseline' ? 0 : Math.floor(rand() * 6);
        const errors = rand() < 0.2 ? 1 : 0;
        return { model: m.id, language, total, answers: total - refusals - invalid - errors, refusals, invalid, errors };
      }),
    );

  const manifest: RunManifest = {
    tool: 'culturebench',
    runId: '2026-11-27T18-00-00Z-vsm',
    startedAt: '2026-11-27T18:00:00.000Z',
    finishedAt: '2026-11-27T19:42:13.000Z',
    status: 'complete',
    config: {
      file: '/work/main/benchmarks/vsm.config.ts',
      hash: 'sha256:0f3a9c1e5b7d2468ace13579bdf02468ace13579bdf02468ace13579bdf0246',
      name: 'VSM 2013 cultural alignment (20 countries)',
      survey: 'vsm2013',
      countries: COUNTRIES.map((c) => ({ code: c.code, language: c.language })),
      conditions: [
        { id: 'native', language: 'native' },
        { id: 'english', language: 'en' },
        { id: 'chinese', language: 'zh' },
      ],
      aggregates: ['language-average'],
      headline: 'language-average',
      samples: 20,
      seed: 2025,
      temperature: 0.7,
      persona: {
        template: 'first-person',
        traits: { gender: ['female', 'male'], age: ['30-34', '40-49'], education: ['16'], occupation: ['professional', 'office'] },
      },
      constants: { mode: 'anchored' },
      texts: { fa: '/data/texts/vsm2013-fa-revised.json' },
    },
    models: models
      .filter((m) => m.kind !== 'reference')
      .map((m) => ({
        id: m.id,
        provider: m.provider ?? 'baseline',
        model: m.id === 'gpt-4o' ? 'gpt-4o-2024-08-06' : m.id,
        kind: m.kind === 'llm' ? 'llm' : 'baseline',
        origin: m.origin,
        params: m.kind === 'llm' ? { temperature: 0.7, seed: 2025 } : {},
        price: m.id === 'gpt-4o' ? { inputPerMillion: 2.5, outputPerMillion: 10 } : null,
        baseUrl: m.provider === 'ollama' ? 'http://127.0.0.1:11434' : null,
      })),
    skipped: [{ id: 'claude-x', provider: 'langchain', reason: 'ANTHROPIC_API_KEY is not set', fix: 'export ANTHROPIC_API_KEY=…' }],
    survey: {
      id: 'vsm2013',
      version: '2013-05',
      texts: Object.fromEntries(
        languages.map((l) => [
          l,
          {
            version: l === 'fa' ? '2013-05+revised' : '2013-05',
            hash: `sha256:${(l + '0123456789abcdef').repeat(8).slice(0, 64)}`,
            rendering: l === 'ar' ? 'ترجمة' : 'official',
          },
        ]),
      ),
      formulas: { PDI: '35(m07 − m02) + 25(m20 − m23) + C', IDV: '35(m04 − m01) + 35(m09 − m06) + C' },
      groundTruth: { name: 'Hofstede 6-D country scores', version: '2015-08-16', hash: 'sha256:9b1f00d2', source: 'geerthofstede.com' },
    },
    plan: { requests: 38400, cells: 480, items: 24 },
    prompter: 'vsm-first-person',
    parser: 'multilingual-digit',
    software: { node: 'v20.20.2', culturebench: '0.0.0', packages: { '@langchain/core': '1.4.0', '@langchain/openai': '1.5.8', arquero: '8.0.3' } },
    git: { commit: '8436f2d0c0ffee00000000000000000000000000', dirty: false },
    summary: { asked: 30720, reused: 0, cached: 7680, errors: 12, costUsd: 3.4567 },
  };

  return {
    schema: 'culturebench-results/1',
    runId: manifest.runId,
    manifest,
    bootstrap: {
      replicates: 1000,
      seed: 2025,
      level: 0.95,
      method: 'Respondents resampled with replacement within each model × country × language sample; 95 % percentile intervals.',
    },
    dimensions: DIMENSIONS,
    human: { countries: human, global },
    models: models.map((m) => ({ id: m.id, kind: m.kind, origin: m.origin, provider: m.provider })),
    countries: COUNTRIES,
    conditions: CONDITIONS,
    headline: 'language-average',
    constants: {
      mode: 'anchored',
      description: 'anchored: C per dimension, model and condition so that the model mean over the countries equals the human mean',
      values: models
        .filter((m) => m.kind !== 'reference')
        .flatMap((m) =>
          CONDITIONS.flatMap((condition) => DIMENSIONS.map((dimension) => ({ model: m.id, condition, dimension, value: round((rand() - 0.5) * 120, 2) }))),
        ),
    },
    countryBasis: 'llm',
    scores,
    alignment,
    perCountry,
    perModel,
    skill: skillRows(perModel, DIMENSIONS),
    alignmentCorrected: [],
    countrySkill: [],
    skillNote: null,
    middleGround,
    middleGroundDistance,
    origin,
    language,
    dimensionAgreement,
    // synthetic: reliability 0.8 everywhere, so r* = r / √0.8
    disattenuatedCorrelation: dimensionAgreement.map((a) => ({
      model: a.model,
      condition: a.condition,
      dimension: a.dimension,
      n: a.n,
      pearson: a.pearson,
      reliability: a.pearson.estimate === null ? { estimate: null, lo: null, hi: null } : { estimate: 0.8, lo: 0.7, hi: 0.9 },
      pearsonDisattenuated: a.pearson.estimate === null ? a.pearson : ivl(a.pearson.estimate / Math.sqrt(0.8), 0.2),
    })),
    webContent,
    answers,
    reliability: reliabilityFixture(
      models.filter((m) => m.kind !== 'reference').map((m) => m.id),
      rand,
    ),
    findings: [
      'gpt-4o is the best-aligned model (mean DR 1.12 [1.04, 1.21]); no model beats the human global average in more than 14 of 20 countries.',
      `Morocco (المغرب) and Iran (ایران) are the worst-aligned countries; both are prompted in right-to-left scripts.`,
      'Models compress the countries toward the middle: the median spread ratio is 0.41.',
      `Prompting in the native language does not help on average (mean DR native 0.97 vs english 1.01); the id ${NASTY_MODEL} must appear escaped.`,
    ],
  };
}

/** Synthetic corrected-headline rows derived from the per-model rows (skill ≈ 1 − 1/DR²). */
function skillRows(perModel: ResultsDocument['perModel'], dims: string[]): ResultsDocument['skill'] {
  const iv = (e: number, h: number) => ({ estimate: e, lo: e - h, hi: e + h });
  return perModel.map((p, i) => {
    const dr = p.meanDr.estimate ?? 1;
    const s = Math.round((1 - 1 / (dr * dr)) * 1000) / 1000;
    const h = p.model === 'human-global-average' ? 0 : 0.08;
    return {
      model: p.model,
      condition: p.condition,
      skill: iv(s, h),
      acrossCountries: iv(s, h * 1.3),
      skillUncorrected: iv(s - 0.2, h),
      meanDrCorrected: iv(dr * 1.2, h),
      countrySignal: iv(0.5, 0.1),
      nCountries: p.nCountries,
      rank: p.rank,
      rankInterval: p.rankInterval,
      bias: Object.fromEntries(dims.map((d, j) => [d, iv(h === 0 ? 0 : ((i + j) % 5) * 4 - 8, h === 0 ? 0 : 5)])),
      biasNorm: iv(h === 0 ? 0 : 12, h === 0 ? 0 : 4),
      spreadCorrected: Object.fromEntries(dims.map((d) => [d, iv(0.6, 0.1)])),
      defaultCulture: { country: i % 2 ? 'US' : 'DE', distance: iv(10, 3), probability: 0.7, alternatives: [{ country: 'US', probability: 0.7 }] },
    };
  });
}

/** A synthetic reliability report: four perturbations per model, a few countries moved past their gap. */
function reliabilityFixture(models: string[], rand: () => number): NonNullable<ResultsDocument['reliability']> {
  const variants = ['optionOrder=reversed', 'labels=numbers', 'personaPlacement=user', 'seed=2'];
  const nearest = Object.fromEntries(COUNTRIES.map((c) => [c.code, round(12 + rand() * 25, 2)]));
  const perturbations = models.flatMap((model) =>
    variants.map((variant) => {
      const countries = COUNTRIES.map((c) => {
        const movement = round(rand() * (variant === 'optionOrder=reversed' ? 45 : 20), 2);
        return { country: c.code, movement, nearestGap: nearest[c.code], exceeds: movement > nearest[c.code] };
      });
      const ratios = countries.map((c) => c.movement / c.nearestGap).sort((a, b) => a - b);
      return {
        model,
        variant,
        factor: variant.split('=')[0],
        countries,
        meanMovement: round(mean(countries.map((c) => c.movement)), 2),
        medianRatio: round((ratios[9] + ratios[10]) / 2, 3),
        exceeded: countries.filter((c) => c.exceeds).length,
        effect: Object.fromEntries(DIMENSIONS.map((d) => [d, round(rand(), 3)])),
        meanDr: { reference: round(0.9 + rand() * 0.3, 3), variant: round(0.8 + rand() * 0.3, 3) },
      };
    }),
  );
  return {
    human: { medianPairwise: 52.4, nearest, sd: Object.fromEntries(DIMENSIONS.map((d) => [d, round(15 + rand() * 10, 2)])) },
    perturbations,
    testRetest: models.map((model) => ({
      model,
      variant: 'seed=2',
      itemMeanCorrelation: round(0.8 + rand() * 0.2, 3),
      meanAbsDifference: round(rand() * 0.3, 3),
      exactAgreement: round(0.5 + rand() * 0.4, 3),
      pairs: 480,
    })),
    methods: [],
    alpha: models.flatMap((model) => DIMENSIONS.map((dimension) => ({ model, dimension, alpha: round(rand() * 0.9, 3), items: 4, cases: 20 }))),
    order: models.map((model) => ({
      model,
      primacy: round(0.2 + rand() * 0.2, 3),
      recency: round(0.2 + rand() * 0.2, 3),
      uniform: 0.2,
      shift: round((rand() - 0.5) * 0.4, 3),
    })),
    stability: models.map((model) => {
      const mine = perturbations.filter((p) => p.model === model);
      return {
        model,
        moves: mine.length * 20,
        exceeded: mine.reduce((a, p) => a + p.exceeded, 0),
        medianRatio: round(mean(mine.map((p) => p.medianRatio)), 3),
      };
    }),
  };
}
