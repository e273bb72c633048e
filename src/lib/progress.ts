/** A one-line progress indicator on a TTY for long work; silent in CI and when stderr is not a terminal. */
import { printable } from './printable.js';

export type Progress = ((message: string) => void) & { done(): void };

export function createProgress(stream: NodeJS.WriteStream = process.stderr, env = process.env): Progress {
  const active = Boolean(stream.isTTY) && !env.CI;
  let shown = false;
  const update = ((message: string) => {
    if (!active) return;
    // The message names files being read: printable, so only the indicator's own `\r` and ESC act.
    stream.write(`\r\u001b[2K${printable(message).slice(0, (stream.columns ?? 80) - 1)}`);
    shown = true;
  }) as Progress;
  update.done = () => { if (shown) stream.write('\r\u001b[2K'); shown = false; };
  return update;
}
