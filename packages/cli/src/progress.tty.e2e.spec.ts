/**
 * The progress display in a real pseudo-terminal (tmux), at 60 and 200 columns, with log lines
 * interleaved: every line fits the width, every log line stays visible above the live block, and
 * the live block is drawn once (no stale copies left by redraws).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const DEMO = fileURLToPath(new URL('./testing/progress-demo.ts', import.meta.url));
const SOCKET = `culturebench-progress-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

afterAll(() => {
  try {
    tmux('kill-server');
  } catch {
    // already gone
  }
});

async function screen(columns: number): Promise<string[]> {
  const session = `w${columns}`;
  tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', '50', `${process.execPath} --import tsx ${DEMO}; sleep 30`);
  const deadline = Date.now() + 30_000;
  let text = '';
  while (Date.now() < deadline) {
    // -J joins lines the terminal wrapped, so a line too wide for the pane shows as one long line.
    text = tmux('capture-pane', '-p', '-J', '-t', session);
    if (text.includes('DEMO DONE')) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  tmux('kill-session', '-t', session);
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean);
}

describe.each([60, 200])('progress display in a %i-column terminal', (columns) => {
  let lines: string[];
  beforeAll(async () => {
    lines = await screen(columns);
  }, 40_000);

  it('finishes, with every line within the width', () => {
    expect(lines.at(-1)).toBe('DEMO DONE');
    for (const l of lines) expect({ l, width: l.length, ok: l.length <= columns }).toMatchObject({ ok: true });
  });

  it('keeps every log line, in order, above one final live block', () => {
    const logs = lines.filter((l) => l.startsWith('rate limited'));
    expect(logs.length).toBeGreaterThanOrEqual(5);
    expect(logs).toEqual(logs.map((_, i) => `rate limited, concurrency now ${i + 1}`));
    const live = lines.filter((l) => / \d+\/\d+ /.test(` ${l} `) || /\d+\/\d+/.test(l));
    // One line per model: redraws left no stale copies.
    expect(live).toHaveLength(3);
    expect(lines.indexOf(live[0])).toBeGreaterThan(lines.lastIndexOf(logs.at(-1)!));
    expect(live.join('\n')).toMatch(/120\/120/);
    expect(live.join('\n')).toMatch(/80\/80/);
  });

  it("shows each endpoint's final state once, under its model, with escape sequences neutralised", () => {
    const model = lines.findIndex((l) => l.startsWith('llama-pool'));
    const eps = lines.slice(model + 1).filter((l) => l.startsWith('  '));
    expect(eps.length).toBeGreaterThanOrEqual(1);
    expect(eps.length).toBeLessThanOrEqual(3);
    const text = eps.join(' | ');
    expect(text).toContain('gpu-1:8000 serving: 36 answered');
    // Rested at tick 3, probed at tick 9 and back.
    expect(text).toContain('gpu-2:8000 serving: 9 answered, 1 failed');
    if (columns === 200) expect(text).toContain('http://evil?]0;pwned?:8000?[2J out: 1 answered, 1 failed');
    else expect(text).toMatch(/evil\?\]0;pwned\?/);
    // Drawn once: no copy of an earlier state (gpu-2 rested) is left on screen.
    expect(lines.filter((l) => l.includes('gpu-1:8000'))).toHaveLength(1);
    expect(lines.join('\n')).not.toContain('rested');
  });

  it('continues the cost of a resumed run', () => {
    const line = lines.find((l) => l.includes('120/120'))!;
    // $0.61 spent before the resume + 30 × $0.0003 now.
    expect(line).toMatch(/\$0\.6190/);
  });

  if (columns === 200) {
    it('shows the full model id and the rate when there is room', () => {
      expect(lines.join('\n')).toContain('baseline-random');
      expect(lines.find((l) => l.includes('120/120'))).toMatch(/req\/s/);
    });
  }
});
