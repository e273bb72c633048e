/** A one-line progress indicator on a TTY for long work; silent in CI and when stderr is not a terminal. */

export type Progress = ((message: string) => void) & { done(): void };

export function createProgress(stream: NodeJS.WriteStream = process.stderr, env = process.env): Progress {
  const active = Boolean(stream.isTTY) && !env.CI;
  let shown = false;
  const update = ((message: string) => {
    if (!active) return;
    stream.write(`\r\u001b[2K${message.slice(0, (stream.columns ?? 80) - 1)}`);
    shown = true;
  }) as Progress;
  update.done = () => { if (shown) stream.write('\r\u001b[2K'); shown = false; };
  return update;
}
