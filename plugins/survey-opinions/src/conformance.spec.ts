import { multilingualParser } from '@culturebench/parser-multilingual';
import { describeSurveyConformance } from '@culturebench/core/testing';
import { loadOpinionsExample } from './survey.js';

describeSurveyConformance('opinions-example', { load: () => loadOpinionsExample(), parser: multilingualParser });
