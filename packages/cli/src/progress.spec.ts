import { ProgressReporter } from './progress.js';

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
