/**
 * Known OpenAI-compatible endpoints. Data only: pick one with `options: { preset: 'deepseek' }`.
 *
 * - `baseUrl`: the chat-completions base URL (the client appends `/chat/completions`, and
 *   `check` appends `/models`).
 * - `apiKeyEnv`: the environment variable read for the key unless the entry sets `apiKeyEnv`.
 * - `keyRequired: false`: local servers that accept any key; a placeholder is sent when the
 *   variable is unset (set it only if the server was started with an API key).
 * - `keyUrl`: where to get a key, for the fix message.
 *
 * An entry's own `baseUrl` overrides the preset's. An entry without a preset whose `baseUrl`
 * points at one of these hosts gets that preset's key variable, so that a DeepSeek URL never
 * receives OPENAI_API_KEY by accident.
 */
export interface EndpointPreset {
  name: string;
  label: string;
  baseUrl: string;
  apiKeyEnv: string;
  keyRequired: boolean;
  keyUrl?: string;
}

export const OPENAI_PRESETS: readonly EndpointPreset[] = [
  {
    name: 'openai',
    label: 'OpenAI',
    baseUrl: 'https://api.openai.com/v1',
    apiKeyEnv: 'OPENAI_API_KEY',
    keyRequired: true,
    keyUrl: 'https://platform.openai.com/api-keys',
  },
  {
    name: 'deepseek',
    label: 'DeepSeek',
    baseUrl: 'https://api.deepseek.com/v1',
    apiKeyEnv: 'DEEPSEEK_API_KEY',
    keyRequired: true,
    keyUrl: 'https://platform.deepseek.com/api_keys',
  },
  {
    name: 'zhipu',
    label: 'Zhipu GLM (BigModel)',
    baseUrl: 'https://open.bigmodel.cn/api/paas/v4',
    apiKeyEnv: 'ZHIPUAI_API_KEY',
    keyRequired: true,
    keyUrl: 'https://open.bigmodel.cn/usercenter/apikeys',
  },
  {
    name: 'dashscope',
    label: 'Alibaba DashScope (Qwen, compatible mode)',
    baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    apiKeyEnv: 'DASHSCOPE_API_KEY',
    keyRequired: true,
    keyUrl: 'https://dashscope.console.aliyun.com/apiKey',
  },
  {
    name: 'dashscope-intl',
    label: 'Alibaba Model Studio international (Qwen, compatible mode)',
    baseUrl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
    apiKeyEnv: 'DASHSCOPE_API_KEY',
    keyRequired: true,
    keyUrl: 'https://modelstudio.console.alibabacloud.com/',
  },
  {
    name: 'moonshot',
    label: 'Moonshot (Kimi)',
    baseUrl: 'https://api.moonshot.cn/v1',
    apiKeyEnv: 'MOONSHOT_API_KEY',
    keyRequired: true,
    keyUrl: 'https://platform.moonshot.cn/console/api-keys',
  },
  {
    name: 'moonshot-intl',
    label: 'Moonshot (Kimi) international',
    baseUrl: 'https://api.moonshot.ai/v1',
    apiKeyEnv: 'MOONSHOT_API_KEY',
    keyRequired: true,
    keyUrl: 'https://platform.moonshot.ai/console/api-keys',
  },
  { name: 'vllm', label: 'vLLM (local)', baseUrl: 'http://127.0.0.1:8000/v1', apiKeyEnv: 'VLLM_API_KEY', keyRequired: false },
  { name: 'lmstudio', label: 'LM Studio (local)', baseUrl: 'http://127.0.0.1:1234/v1', apiKeyEnv: 'LMSTUDIO_API_KEY', keyRequired: false },
  { name: 'llamacpp', label: 'llama.cpp server (local)', baseUrl: 'http://127.0.0.1:8080/v1', apiKeyEnv: 'LLAMACPP_API_KEY', keyRequired: false },
];

/** Key sent to servers that need none: ChatOpenAI refuses to start without some key. */
export const PLACEHOLDER_KEY = 'no-key-needed';
