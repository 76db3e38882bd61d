import { InputError, type Reporter } from '@culturebench/core';
import type { ResultsDocument } from '@culturebench/analysis';
import { REPORT_FILE, writeReportHtml } from './render.js';

/** Where the analysis reporter publishes its document (RESULTS_PUBLISHED in @culturebench/analysis; a type-only dependency here). */
const RESULTS_PUBLISHED = 'analysis.results';

/** report.html as a reporter of core's report stage; it runs after the analysis reporter and renders its document. */
export const reportHtmlReporter: Reporter = {
  id: 'report-html',
  files: [REPORT_FILE],
  report({ runDir, published }) {
    const doc = published.get(RESULTS_PUBLISHED) as ResultsDocument | undefined;
    if (!doc) throw new InputError('report.html: register the analysis reporter before the report-html reporter (it renders the analysis results)');
    return { files: [writeReportHtml(runDir, doc)] };
  },
};
