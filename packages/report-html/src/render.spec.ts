import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResultsDocument } from '@culturebench/analysis';
import { renderReportHtml, writeReportHtml } from './index.js';
import { makeFixture, NASTY_MODEL } from './testing/fixture.js';
import { escapeHtml } from './html.js';

const doc = makeFixture();
const html = renderReportHtml(doc);
/** The page without the contents of its script elements (the inlined vega builds mention <img, http …). */
const markup = html.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/g, '$1</script>');

describe('renderReportHtml', () => {
  it('is deterministic, also after a results.json round trip', () => {
    expect(renderReportHtml(makeFixture())).toBe(html);
    expect(renderReportHtml(JSON.parse(JSON.stringify(doc)) as ResultsDocument)).toBe(html);
  });

  it('does not modify the document', () => {
    const before = JSON.stringify(doc);
    renderReportHtml(doc);
    expect(JSON.stringify(doc)).toBe(before);
  });

  it('is one self-contained file: no external scripts, styles, fonts or images', () => {
    expect(markup).not.toMatch(/<(script|img|iframe|link|source|video|audio|object|embed)\b[^>]*\s(src|href|data)\s*=/i);
    expect(markup).not.toMatch(/@import|@font-face|url\(/i);
    const hrefs = [...markup.matchAll(/<a\b[^>]*\shref="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThan(5);
    for (const h of hrefs) expect(h.startsWith('#')).toBe(true);
    // The three vega builds are inlined.
    expect(html).toContain('vegaEmbed');
    expect(html.length).toBeGreaterThan(800_000);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en" dir="ltr">')).toBe(true);
  });

  it('escapes every model id, finding and manifest string', () => {
    expect(markup).not.toContain('<img');
    expect(html).not.toContain(NASTY_MODEL);
    expect(html).toContain(escapeHtml(NASTY_MODEL));
    // Inside the JSON blocks, < and > are \u escapes.
    for (const m of html.matchAll(/<script type="application\/json" id="[^"]+">([\s\S]*?)<\/script>/g)) {
      expect(m[1]).not.toMatch(/[<>]/);
      expect(() => JSON.parse(m[1])).not.toThrow();
    }
  });

  it('isolates right-to-left text', () => {
    expect(html).toContain('Morocco (<bdi dir="rtl">المغرب</bdi>) and Iran (<bdi dir="rtl">ایران</bdi>)');
    expect(html).toContain('<bdi dir="auto">fa</bdi>');
    expect(html).toContain('<bdi dir="rtl">ترجمة</bdi>');
  });

  it('has a figure for every chart and the sortable tables', () => {
    const charts = [...html.matchAll(/<figure class="chart" id="([^"]+)" data-chart=/g)].map((m) => m[1]);
    expect(charts).toHaveLength(12);
    for (const id of charts) expect(html).toContain(`<script type="application/json" id="${id}-spec">`);
    // and no spec without its figure (the skill and bias charts once had none)
    const specs = [...html.matchAll(/<script type="application\/json" id="(chart-[^"]+)-spec">/g)].map((m) => m[1]);
    expect(specs.sort()).toEqual([...charts].sort());
    expect(charts).toEqual(expect.arrayContaining(['chart-skill', 'chart-bias', 'chart-disattenuated']));
    for (const id of [
      'table-models',
      'table-countries',
      'table-dimensions',
      'table-language',
      'table-answers',
      'table-origin-1',
      'table-constants',
      'table-reliability',
      'table-agreement',
      'table-alpha',
      'table-order',
    ]) {
      expect(html).toContain(`<table class="sortable" id="${id}">`);
    }
    // Numeric cells carry raw values for sorting.
    expect(html).toMatch(/<td class="num" data-sort="\d+(\.\d+)?">/);
  });

  it('includes the findings, run summary and manifest details', () => {
    expect(html).toContain('<ol class="findings">');
    expect(html).toContain(doc.manifest.config.hash);
    expect(html).toContain(doc.manifest.git.commit!);
    expect(html).toContain(doc.manifest.survey.groundTruth.hash);
    expect(html).toContain(doc.manifest.survey.texts['fa'].hash);
    expect(html).toContain('/data/texts/vsm2013-fa-revised.json');
    expect(html).toContain('anchored: C per dimension');
    expect(html).toContain('<details class="manifest">');
  });

  it('renders a run without LLMs or analyses', () => {
    const bare: ResultsDocument = {
      ...doc,
      models: doc.models.filter((m) => m.kind !== 'llm'),
      scores: [],
      alignment: [],
      perCountry: [],
      perModel: [],
      middleGround: [],
      middleGroundDistance: [],
      origin: [],
      language: [],
      dimensionAgreement: [],
      webContent: [],
      answers: [],
      findings: [],
      countryBasis: 'none',
    };
    const out = renderReportHtml(bare);
    expect(out).toContain('No findings were generated');
    expect(out).toContain('Not available: this run has no data for this chart.');
    expect(out).toContain('No country pair was compared');
  });
});

describe('a run of some of the benchmark countries', () => {
  const all = doc.countries.map((c) => c.code);
  const run = ['US', 'JP', 'MA'];
  const pick = <T extends { country: string }>(rows: T[]) => rows.filter((r) => run.includes(r.country));
  // what the analysis writes below MIN_COUNTRIES: the run's countries, unranked, in the run's order
  const perCountry = run.flatMap((code) => pick(doc.perCountry).filter((p) => p.country === code)).map((p) => ({ ...p, rank: null }));
  const subset: ResultsDocument = {
    ...doc,
    manifest: {
      ...doc.manifest,
      config: { ...doc.manifest.config, countries: doc.manifest.config.countries.filter((c) => run.includes(c.code)), benchmarkCountries: all },
    },
    countries: run.map((code) => doc.countries.find((c) => c.code === code)!),
    perCountry,
  };
  const out = renderReportHtml(subset);

  it('names the countries run in the title, not the config’s count', () => {
    const title = 'VSM 2013 cultural alignment (3 of 20 countries: US, JP, MA)';
    const head = (page: string) => page.slice(0, page.indexOf('<style>')) + page.slice(page.indexOf('<body>'), page.indexOf('</header>'));
    expect(head(out)).toContain(`<title>${title}: culturebench report`);
    expect(head(out)).toContain(`<h1>${title}</h1>`);
    expect(head(out)).not.toContain('(20 countries)');
    // a full run keeps the config's name
    expect(head(html)).toContain('<h1>VSM 2013 cultural alignment (20 countries)</h1>');
  });

  it('lists fewer than 5 countries without ranking them', () => {
    const table = out.slice(out.indexOf('<table class="sortable" id="table-countries">'));
    const body = table.slice(0, table.indexOf('</table>'));
    expect(body).toContain('fewer than 5 countries: listed, not ranked');
    const rows = [...body.matchAll(/<tr><td class="num" data-sort="([^"]*)">([^<]*)<\/td><td class="text" data-sort="([^"]*)"/g)];
    expect(rows.map((r) => [r[1], r[2]])).toEqual([
      ['', '–'],
      ['', '–'],
      ['', '–'],
    ]);
    // in the run's order, not best first
    expect(rows.map((r) => r[3])).toEqual(run.map((c) => doc.countries.find((x) => x.code === c)!.name));
  });
});

describe('a survey without an alignment skill (scores and ground truth on different units)', () => {
  it('says why in the skill section and draws no skill chart', () => {
    const doc = makeFixture();
    const note = 'the scores are a range-normalised index, the ground truth factor scores <units>';
    const out = renderReportHtml({ ...doc, skill: [], skillNote: note });
    const section = out.slice(out.indexOf('<section class="card" id="skill">'));
    const body = section.slice(0, section.indexOf('</section>'));
    expect(body).toContain(escapeHtml(note));
    expect(body).not.toContain('data-chart="chart-skill"');
    expect(renderReportHtml(doc)).toContain('data-chart="chart-skill"');
  });
});

describe('writeReportHtml', () => {
  it('writes RUN_DIR/report.html', () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-html-'));
    try {
      const file = writeReportHtml(join(dir, 'run'), doc);
      expect(file).toBe(join(dir, 'run', 'report.html'));
      // The page written to a run directory adds its Files section (here only report.html itself).
      expect(readFileSync(file, 'utf8')).toBe(renderReportHtml(doc, { files: [] }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
