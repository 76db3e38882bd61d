import type { AskProgress, EndpointLive } from '@culturebench/core';
import type cliTruncateFn from 'cli-truncate';
import type { createLogUpdate } from 'log-update';

// The live block's libraries load only for an interactive terminal (loadLiveDisplay), not for
// plain progress lines, tests or CI logs.
let kit: { createLogUpdate: typeof createLogUpdate; cliTruncate: typeof cliTruncateFn } | undefined;

/** Imports what the live progress block draws with; call before a ProgressReporter with `interactive`. */
export async function loadLiveDisplay(): Promise<void> {
  kit ??= { createLogUpdate: (await import('log-update')).createLogUpdate, cliTruncate: (await import('cli-truncate')).default };
}

function liveKit() {
  if (!kit) throw new Error('the live progress display is not loaded: await loadLiveDisplay() first');
  return kit;
}

/** The terminal the live block is drawn on (process.stderr in the CLI). */
export interface ProgressTerminal {
  write(text: string): unknown;
  columns?: number;
  rows?: number;
  isTTY?: boolean;
}

export interface ProgressOptions {
  /** Redraw a live block (a terminal) or print plain periodic lines (CI, pipes, --no-progress). */
  interactive: boolean;
  /** Where plain lines go (the CLI's stderr). */
  write: (text: string) => void;
  /** The terminal for the live block; without one, interactive output is plain lines too. */
  terminal?: ProgressTerminal;
  intervalMs?: number;
  /** Per model, what a resumed run had already spent and answered before this session. */
  carried?: Record<string, { costUsd: number }>;
  /** Clock in ms (tests). */
  now?: () => number;
}

/** Seconds before a rate is shown: a rate over a fraction of a second is noise. */
const MIN_RATE_SECONDS = 2;

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  const s = Math.round(seconds);
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : s >= 60
      ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
      : `${s}s`;
}

/**
 * Model ids, endpoint URLs and log lines come from config files and servers: no control characters
 * (nor bidirectional overrides, which reorder what is shown) reach the terminal.
 */
export function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, '?').replace(/\n/g, ' ');
}

/** Lines of endpoint states under a model in the live block; more endpoints are summed up. */
const MAX_ENDPOINT_LINES = 3;

/**
 * Short names for a model's endpoints: the host (host:port) when that tells them apart, else the
 * URL without its scheme. URLs are config values: made terminal-safe by the caller.
 */
export function endpointLabels(urls: string[]): string[] {
  const parsed = urls.map((u) => {
    try {
      const url = new URL(u);
      return { host: url.host, rest: `${url.host}${url.pathname.replace(/\/+$/, '')}` };
    } catch {
      return { host: u, rest: u };
    }
  });
  const unique = (xs: string[]) => new Set(xs).size === xs.length;
  const hosts = parsed.map((p) => p.host);
  if (unique(hosts)) return hosts;
  const rests = parsed.map((p) => p.rest);
  return unique(rests) ? rests : urls;
}

/** One endpoint: "gpu-2:8000 rested, 12s left: 46 answered, 3 failed". */
function endpointText(e: EndpointLive, label: string): string {
  const state = e.state === 'resting' ? `rested, ${duration(Math.ceil(e.restLeftMs / 1000))} left` : e.state;
  return `${terminalSafe(label)} ${state}: ${e.served} answered${e.failures ? `, ${e.failures} failed` : ''}`;
}

interface Start {
  at: number;
  /** Requests already counted (answered before) when this session's first record arrived. */
  done: number;
  cached: number;
}

/** done/total, rate, ETA, errors and cost per model, fitted to the terminal's width. */
export class ProgressReporter {
  private readonly state = new Map<string, AskProgress>();
  private readonly started = new Map<string, Start>();
  private timer: NodeJS.Timeout | undefined;
  private readonly live: ReturnType<typeof createLogUpdate> | null;
  private readonly now: () => number;

  constructor(private readonly opts: ProgressOptions) {
    this.now = opts.now ?? (() => performance.now());
    // showCursor: leave the cursor alone (hiding it would need restore hooks on every exit path).
    this.live = opts.interactive && opts.terminal ? liveKit().createLogUpdate(opts.terminal as NodeJS.WriteStream, { showCursor: true }) : null;
  }

  update(p: AskProgress): void {
    // The first record of this session: requests counted before it were answered in an earlier session.
    if (!this.started.has(p.model)) this.started.set(p.model, { at: this.now(), done: p.done - 1, cached: p.cached - (p.cached > 0 ? 1 : 0) });
    this.state.set(p.model, { ...p });
    this.timer ??= setInterval(() => this.render(), this.opts.intervalMs ?? (this.live ? 200 : 10_000));
  }

  /** A message (rate limit, skipped model …): above the live block, which is redrawn below it. */
  log(line: string): void {
    const safe = terminalSafe(line);
    if (this.live) {
      this.live.persist(safe);
      if (this.state.size) this.live(this.lines().join('\n'));
    } else this.opts.write(safe + '\n');
  }

  private width(): number {
    return Math.max(20, (this.opts.terminal?.columns ?? 80) - 1);
  }

  lines(): string[] {
    const idWidth = Math.min(24, Math.max(...[...this.state.keys()].map((k) => k.length), 5));
    const fit = Boolean(this.live);
    return [...this.state.values()].flatMap((p) => [this.modelLine(p, idWidth, fit), ...this.endpointLines(p, fit)]);
  }

  /**
   * A model with several endpoints: each one's state and counts. Plain output: one line; the live
   * block: indented under the model, as many per line as fit, at most MAX_ENDPOINT_LINES lines.
   */
  private endpointLines(p: AskProgress, fit: boolean): string[] {
    const eps = p.endpoints?.();
    if (!eps?.length) return [];
    const labels = endpointLabels(eps.map((e) => e.url));
    const texts = eps.map((e, i) => endpointText(e, labels[i]));
    if (!fit) return [`${terminalSafe(p.model)} endpoints: ${texts.join(' | ')}`];
    const width = this.width();
    const text = (row: number[]) => `  ${row.map((i) => texts[i]).join(' | ')}`;
    // Endpoints in order, as many on a line as fit (a line of one is cut to the width).
    const rows: number[][] = [];
    for (let i = 0; i < texts.length; i++) {
      const last = rows.at(-1);
      if (last && text([...last, i]).length <= width) last.push(i);
      else rows.push([i]);
    }
    if (rows.length > MAX_ENDPOINT_LINES) {
      // The rest summed up by state on the last line, e.g. "+5 more: 4 serving, 1 rested".
      rows.length = MAX_ENDPOINT_LINES;
      const last = rows[MAX_ENDPOINT_LINES - 1];
      const more = () => {
        const from = last.length ? last[last.length - 1] + 1 : rows[MAX_ENDPOINT_LINES - 2].at(-1)! + 1;
        const counts = new Map<string, number>();
        for (const e of eps.slice(from)) {
          const state = e.state === 'resting' ? 'rested' : e.state;
          counts.set(state, (counts.get(state) ?? 0) + 1);
        }
        return `+${eps.length - from} more: ${[...counts].map(([state, n]) => `${n} ${state}`).join(', ')}`;
      };
      while (last.length && `${text(last)} | ${more()}`.length > width) last.pop();
      const summary = last.length ? `${text(last)} | ${more()}` : `  ${more()}`;
      return [...rows.slice(0, -1).map(text), summary].map((l) => liveKit().cliTruncate(l, width));
    }
    return rows.map((row) => liveKit().cliTruncate(text(row), width));
  }

  private modelLine(p: AskProgress, idWidth: number, fit: boolean): string {
    const start = this.started.get(p.model)!;
    const elapsed = (this.now() - start.at) / 1000;
    // Requests actually sent this session: replays from the cache and earlier answers are instant.
    const asked = p.done - start.done - (p.cached - start.cached);
    const rate = elapsed >= MIN_RATE_SECONDS && asked > 0 ? asked / elapsed : null;
    const left = Number.isFinite(p.total) ? p.total - p.done : NaN;
    const eta = left <= 0 ? '0s' : rate ? duration(left / rate) : '–';
    const pct = p.total ? Math.min(100, Math.floor((100 * p.done) / p.total)) : 100;
    const cost = p.costUsd + (this.opts.carried?.[p.model]?.costUsd ?? 0);
    const id = terminalSafe(p.model);
    // In priority order: when the terminal is narrow, the last ones go first.
    const parts: [string, number][] = [
      [fit ? liveKit().cliTruncate(id, idWidth, { position: 'middle' }).padEnd(idWidth) : id.padEnd(idWidth), 0],
      [`${p.done}/${Number.isFinite(p.total) ? p.total : '?'}`, 0],
      [`${pct}%`, 1],
      [`$${cost.toFixed(cost >= 10 ? 2 : 4)}`, 2],
      [`ETA ${eta}`, 3],
      [p.errors ? `err ${p.errors}` : '', 4],
      [p.stopped ? 'STOPPED' : '', 0],
      [`${rate === null ? '–' : rate >= 100 ? rate.toFixed(0) : rate.toFixed(1)} req/s`, 5],
      [p.retries ? `retry ${p.retries}` : '', 6],
      [p.cached ? `cached ${p.cached}` : '', 7],
      [fit ? `[${'#'.repeat(Math.round(pct / 10)).padEnd(10, '.')}]` : '', 8],
    ];
    let kept = parts.filter(([t]) => t);
    const join = () => kept.map(([t]) => t).join(' ');
    if (!fit) return join();
    const width = this.width();
    for (let drop = 8; drop > 0 && join().length > width; drop--) kept = kept.filter(([, prio]) => prio < drop);
    return liveKit().cliTruncate(join(), width);
  }

  private render(): void {
    const lines = this.lines();
    if (this.live) this.live(lines.join('\n'));
    else for (const l of lines) this.opts.write(`progress ${l}\n`);
  }

  /** Draws the final state once and leaves it on screen; later calls do nothing. */
  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.render();
    this.live?.done();
  }
}
