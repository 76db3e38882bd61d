import { multilingualParser } from '@culturebench/parser-multilingual';
import { describeSurveyConformance } from '@culturebench/core/testing';
import { loadVsm2013 } from './survey.js';

describeSurveyConformance('vsm2013', { load: () => loadVsm2013(), parser: multilingualParser });
