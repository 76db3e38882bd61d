import { defaultParser } from '@culturebench/core';
import { describeSurveyConformance } from '@culturebench/core/testing';
import { loadOpinionsExample } from './survey.js';

describeSurveyConformance('opinions-example', { load: () => loadOpinionsExample(), parser: defaultParser });
