import { defaultParser } from '@culturebench/core';
import { describeSurveyConformance } from '@culturebench/core/testing';
import { loadIvsMap } from './survey.js';

describeSurveyConformance('ivs-map', { load: () => loadIvsMap(), parser: defaultParser });
