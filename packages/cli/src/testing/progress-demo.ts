/**
 * Drives the progress display on this process's stderr, as a run would: two models (one with a
 * long id) advancing, log lines interleaved, then the final state and "DEMO DONE". Used by
 * progress.tty.e2e.spec.ts inside a tmux pseudo-terminal.
 */
import { loadLiveDisplay, ProgressReporter } from '../progress.js';

await loadLiveDisplay();
const reporter = new ProgressReporter({
  interactive: true,
  write: (t) => process.stderr.write(t),
  terminal: process.stderr,
  intervalMs: 20,
  carried: { 'openai-gpt-4o-mini-2024-07-18-long-model-id': { costUsd: 0.61 } },
});
const models = [
  { model: 'openai-gpt-4o-mini-2024-07-18-long-model-id', total: 120 },
  { model: 'baseline-random', total: 80 },
];
const state = models.map((m) => ({ model: m.model, done: 0, total: m.total, errors: 0, retries: 0, cached: 0, costUsd: 0, limit: 8, stopped: null }));
let tick = 0;
const timer = setInterval(() => {
  tick++;
  for (const s of state) {
    if (s.done < s.total) {
      s.done = Math.min(s.total, s.done + 4);
      s.costUsd += 0.0003;
      if (tick % 7 === 0) s.retries++;
      reporter.update({ ...s });
    }
  }
  if (tick % 5 === 0) reporter.log(`rate limited, concurrency now ${tick / 5}`);
  if (state.every((s) => s.done >= s.total)) {
    clearInterval(timer);
    reporter.stop();
    process.stderr.write('DEMO DONE\n');
  }
}, 25);
