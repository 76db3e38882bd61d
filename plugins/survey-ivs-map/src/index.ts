export { loadIvsMap, loadIvsMapGroundTruth, loadIvsLanguageText, IVS_MAP_ID, type IvsItem, type IvsMapOptions } from './survey.js';
export { ivsMapScorer, indicatorValue, poleScore, checkRules, type IvsMapRules, type IvsMapScorer, type IvsIndicator, type IvsTerm } from './scoring.js';
export { loadIvsGroundTruth, IVS_DIMENSIONS, type IvsPoint, type IvsGroundTruthFiles } from './ground-truth.js';
export { ivsMapMetric, mapPositions, standardise, MAP_DISTANCE_FLOOR, type MapPosition } from './metric.js';
