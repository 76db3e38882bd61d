import type { RunArgs } from './commands.js';

/** Exit code for a run stopped by a signal: 128 + its number (SIGINT 130, SIGTERM 143). */
export const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

export interface StopTrap {
  /** Fires on the first SIGINT/SIGTERM: send nothing new, let requests in flight finish briefly. */
  stop: AbortSignal;
  /** Fires on the second: cut off the requests in flight now. */
  cut: AbortSignal;
  /** The first signal received, if any. */
  readonly received: 'SIGINT' | 'SIGTERM' | null;
  dispose(): void;
}

/**
 * Traps SIGINT and SIGTERM for a run. The same signal twice within `sameEventMs` counts once: a
 * Ctrl-C reaches both a wrapper (which forwards it) and the run through the terminal.
 */
export function trapStopSignals(say: (text: string) => void, sameEventMs = 300): StopTrap {
  const stop = new AbortController();
  const cut = new AbortController();
  let received: 'SIGINT' | 'SIGTERM' | null = null;
  let last = 0;
  let count = 0;
  const on = (sig: 'SIGINT' | 'SIGTERM') => () => {
    const now = Date.now();
    if (count > 0 && now - last < sameEventMs) return;
    last = now;
    count++;
    if (count === 1) {
      received = sig;
      say(
        `\n${sig === 'SIGINT' ? 'interrupted' : 'terminated'}: no new requests are sent; waiting briefly for those in flight, then writing what arrived (${sig === 'SIGINT' ? 'Ctrl-C' : 'signal'} again to stop waiting)\n`,
      );
      stop.abort();
    } else if (count === 2) {
      say('cutting off the requests in flight; they are asked again on resume\n');
      cut.abort();
    } else {
      process.exit(SIGNAL_EXIT[received ?? sig]);
    }
  };
  const onInt = on('SIGINT');
  const onTerm = on('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    stop: stop.signal,
    cut: cut.signal,
    get received() {
      return received;
    },
    dispose() {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}

/** One shell word, quoted only when it needs to be. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The command that continues a run with the flags it was started with, ready to paste. */
export function resumeCommand(args: RunArgs, runDir: string, extra: string[] = []): string {
  const words = ['npx', 'culturebench', 'run', '--config', args.config];
  const opt = (flag: string, v: string | number | undefined) => v !== undefined && words.push(flag, String(v));
  opt('--models', args.models);
  opt('--countries', args.countries);
  opt('--samples', args.samples);
  opt('--out', args.out);
  if (args.progress === false) words.push('--no-progress');
  if (args.cache === false) words.push('--no-cache');
  opt('--cache-dir', args.cacheDir);
  opt('--max-cost', args.maxCost);
  opt('--shard', args.shard);
  opt('--timeout', args.timeout);
  opt('--replicates', args.replicates);
  if (args.batch) words.push('--batch');
  if (args.allowLargePlan) words.push('--allow-large-plan');
  words.push('--resume', runDir, ...extra);
  return words.map(shellQuote).join(' ');
}
