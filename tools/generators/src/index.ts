export { surveyGenerator, type SurveyGeneratorSchema } from './survey/generator.js';
export { providerGenerator, type ProviderGeneratorSchema } from './provider/generator.js';
export { generateFiles, names, renderTemplate, validateName, type GeneratorCallback, type Names } from './utils.js';
