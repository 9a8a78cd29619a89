/**
 * A one-line progress display on stderr. It is drawn only on a terminal, so that logs and CI output
 * stay free of carriage-return noise, and stdout stays the report alone.
 */
export interface Progress {
  update(label: string, done: number, total: number): void;
  done(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, done() {} };
  let lastDrawn = 0;
  return {
    update(label, done, total) {
      const now = Date.now();
      // Redrawing at most every 50 ms keeps the terminal cheap to update on fast runs.
      if (done !== total && now - lastDrawn < 50) return;
      lastDrawn = now;
      stream.write(`\r\x1b[2K${label} ${done}/${total}`);
    },
    done() {
      stream.write('\r\x1b[2K');
    },
  };
}
