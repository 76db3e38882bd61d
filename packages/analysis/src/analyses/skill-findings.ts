/**
 * The skill module's key findings: which model ranks first (by skill; by the paper's mean DR when
 * no skill is available), models that give every country the same profile, and the best and
 * worst country (calibrated; no such finding below MIN_COUNTRIES countries).
 */
import type { FindingsDoc } from '../analysis-module.js';
import { fmt, fmtInterval as ci } from '../format.js';
import { MIN_COUNTRIES } from '../limits.js';
import type { Interval } from '../results.js';

/** "above 1" / "below 1" / "compatible with 1" from an interval. */
function against1(i: Interval): 'above' | 'below' | 'around' {
  if (i.lo !== null && i.lo > 1) return 'above';
  if (i.hi !== null && i.hi < 1) return 'below';
  return 'around';
}

/** The model-level findings. */
export function modelFindings(doc: FindingsDoc): string[] {
  const out: string[] = [];
  const h = doc.headline;
  const kind = new Map(doc.models.map((m) => [m.id, m.kind]));
  const llmIds = doc.models.filter((m) => m.kind === 'llm').map((m) => m.id);
  const perModel = doc.perModel.filter((r) => r.condition === h);
  const simIds = doc.models.filter((m) => m.kind === 'simulation').map((m) => m.id);
  if (llmIds.length === 0 && simIds.length > 0) {
    const sims = doc.skill.filter((r) => r.condition === h && kind.get(r.model) === 'simulation' && r.skill.estimate !== null);
    out.push(
      `No LLM was run: ${simIds.length} simulated respondent${simIds.length === 1 ? '' : 's'} (known truth, not LLMs)${sims.length ? ` with alignment skill ${sims.map((r) => `${r.model} ${ci(r.skill, 3)}`).join(', ')}` : ''}.`,
    );
    const same = sims.filter((r) => r.countrySignal.estimate !== null && r.countrySignal.estimate < 0.1);
    if (same.length > 0)
      out.push(
        `${same.map((r) => `${r.model} (nearest culture ${r.defaultCulture?.country ?? '–'})`).join(', ')} give${same.length === 1 ? 's' : ''} every country about the same profile.`,
      );
  } else if (llmIds.length === 0) {
    const base = perModel.filter((r) => kind.get(r.model) === 'baseline' && r.meanDr.estimate !== null);
    const parts = base.map((r) => `${r.model} has mean DR ${ci(r.meanDr)}`);
    out.push(
      `No LLM was run; the baselines only anchor the scale${parts.length ? `: ${parts.join(', ')}` : ''}, and the human global average has DR 1 by construction.`,
    );
  } else {
    const bySkill = doc.skill.filter((r) => r.condition === h && kind.get(r.model) === 'llm' && r.skill.estimate !== null);
    const ranked = perModel.filter((r) => kind.get(r.model) === 'llm' && r.meanDr.estimate !== null);
    const top = bySkill[0];
    const best = ranked[0];
    if (top) {
      const second = bySkill[1];
      const separated = second && top.skill.lo !== null && second.skill.hi !== null && top.skill.lo > second.skill.hi;
      const aboveG = bySkill.filter((r) => r.skill.lo !== null && r.skill.lo > 0).length;
      out.push(
        `Ranked by alignment skill (noise-corrected; 0 = the human global average), ${top.model} comes first with ${ci(top.skill, 3)}${second ? (separated ? `, clearly ahead of ${second.model} (${ci(second.skill, 3)})` : `; its interval overlaps that of ${second.model} (${ci(second.skill, 3)}), so the order of the two is not established`) : ''}; ${aboveG} of ${bySkill.length} LLM${bySkill.length === 1 ? ' is' : 's are'} clearly better than answering the global average.`,
      );
      const same = bySkill.filter((r) => r.countrySignal.estimate !== null && r.countrySignal.estimate < 0.1);
      if (same.length > 0)
        out.push(
          `${same.map((r) => `${r.model} (nearest culture ${r.defaultCulture?.country ?? '–'})`).join(', ')} give${same.length === 1 ? 's' : ''} every country about the same profile.`,
        );
    } else if (best) {
      const p1 = best.rankProbabilities[0];
      const interval = best.rankInterval ? `rank interval ${best.rankInterval.lo}–${best.rankInterval.hi}` : 'no rank interval';
      const above = ranked.filter((r) => against1(r.meanDr) === 'above').length;
      out.push(
        `Among ${ranked.length} LLM${ranked.length === 1 ? '' : 's'}, ${best.model} aligns best (mean DR ${ci(best.meanDr)}; ${interval}${p1 !== undefined && doc.bootstrap.replicates > 0 ? `, P(rank 1) = ${fmt(p1, 2)}` : ''}); ${above} of ${ranked.length} ${above === 1 ? 'has' : 'have'} a mean DR clearly above 1, i.e. closer to the countries than the human global average.`,
      );
    } else {
      out.push(`${llmIds.length} LLM${llmIds.length === 1 ? ' was' : 's were'} run, but none produced a deviation ratio (no scorable answers).`);
    }
  }
  return out;
}

/** The best- and worst-aligned country: calibrated when available, else by the paper's DR. */
export function countryFindings(doc: FindingsDoc): string[] {
  const h = doc.headline;
  const countries = doc.perCountry.filter((r) => r.condition === h && r.meanDr.estimate !== null);
  const calibrated = doc.countrySkill.filter((r) => r.condition === h && r.skill.estimate !== null);
  const runCountries = doc.countries.length > 0 ? doc.countries.map((c) => c.code) : [...new Set(doc.perCountry.map((r) => r.country))];
  if (runCountries.length < MIN_COUNTRIES) {
    return [
      `Only ${runCountries.length} countr${runCountries.length === 1 ? 'y was' : 'ies were'} run (${runCountries.join(', ')}): no best/worst-country or across-country correlation findings below ${MIN_COUNTRIES} countries.`,
    ];
  }
  if (calibrated.length > 0 && doc.countryBasis !== 'baseline') {
    // over the LLMs, or over the simulations when no LLM ran
    const best = calibrated[0]!;
    const worst = calibrated[calibrated.length - 1]!;
    const clear = best.skill.lo !== null && worst.skill.hi !== null && best.skill.lo > worst.skill.hi;
    return [
      `Calibrated for how far each country is from the global average, ${best.country} is the best-aligned country (skill_c ${ci(best.skill)}) and ${worst.country} the worst (${ci(worst.skill)})${clear ? '' : '; their intervals overlap, so the country ranking is not established'}.`,
    ];
  }
  if (countries.length === 0) return [];
  const best = countries[0]!;
  const worst = countries[countries.length - 1]!;
  const basis = doc.countryBasis === 'llm' ? 'over the LLMs' : 'over the baselines';
  let s = `The best-aligned country is ${best.country} (mean DR ${ci(best.meanDr)} ${basis})`;
  if (worst !== best) s += `; the worst is ${worst.country} (${ci(worst.meanDr)})`;
  s += '.';
  if (doc.countryBasis === 'baseline')
    s += ' With baselines only this reflects where each country sits relative to the human global average, not any model’s alignment.';
  return [s];
}
