export { renderReportHtml, writeReportHtml, REPORT_FILE } from './render.js';
export { buildChartSpecs, VEGA_CONFIG, type ChartDef, type VlSpec } from './charts/index.js';
export { makeView, type DocView } from './view.js';
export { escapeHtml, jsonForScript } from './html.js';
export { loadVegaAssets, type VegaAssets } from './assets.js';
export { writeResponseBrowser, responseBrowserReporter, readingOf, RESPONSES_PAGE, RESPONSES_DIR, type ResponseBrowserInput } from './responses/write.js';
export { reportHtmlReporter } from './reporter.js';
