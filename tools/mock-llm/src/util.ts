/** Deterministic token estimate: about four characters per token, like OpenAI's rule of thumb. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Prompt tokens: the estimate over all message contents. */
export function promptTokens(messages: { content: string }[]): number {
  let chars = 0;
  for (const m of messages) chars += m.content.length;
  return Math.ceil(chars / 4);
}

/**
 * Split a reply into stream pieces, each a word with its leading whitespace,
 * so that joining the pieces gives the reply back exactly.
 */
export function splitWords(text: string): string[] {
  const pieces = text.match(/\s*\S+/g);
  if (!pieces) return text ? [text] : [];
  const joinedLength = pieces.reduce((n, p) => n + p.length, 0);
  // Trailing whitespace is not matched by the pattern; keep it on the last piece.
  if (joinedLength < text.length) pieces[pieces.length - 1] += text.slice(joinedLength);
  return pieces;
}

/** Mask an API key the way OpenAI's 401 message does: first 3 characters, "...", last 4. */
export function maskKey(key: string): string {
  // A short key would be revealed almost whole; mask it completely.
  if (key.length < 12) return `${key.slice(0, 3)}...`;
  return `${key.slice(0, 3)}...${key.slice(-4)}`;
}

/** Flatten message content: a string, or OpenAI content parts of which the text ones count. */
export function flattenContent(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    let text = '';
    for (const part of content) {
      if (part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string') {
        text += (part as { text: string }).text;
      }
    }
    return text;
  }
  return '';
}

/** Normalise a body's `messages` array; undefined if it is not an array. */
export function normaliseMessages(raw: unknown): { role: string; content: string }[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw.map((m) => {
    const msg = (m ?? {}) as { role?: unknown; content?: unknown };
    return { role: typeof msg.role === 'string' ? msg.role : '', content: flattenContent(msg.content) };
  });
}
