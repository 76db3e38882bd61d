/**
 * Three to six generated sentences stating what the run found, for the headline condition. They
 * say what the numbers support and no more: with baselines only, they say so.
 */
import { fmt, fmtInterval } from './format.js';
import { ALL_LLMS, type Interval, type ResultsDocument } from './results.js';
import { MEASURE_LABELS, webVerdict } from './web-outputs.js';


function ci(i: Interval, digits = 2): string {
  return fmtInterval(i, digits);
}

/** "above 1" / "below 1" / "compatible with 1" from an interval. */
function against1(i: Interval): 'above' | 'below' | 'around' {
  if (i.lo !== null && i.lo > 1) return 'above';
  if (i.hi !== null && i.hi < 1) return 'below';
  return 'around';
}

import { MIN_COUNTRIES } from './limits.js';
export { MIN_COUNTRIES };

export function keyFindings(doc: Omit<ResultsDocument, 'manifest'>): string[] {
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
    if (same.length > 0) out.push(`${same.map((r) => `${r.model} (nearest culture ${r.defaultCulture?.country ?? '–'})`).join(', ')} give${same.length === 1 ? 's' : ''} every country about the same profile.`);
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
      if (same.length > 0) out.push(`${same.map((r) => `${r.model} (nearest culture ${r.defaultCulture?.country ?? '–'})`).join(', ')} give${same.length === 1 ? 's' : ''} every country about the same profile.`);
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

  const countries = doc.perCountry.filter((r) => r.condition === h && r.meanDr.estimate !== null);
  const calibrated = doc.countrySkill.filter((r) => r.condition === h && r.skill.estimate !== null);
  const runCountries = doc.countries.length > 0 ? doc.countries.map((c) => c.code) : [...new Set(doc.perCountry.map((r) => r.country))];
  if (runCountries.length < MIN_COUNTRIES) {
    out.push(`Only ${runCountries.length} countr${runCountries.length === 1 ? 'y was' : 'ies were'} run (${runCountries.join(', ')}): no best/worst-country or across-country correlation findings below ${MIN_COUNTRIES} countries.`);
  } else if (calibrated.length > 0 && doc.countryBasis !== 'baseline') {
    // over the LLMs, or over the simulations when no LLM ran
    const best = calibrated[0]!;
    const worst = calibrated[calibrated.length - 1]!;
    const clear = best.skill.lo !== null && worst.skill.hi !== null && best.skill.lo > worst.skill.hi;
    out.push(
      `Calibrated for how far each country is from the global average, ${best.country} is the best-aligned country (skill_c ${ci(best.skill)}) and ${worst.country} the worst (${ci(worst.skill)})${clear ? '' : '; their intervals overlap, so the country ranking is not established'}.`,
    );
  } else if (countries.length > 0) {
    const best = countries[0]!;
    const worst = countries[countries.length - 1]!;
    const basis = doc.countryBasis === 'llm' ? 'over the LLMs' : 'over the baselines';
    let s = `The best-aligned country is ${best.country} (mean DR ${ci(best.meanDr)} ${basis})`;
    if (worst !== best) s += `; the worst is ${worst.country} (${ci(worst.meanDr)})`;
    s += '.';
    if (doc.countryBasis === 'baseline') s += ' With baselines only this reflects where each country sits relative to the human global average, not any model’s alignment.';
    out.push(s);
  }

  if (llmIds.length > 0) {
    const spread = doc.middleGround.filter((r) => r.condition === h && llmIds.includes(r.model) && r.spreadRatio.estimate !== null);
    if (spread.length > 0) {
      const dims = doc.dimensions.filter((d) => spread.some((r) => r.dimension === d));
      const meanBy = dims.map((d) => {
        const xs = spread.filter((r) => r.dimension === d).map((r) => r.spreadRatio.estimate!);
        return { d, v: xs.reduce((a, b) => a + b, 0) / xs.length };
      });
      const below = meanBy.filter((x) => x.v < 1);
      const allBelow = spread.every((r) => r.spreadRatio.estimate! < 1);
      const lowest = [...meanBy].sort((a, b) => a.v - b.v)[0]!;
      out.push(
        allBelow
          ? `All LLMs compress country differences: spread ratio below 1 on ${dims.length} of ${dims.length} dimensions for every LLM (strongest on ${lowest.d}, mean spread ratio ${fmt(lowest.v, 2)}).`
          : `LLMs compress country differences on ${below.length} of ${dims.length} dimensions (mean spread ratio over the LLMs below 1; strongest on ${lowest.d} at ${fmt(lowest.v, 2)}).`,
      );
    }

    const origin = doc.origin.find((o) => o.condition === h);
    if (origin) {
      const [a, b] = origin.pair;
      const parts = origin.tests
        .filter((t) => t.n >= 1 && t.meanDifference.estimate !== null)
        .map((t) => {
          const d = t.meanDifference;
          // A direction is claimed only when the interval excludes 0.
          // A direction is claimed only when the interval excludes 0 and the test could reach p ≤ 0.05.
          const minP = t.n >= 1 ? 2 / 2 ** t.n : 1;
          const clear = d.lo !== null && d.hi !== null && (d.lo > 0 || d.hi < 0) && minP <= 0.05 && t.pValue !== null && t.pValue <= 0.05;
          const dir = !clear ? `show no clear difference between ${a} and ${b}` : d.estimate! > 0 ? `align better with ${a} than with ${b}` : `align better with ${b} than with ${a}`;
          const test =
            t.pValue === null ? 'too few models for a paired test' : `sign-flip p = ${fmt(t.pValue, 3)}${minP > 0.05 ? `; with ${t.n} models the smallest attainable p is ${fmt(minP, 4)}` : ''}`;
          return `${t.origin}-origin LLMs (n = ${t.n}) ${dir} (mean DR(${a}) − DR(${b}) = ${ci(d)}; ${test})`;
        });
      if (parts.length > 0) out.push(`${parts.join('; ')}.`);
    }

    const lang = doc.language.filter((r) => r.model === ALL_LLMS && r.meanDr.estimate !== null);
    if (lang.length > 1) {
      const sorted = [...lang].sort((x, y) => y.meanDr.estimate! - x.meanDr.estimate!);
      const hi = sorted[0]!;
      const lo = sorted[sorted.length - 1]!;
      const overlap = hi.meanDr.lo !== null && lo.meanDr.hi !== null && hi.meanDr.lo <= lo.meanDr.hi;
      out.push(
        `Over the LLMs, mean DR is highest in the ${hi.condition} condition (${ci(hi.meanDr)}) and lowest in the ${lo.condition} condition (${ci(lo.meanDr)})${overlap ? '; the intervals overlap' : ''}.`,
      );
    }

    const web = doc.webContent.filter((w) => w.condition === h && w.pearson.estimate !== null && w.n >= MIN_COUNTRIES);
    if (web.length > 0 && out.length < 6) {
      const parts = web.map((w) => `r = ${ci(w.pearson)} with ${MEASURE_LABELS[w.measure] ?? w.measure} shares (Spearman ρ = ${fmt(w.spearman.estimate, 2)}, n = ${w.n}): ${webVerdict(w)}`);
      out.push(`A language’s share of web content and its countries’ mean DR: Pearson ${parts.join('; ')}. The paper reports r = 0.94.`);
    }
  }
  if (llmIds.length === 0) {
    out.push('The model-origin comparison, the prompt-language comparison over LLMs and the web-content correlation need LLM answers: configure and run at least one LLM to see them.');
  }
  return out.slice(0, 6);
}
