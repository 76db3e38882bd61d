// A plugin author's conformance spec outside the repository: @culturebench/core/testing from the
// installed tarball, with the author's own jest and @jest/globals (core's optional peer dependency).
import { describeSurveyConformance } from '@culturebench/core/testing';
import { multilingualParser } from '@culturebench/parser-multilingual';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';

describeSurveyConformance('vsm2013 (installed)', { load: () => loadVsm2013(), parser: multilingualParser });
