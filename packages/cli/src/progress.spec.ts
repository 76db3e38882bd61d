import type { AskProgress } from '@culturebench/core';
import { endpointLabels, loadLiveDisplay, ProgressReporter } from './progress.js';

const base = { model: 'm', done: 0, total: 100, errors: 0, retries: 0, cached: 0, costUsd: 0, limit: 4, stopped: null };

describe('progress display without a terminal', () => {
  it('prints plain lines and log lines as they come, with no cursor movement', () => {
    let out = '';
    const p = new ProgressReporter({ interactive: false, write: (t) => (out += t), intervalMs: 1e9 });
    p.update({ ...base, done: 1 });
    p.log('rate limited, concurrency now 2');
    p.stop();
    expect(out).toBe('rate limited, concurrency now 2\nprogress m     1/100 1% $0.0000 ETA – – req/s\n');
    expect(out).not.toMatch(/\x1b/);
  });

  it('neutralises control characters in ids and messages', () => {
    let out = '';
    const p = new ProgressReporter({ interactive: false, write: (t) => (out += t) });
    p.log('server said \x1b[2J\x1b]0;pwned\x07 hi');
    expect(out).not.toMatch(/[\x1b\x07]/);
  });
});

describe('rates', () => {
  it('counts only requests sent this session: earlier answers and cache replays are not a rate', () => {
    let t = 0;
    const p = new ProgressReporter({ interactive: false, write: () => undefined, now: () => t, carried: { m: { costUsd: 0.61 } } });
    // Resumed: 90 answered before; the first record of this session is a cache replay.
    p.update({ ...base, done: 91, cached: 1 });
    t = 100;
    p.update({ ...base, done: 99, cached: 8, costUsd: 0.01 });
    p.stop();
    expect(p.lines()[0]).toBe('m     99/100 99% $0.6200 ETA – – req/s cached 8');
    t = 2000;
    p.update({ ...base, done: 100, cached: 8, costUsd: 0.01 });
    p.stop();
    // 10 records this session, 8 of them cache replays: 2 requests asked in 2 s = 1.0 req/s, not thousands.
    expect(p.lines()[0]).toMatch(/100\/100 100% \$0\.6200 ETA 0s 1\.0 req\/s/);
  });

  it('shows no rate before two seconds have passed', () => {
    let t = 0;
    const p = new ProgressReporter({ interactive: false, write: () => undefined, now: () => t });
    p.update({ ...base, done: 1 });
    t = 500;
    p.update({ ...base, done: 50 });
    p.stop();
    expect(p.lines()[0]).toMatch(/– req\/s/);
  });
});

describe('endpoints of a model', () => {
  type Live = ReturnType<NonNullable<AskProgress['endpoints']>>[number];
  const ep = (url: string, state: Live['state'], served: number, failures = 0, restLeftMs = 0): Live => ({ url, state, served, failures, restLeftMs });
  const three = [ep('http://gpu-1:8000/v1', 'serving', 47), ep('http://gpu-2:8000/v1', 'resting', 46, 3, 11_200), ep('http://gpu-3:8000/v1', 'out', 3, 3)];

  it('prints each endpoint state with its answers and failures on a plain line under the model', () => {
    let out = '';
    const p = new ProgressReporter({ interactive: false, write: (t) => (out += t), intervalMs: 1e9 });
    p.update({ ...base, done: 96, endpoints: () => three });
    p.stop();
    expect(out.split('\n')[1]).toBe(
      'progress m endpoints: gpu-1:8000 serving: 47 answered | gpu-2:8000 rested, 12s left: 46 answered, 3 failed | gpu-3:8000 out: 3 answered, 3 failed',
    );
  });

  it('reads the states when it draws, not when a record arrives', () => {
    let out = '';
    let now = [ep('http://a:1', 'serving', 1), ep('http://b:1', 'serving', 1)];
    const p = new ProgressReporter({ interactive: false, write: (t) => (out += t), intervalMs: 1e9 });
    p.update({ ...base, done: 2, endpoints: () => now });
    now = [ep('http://a:1', 'serving', 1), ep('http://b:1', 'probing', 1, 1)];
    p.stop();
    expect(out).toContain('endpoints: a:1 serving: 1 answered | b:1 probing: 1 answered, 1 failed\n');
  });

  it('names endpoints on one host by their path, and neutralises control and bidi characters in URLs', () => {
    expect(endpointLabels(['http://lb:8080/a/v1', 'http://lb:8080/b/v1/'])).toEqual(['lb:8080/a/v1', 'lb:8080/b/v1']);
    let out = '';
    const p = new ProgressReporter({ interactive: false, write: (t) => (out += t), intervalMs: 1e9 });
    const hostile = 'http://evil\x1b]0;pwned\x07\u202e:8000\x1b[2J';
    p.update({ ...base, done: 1, endpoints: () => [ep(hostile, 'serving', 1), ep('http://ok:1', 'serving', 0)] });
    p.stop();
    expect(out).not.toMatch(/[\x1b\x07\u202e]/);
    expect(out).toContain('endpoints: http://evil?]0;pwned??:8000?[2J serving: 1 answered | ok:1 serving: 0 answered');
  });

  describe('in the live block', () => {
    beforeAll(() => loadLiveDisplay());
    const live = (columns: number) =>
      new ProgressReporter({ interactive: true, write: () => undefined, terminal: { write: () => true, columns, isTTY: true }, intervalMs: 1e9 });

    it('puts as many endpoints on a line as fit, indented under the model, every line within the width', () => {
      for (const columns of [60, 200]) {
        const p = live(columns);
        p.update({ ...base, done: 96, endpoints: () => three });
        const lines = p.lines();
        p.stop();
        expect(lines[0]).toMatch(/^m +96\/100/);
        for (const l of lines) expect(l.length).toBeLessThanOrEqual(columns - 1);
        const eps = lines.slice(1);
        expect(eps.every((l) => l.startsWith('  '))).toBe(true);
        expect(eps.join(' | ')).toContain('gpu-2:8000 rested, 12s left: 46 answered, 3 failed');
        expect(eps).toHaveLength(columns === 200 ? 1 : 3);
      }
    });

    it('sums up the endpoints past three lines by state', () => {
      const many = Array.from({ length: 12 }, (_, i) => ep(`http://node-${i}:8000`, i === 11 ? 'out' : i === 10 ? 'resting' : 'serving', 5, 0, 3000));
      const p = live(80);
      p.update({ ...base, done: 60, endpoints: () => many });
      const lines = p.lines();
      p.stop();
      expect(lines).toHaveLength(4);
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(79);
      expect(lines[3]).toMatch(/\| \+\d+ more: (\d+ serving, )?1 rested, 1 out$/);
      const shown = lines
        .slice(1)
        .join(' | ')
        .match(/node-\d+/g)!.length;
      expect(Number(lines[3].match(/\+(\d+) more/)![1])).toBe(12 - shown);
    });
  });
});
