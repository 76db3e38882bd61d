export { loadVsm2013, loadLanguageText, VSM2013_ID, type Vsm2013Options } from './survey.js';
export { loadHofstedeMatrix, type HofstedeRow } from './hofstede.js';
