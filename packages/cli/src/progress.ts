import type { AskProgress } from '@culturebench/core';

export interface ProgressOptions {
  /** Redraw in place (a terminal) or print plain periodic lines (CI, pipes, --no-progress). */
  interactive: boolean;
  /** Where the lines go (the CLI's stderr). */
  write: (text: string) => void;
  intervalMs?: number;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  const s = Math.round(seconds);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** done/total, rate, ETA, errors and cost per model. */
export class ProgressReporter {
  private readonly state = new Map<string, AskProgress>();
  private readonly started = new Map<string, { at: number; done: number }>();
  private timer: NodeJS.Timeout | undefined;
  private lastLines = 0;

  constructor(private readonly opts: ProgressOptions) {}

  update(p: AskProgress): void {
    if (!this.started.has(p.model)) this.started.set(p.model, { at: performance.now(), done: p.done - 1 });
    this.state.set(p.model, { ...p });
    this.timer ??= setInterval(() => this.render(), this.opts.intervalMs ?? (this.opts.interactive ? 200 : 10_000));
  }

  lines(): string[] {
    const width = Math.max(...[...this.state.keys()].map((k) => k.length), 5);
    return [...this.state.values()].map((p) => {
      const start = this.started.get(p.model)!;
      const elapsed = (performance.now() - start.at) / 1000;
      const rate = elapsed > 0 ? (p.done - start.done) / elapsed : 0;
      const eta = rate > 0 ? (p.total - p.done) / rate : Infinity;
      const pct = p.total ? Math.floor((100 * p.done) / p.total) : 100;
      const bar = this.opts.interactive ? `[${'#'.repeat(Math.round(pct / 5)).padEnd(20, '.')}] ` : '';
      return `${p.model.padEnd(width)} ${bar}${p.done}/${p.total} (${pct}%) ${rate.toFixed(1)} req/s ETA ${p.done >= p.total ? '0s' : duration(eta)} errors ${p.errors} retries ${p.retries}${p.cached ? ` cached ${p.cached}` : ''} cost $${p.costUsd.toFixed(4)}${p.stopped ? ' STOPPED' : ''}`;
    });
  }

  private render(): void {
    const lines = this.lines();
    if (this.opts.interactive) {
      if (this.lastLines) this.opts.write(`\x1b[${this.lastLines}A`);
      this.opts.write(lines.map((l) => `\x1b[2K${l}\n`).join(''));
      this.lastLines = lines.length;
    } else {
      for (const l of lines) this.opts.write(`progress ${l}\n`);
    }
  }

  /** Draws the final state once; later calls do nothing. */
  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.render();
  }
}
