import type { ModelEntry } from '@culturebench/core';

/**
 * The LLM roster of the VSM benchmark: five US-origin and five China-origin models, as in the
 * paper's design (its own roster is unpublished apart from GLM-4 9B). A model is asked only when
 * `culturebench doctor` finds it usable: its key is set, its endpoint answers, it is pulled.
 *
 * Prices are US dollars per million input/output tokens as listed by the providers in 2025; check
 * them before relying on cost figures. Local Ollama models cost nothing.
 */
export const vsmLlmRoster: ModelEntry[] = [
  // United States
  { id: 'gpt-4o', provider: 'openai', model: 'gpt-4o', origin: 'US', price: { inputPerMillion: 2.5, outputPerMillion: 10 } },
  { id: 'gpt-4o-mini', provider: 'openai', model: 'gpt-4o-mini', origin: 'US', price: { inputPerMillion: 0.15, outputPerMillion: 0.6 } },
  { id: 'llama3.1-8b', provider: 'ollama', model: 'llama3.1:8b', origin: 'US', price: { inputPerMillion: 0, outputPerMillion: 0 } },
  { id: 'gemma2-9b', provider: 'ollama', model: 'gemma2:9b', origin: 'US', price: { inputPerMillion: 0, outputPerMillion: 0 } },
  { id: 'phi3.5', provider: 'ollama', model: 'phi3.5', origin: 'US', price: { inputPerMillion: 0, outputPerMillion: 0 } },
  // China
  { id: 'glm4-9b', provider: 'ollama', model: 'glm4:9b', origin: 'CN', price: { inputPerMillion: 0, outputPerMillion: 0 } },
  { id: 'qwen2.5-7b', provider: 'ollama', model: 'qwen2.5:7b', origin: 'CN', price: { inputPerMillion: 0, outputPerMillion: 0 } },
  { id: 'yi-9b', provider: 'ollama', model: 'yi:9b', origin: 'CN', price: { inputPerMillion: 0, outputPerMillion: 0 } },
  {
    id: 'deepseek-chat',
    provider: 'openai',
    model: 'deepseek-chat',
    origin: 'CN',
    options: { preset: 'deepseek' },
    price: { inputPerMillion: 0.27, outputPerMillion: 1.1 },
  },
  {
    id: 'qwen-plus',
    provider: 'openai',
    model: 'qwen-plus',
    origin: 'CN',
    options: { preset: 'dashscope' },
    price: { inputPerMillion: 0.4, outputPerMillion: 1.2 },
  },
];
