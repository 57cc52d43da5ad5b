import type { SyncProgress } from './sync';

const WIDTH = 30;
/** Below this many records a sync is quick enough to go without a bar. */
const LARGE = 200;

/**
 * A progress bar on stderr for large syncs (stdout stays for results). On a terminal it redraws
 * one line; elsewhere (CI logs) it prints one line per step.
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): { update: (p: SyncProgress) => void; done: () => void } {
  let drawn = false;
  let shown = false;
  return {
    update(p) {
      if (!shown && p.total < LARGE && !(p.phase === 'download' && p.done < p.total)) return;
      shown = true;
      const ratio = Math.min(1, p.total === 0 ? 1 : p.done / p.total);
      const filled = Math.round(ratio * WIDTH);
      const line = `${p.phase.padEnd(8)} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}%`;
      if (stream.isTTY) {
        stream.write(`\r${line}`);
        drawn = true;
      } else {
        stream.write(`${line}\n`);
      }
    },
    done() {
      if (drawn) stream.write('\n');
    },
  };
}
