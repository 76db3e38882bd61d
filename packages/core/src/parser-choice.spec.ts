import { describe, expect, it } from '@jest/globals';
import { InputError } from './errors.js';
import type { AnswerParser } from './answer-parser.js';
import { getParser, type Registry } from './registry.js';

const parserNamed = (id: string): AnswerParser => ({ id, parse: () => ({ kind: 'invalid', reason: 'no-answer', detail: id }) });
const registryWith = (ids: string[]): Registry => ({
  surveys: {},
  providers: {},
  prompter: {
    id: 'p',
    render: () => {
      throw new Error('unused');
    },
  } as unknown as Registry['prompter'],
  parsers: Object.fromEntries(ids.map((id) => [id, parserNamed(id)])),
});

describe('getParser (config field "parser", else the survey\'s, else the only one installed)', () => {
  it('returns the named parser', () => {
    expect(getParser(registryWith(['a', 'b']), 'b', 'vsm.config.ts: field "parser"').id).toBe('b');
  });
  it('falls back to the only installed parser when none is named', () => {
    expect(getParser(registryWith(['only']), undefined, 'x').id).toBe('only');
  });
  it('names the field and the choices when the id is unknown', () => {
    expect(() => getParser(registryWith(['a', 'b']), 'c', 'vsm.config.ts: field "parser"')).toThrow(InputError);
    expect(() => getParser(registryWith(['a', 'b']), 'c', 'vsm.config.ts: field "parser"')).toThrow(
      /vsm\.config\.ts: field "parser": unknown parser "c" \(available: a, b\)/,
    );
  });
  it('asks for a choice when several are installed and none is named', () => {
    expect(() => getParser(registryWith(['a', 'b']), undefined, 'cfg')).toThrow(/several are installed \(a, b\).*"parser" field/);
    expect(() => getParser(registryWith([]), undefined, 'cfg')).toThrow(/none is installed/);
  });
});
