/**
 * Progress of a long-running command (seed, migrations, benchmarks), written to stderr so that a command's own
 * output on stdout (numbers, tables) stays clean when piped.
 *
 * On a terminal one line is rewritten in place (`\r` + clear to end of line) at most every REDRAW_MS; when stderr is
 * not a terminal (CI, a log file) every `step` is one plain line and `advance` prints a line only every
 * PLAIN_EVERY_PERCENT of the total, so a log is readable and bounded. Nothing personal goes into a label: callers
 * pass step names and counts only.
 */
export interface Progress {
  /** Starts a named step, optionally with the number of units it will do. */
  step(name: string, total?: number): void;
  /** Marks `by` more units of the current step as done. */
  advance(by?: number): void;
  /** Ends the current step, with an optional short result ("12 rows", "1.8 s"). */
  done(result?: string): void;
}

const REDRAW_MS = 100;
const PLAIN_EVERY_PERCENT = 10;

export interface ProgressOptions {
  /** Where to write (default: process.stderr). */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Prefix of every line, e.g. the command's name. */
  label?: string;
  /** Silent (no output at all): for library use of a command's code in tests. */
  silent?: boolean;
}

export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const tty = stream.isTTY === true;
  const prefix = options.label ? `[${options.label}] ` : "";
  let name = "";
  let total: number | undefined;
  let count = 0;
  let started = 0;
  let lastDraw = 0;
  let lastPlainPercent = 0;

  const line = () => {
    const pct = total ? ` ${Math.floor((count / total) * 100)}%` : "";
    const of = total ? `${count.toLocaleString("en-US")}/${total.toLocaleString("en-US")}` : count ? count.toLocaleString("en-US") : "";
    return `${prefix}${name}${of ? ` ${of}` : ""}${pct}`;
  };
  const write = (text: string) => {
    if (!options.silent) stream.write(text);
  };
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

  return {
    step(stepName, stepTotal) {
      name = stepName;
      total = stepTotal && stepTotal > 0 ? stepTotal : undefined;
      count = 0;
      started = performance.now();
      lastPlainPercent = 0;
      if (tty) {
        write(`\r\x1b[K${line()}`);
        lastDraw = performance.now();
      } else write(`${line()}\n`);
    },
    advance(by = 1) {
      count += by;
      if (tty) {
        const now = performance.now();
        if (now - lastDraw >= REDRAW_MS || (total !== undefined && count >= total)) {
          write(`\r\x1b[K${line()}`);
          lastDraw = now;
        }
      } else if (total) {
        const percent = Math.floor((count / total) * 100);
        if (percent >= lastPlainPercent + PLAIN_EVERY_PERCENT && percent < 100) {
          lastPlainPercent = percent - (percent % PLAIN_EVERY_PERCENT);
          write(`${line()}\n`);
        }
      }
    },
    done(result) {
      const tail = `done in ${elapsed()}${result ? ` (${result})` : ""}`;
      write(tty ? `\r\x1b[K${prefix}${name}: ${tail}\n` : `${prefix}${name}: ${tail}\n`);
      name = "";
      total = undefined;
    },
  };
}
