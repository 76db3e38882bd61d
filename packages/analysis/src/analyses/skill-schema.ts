/** results.json fragments of the skill module. */
import type { JsonSchema } from '../analysis-module.js';

export const SKILL_SCHEMA: JsonSchema = {
  type: 'array',
  description:
    "The corrected headline per model × condition, best first by skill = 1 − Σ d̂²(M,H)/Σ d²(G,H) (noise-corrected; 1 perfect, 0 = the global average). `skill`: analytic interval, estimate ± 1.96 SE from the estimated sampling variances (the run's countries); `acrossCountries`: countries resampled (a sample of cultures); the other intervals: median-centred percentile intervals of the respondent bootstrap.",
  items: {
    type: 'object',
    required: [
      'model',
      'condition',
      'skill',
      'skillUncorrected',
      'meanDrCorrected',
      'countrySignal',
      'nCountries',
      'rank',
      'rankInterval',
      'bias',
      'biasNorm',
      'spreadCorrected',
      'defaultCulture',
      'acrossCountries',
    ],
    properties: {
      model: { type: 'string' },
      condition: { type: 'string' },
      skill: { $ref: '#/$defs/interval' },
      skillUncorrected: { $ref: '#/$defs/interval' },
      meanDrCorrected: { $ref: '#/$defs/interval' },
      countrySignal: { $ref: '#/$defs/interval' },
      nCountries: { type: 'integer', minimum: 0 },
      rank: { type: ['integer', 'null'], minimum: 1 },
      rankInterval: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['lo', 'hi'],
            properties: { lo: { type: 'integer', minimum: 1 }, hi: { type: 'integer', minimum: 1 } },
            additionalProperties: false,
          },
        ],
      },
      bias: { type: 'object', additionalProperties: { $ref: '#/$defs/interval' } },
      biasNorm: { $ref: '#/$defs/interval' },
      spreadCorrected: { type: 'object', additionalProperties: { $ref: '#/$defs/interval' } },
      defaultCulture: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['country', 'distance', 'probability', 'alternatives'],
            properties: {
              country: { type: 'string' },
              distance: { $ref: '#/$defs/interval' },
              probability: { type: ['number', 'null'] },
              alternatives: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['country', 'probability'],
                  properties: { country: { type: 'string' }, probability: { type: 'number', minimum: 0, maximum: 1 } },
                  additionalProperties: false,
                },
              },
            },
            additionalProperties: false,
          },
        ],
      },
      acrossCountries: { $ref: '#/$defs/interval' },
      noPersona: {
        type: 'array',
        description:
          "Human country nearest to the model's profile with no persona at all, one entry per no-persona condition (the items asked plainly, once per model; read with this row's constants). Not a country: it enters no alignment metric.",
        items: {
          type: 'object',
          required: ['condition', 'language', 'respondents', 'country', 'distance', 'probability', 'alternatives', 'profile'],
          properties: {
            condition: { type: 'string' },
            language: { type: 'string' },
            respondents: { type: 'integer', minimum: 0 },
            country: { type: 'string' },
            distance: { $ref: '#/$defs/interval' },
            probability: { type: ['number', 'null'] },
            alternatives: {
              type: 'array',
              items: {
                type: 'object',
                required: ['country', 'probability'],
                properties: { country: { type: 'string' }, probability: { type: 'number', minimum: 0, maximum: 1 } },
                additionalProperties: false,
              },
            },
            profile: { type: 'object', additionalProperties: { $ref: '#/$defs/interval' } },
          },
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  },
};

export const ALIGNMENT_CORRECTED_SCHEMA: JsonSchema = {
  type: 'array',
  description: 'Per model × country × condition: noise-corrected d²(M,H), corrected DR, skill_c = 1 − d̂²(M,H)/d²(G,H).',
  items: {
    type: 'object',
    required: ['model', 'condition', 'country', 'distanceSq', 'drCorrected', 'skill'],
    properties: {
      model: { type: 'string' },
      condition: { type: 'string' },
      country: { type: 'string' },
      distanceSq: { $ref: '#/$defs/interval' },
      drCorrected: { $ref: '#/$defs/interval' },
      skill: { $ref: '#/$defs/interval' },
    },
    additionalProperties: false,
  },
};

export const COUNTRY_SKILL_SCHEMA: JsonSchema = {
  type: 'array',
  description: 'Calibrated country ranking: skill_c averaged over the basis models (0 = no better than a model without country knowledge).',
  items: {
    type: 'object',
    required: ['country', 'condition', 'rank', 'skill', 'nModels'],
    properties: {
      country: { type: 'string' },
      condition: { type: 'string' },
      rank: { type: ['integer', 'null'], minimum: 1 },
      skill: { $ref: '#/$defs/interval' },
      nModels: { type: 'integer', minimum: 0 },
    },
    additionalProperties: false,
  },
};
