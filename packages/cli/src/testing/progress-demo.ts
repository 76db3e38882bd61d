/**
 * Drives the progress display on this process's stderr, as a run would: two models (one with a
 * long id) advancing, a third with three endpoints (one rested then back, one out, one URL with
 * escape sequences), log lines interleaved, then the final state and "DEMO DONE". Used by
 * progress.tty.e2e.spec.ts inside a tmux pseudo-terminal.
 */
import type { EndpointLive } from '@culturebench/core';
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
  { model: 'llama-pool', total: 60 },
];
const endpoints: EndpointLive[] = [
  { url: 'http://gpu-1:8000/v1', state: 'serving', restLeftMs: 0, served: 0, failures: 0 },
  { url: 'http://gpu-2:8000/v1', state: 'serving', restLeftMs: 0, served: 0, failures: 0 },
  // A hostile config value: it must not set the window title or clear the screen.
  { url: 'http://evil\x1b]0;pwned\x07:8000\x1b[2J', state: 'serving', restLeftMs: 0, served: 0, failures: 0 },
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
      if (s.model === 'llama-pool') {
        // gpu-2 rests from tick 3 to 8, then a probe brings it back; the hostile one is out from tick 2.
        endpoints[0].served += tick >= 3 && tick < 9 ? 3 : 2;
        endpoints[1].state = tick === 3 ? 'resting' : tick === 9 ? 'probing' : endpoints[1].state === 'probing' ? 'serving' : endpoints[1].state;
        endpoints[1].restLeftMs = endpoints[1].state === 'resting' ? (9 - tick) * 1000 : 0;
        if (tick === 3) endpoints[1].failures++;
        else if (endpoints[1].state !== 'resting') endpoints[1].served += 1;
        if (tick === 2) Object.assign(endpoints[2], { state: 'out', failures: 1 });
        else if (endpoints[2].state !== 'out') endpoints[2].served += 1;
        reporter.update({ ...s, endpoints: () => endpoints });
      } else reporter.update({ ...s });
    }
  }
  if (tick % 5 === 0) reporter.log(`rate limited, concurrency now ${tick / 5}`);
  if (state.every((s) => s.done >= s.total)) {
    clearInterval(timer);
    reporter.stop();
    process.stderr.write('DEMO DONE\n');
  }
}, 25);
