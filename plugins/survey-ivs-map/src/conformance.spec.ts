import { multilingualParser } from '@culturebench/parser-multilingual';
import { describeSurveyConformance } from '@culturebench/core/testing';
import { loadIvsMap } from './survey.js';

describeSurveyConformance('ivs-map', { load: () => loadIvsMap(), parser: multilingualParser });
