/**
 * The no-persona default culture against a known truth (issue 10 item 4): simulated respondents
 * with a declared default profile, analysed by the real estimator code (analyseRecords).
 */
import { NO_PERSONA_COUNTRY, type ResponseRecord } from '@culturebench/core';
import { simulationProcess, type SimulationSpec } from '@culturebench/provider-simulated';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';
import { analyseRecords } from '../analyse-run.js';
import { nativeStudy, processModel, simulatedManifest, simulateRecords, STUDY_COUNTRIES } from '../simulation.js';
import { mixSeed, mulberry32 } from '../rng.js';

const survey = loadVsm2013();
const COUNTRIES = STUDY_COUNTRIES;
const N = 40;

/** A run of simulated respondents: the native condition per country, plus (optionally) each model's no-persona sample. */
function simulate(specs: Record<string, SimulationSpec>, seed: number, plain = true) {
  const procs = Object.entries(specs).map(([id, spec]) => ({ id, proc: simulationProcess(survey, COUNTRIES, spec) }));
  const design = nativeStudy(
    survey,
    COUNTRIES,
    procs.map(({ id, proc }) => processModel(id, proc, 0)),
    N,
  );
  const records = simulateRecords(design, seed);
  const rand = mulberry32(mixSeed(seed, 0x9e));
  if (plain) {
    for (const { id, proc } of procs)
      for (const item of survey.items) {
        const cum = proc.cumulative(NO_PERSONA_COUNTRY, item.id);
        for (let r = 0; r < N; r++) {
          const u = rand();
          let c = 0;
          while (c < cum.length - 1 && u >= cum[c]!) c++;
          records.push({
            model: id,
            kind: 'simulation',
            provider: 'simulated',
            country: NO_PERSONA_COUNTRY,
            language: 'en',
            item: item.id,
            respondent: r,
            answer: c + 1,
          } as unknown as ResponseRecord);
        }
      }
  }
  const manifest = simulatedManifest(design, seed);
  if (plain) manifest.config.conditions = [...manifest.config.conditions, { id: 'no-persona', language: 'en', persona: false }];
  return analyseRecords(records, manifest, survey, { replicates: 100, seed });
}

describe('default culture with no persona', () => {
  // noise 0: answers only the two codes around each target mean; noisy: half the answers uniform
  const specs: Record<string, SimulationSpec> = {
    american: { country: 'US', noise: 0 },
    noisy: { country: 'US', noise: 0.5 },
    faithful: { default: 'JP', noise: 0.5 },
  };
  const doc = simulate(specs, 11);
  const row = (model: string) => doc.skill.find((r) => r.model === model && r.condition === 'native')!;

  it('a respondent answering as an American everywhere is US-default in both analyses', () => {
    expect(row('american').defaultCulture!.country).toBe('US');
    expect(row('american').noPersona).toHaveLength(1);
    expect(row('american').noPersona![0]).toMatchObject({ condition: 'no-persona', language: 'en', respondents: N, country: 'US' });
    expect(row('american').noPersona![0]!.probability!).toBeGreaterThan(0.8);
  });

  it('one sample of 40 noisy respondents tells the culture cluster, not the country: P(nearest) says so', () => {
    // the persona average pools 20 samples; the no-persona profile is one (±20 points per index here)
    expect(row('noisy').defaultCulture!.country).toBe('US');
    const plain = row('noisy').noPersona![0]!;
    expect(['US', 'NZ', 'AU', 'CA', 'GB', 'IE']).toContain(plain.country);
    expect(plain.alternatives.map((a) => a.country)).toContain('US');
    expect(plain.probability!).toBeLessThan(0.8);
  });

  it('a faithful respondent whose default is Japanese: no-persona JP, while its persona average is not JP', () => {
    expect(row('faithful').noPersona![0]!.country).toBe('JP');
    expect(row('faithful').noPersona![0]!.probability!).toBeGreaterThan(0.8);
    expect(row('faithful').defaultCulture!.country).not.toBe('JP');
    // the profile recovers the human JP scores within its interval on most dimensions
    const jp = survey.groundTruth.countries['JP']!;
    const inside = doc.dimensions.filter((d) => {
      const i = row('faithful').noPersona![0]!.profile[d]!;
      return i.lo! <= jp[d]! && jp[d]! <= i.hi!;
    });
    expect(inside.length).toBeGreaterThanOrEqual(5);
  });

  it('is no country: not a condition, no alignment row, and the skill is the same with or without it', () => {
    expect(doc.conditions).not.toContain('no-persona');
    expect(doc.alignment.some((a) => a.country === NO_PERSONA_COUNTRY || a.condition === 'no-persona')).toBe(false);
    expect(doc.alignmentCorrected.some((a) => a.country === NO_PERSONA_COUNTRY)).toBe(false);
    const without = simulate(specs, 11, false);
    for (const m of Object.keys(specs)) {
      const w = without.skill.find((r) => r.model === m)!;
      expect(row(m).skill).toEqual(w.skill);
      expect(row(m).defaultCulture).toEqual(w.defaultCulture);
      expect(w.noPersona).toBeUndefined();
    }
    expect(without.perModel).toEqual(doc.perModel);
  });
});
