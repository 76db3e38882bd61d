/**
 * Respondents per item of the default VSM design, from the design study (`npx nx run
 * benchmarks:design`, numbers in benchmarks/README.md): the smallest level at which the headline
 * skill's 95 % interval is about ±0.1 wide and two independent runs rank the countries alike
 * (calibrated Spearman 0.81). The paper's 20 gives intervals about ±0.16 and a ranking ρ of 0.60.
 */
export const DEFAULT_RESPONDENTS = 40;
