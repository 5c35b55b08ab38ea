/**
 * Progress for long commands: a progress bar (cli-progress) when stderr is a terminal, plain lines
 * otherwise (log files, CI, cron mail), so output stays readable in both. Progress goes to stderr:
 * stdout stays for the command's own output (`--json`).
 *
 *   const p = createProgress({ label: 'Verwerkingsdagen', total: dates.length });
 *   p.update(i + 1, `15-03-2026: 12 ontvangen`);
 *   p.stop();
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** Sets the position (and optionally the total and a short detail text). */
  update(done: number, detail?: string, total?: number): void;
  /** One step further. */
  increment(detail?: string): void;
  stop(): void;
}

export interface ProgressOptions {
  label: string;
  total: number;
  stream?: NodeJS.WriteStream | NodeJS.WritableStream;
  /** Force a mode; default: bar when the stream is a TTY. */
  mode?: 'bar' | 'lines' | 'off';
  /** In line mode, print at most every this many steps (besides the first and last). Default: every ~10%. */
  every?: number;
}

export function createProgress(opts: ProgressOptions): Progress {
  const stream = opts.stream ?? process.stderr;
  const isTty = (stream as NodeJS.WriteStream).isTTY === true;
  const mode = opts.mode ?? (isTty ? 'bar' : 'lines');
  let total = opts.total;
  let done = 0;
  if (mode === 'off') return { update() {}, increment() {}, stop() {} };
  if (mode === 'bar') {
    const bar = new cliProgress.SingleBar(
      {
        format: `${opts.label} [{bar}] {value}/{total} {detail}`,
        stream: stream as NodeJS.WriteStream,
        hideCursor: true,
        clearOnComplete: false,
        barsize: 30,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { detail: '' });
    return {
      update(n, detail, t) {
        if (t !== undefined && t !== total) bar.setTotal((total = t));
        done = n;
        bar.update(done, { detail: detail ?? '' });
      },
      increment(detail) {
        this.update(done + 1, detail);
      },
      stop() {
        bar.stop();
      },
    };
  }
  let lastPrinted = -1;
  const every = () => opts.every ?? Math.max(1, Math.ceil(total / 10));
  return {
    update(n, detail, t) {
      if (t !== undefined) total = t;
      done = n;
      if (done === 1 || done >= total || done - lastPrinted >= every()) {
        lastPrinted = done;
        stream.write(`${opts.label} ${done}/${total}${detail ? `: ${detail}` : ''}\n`);
      }
    },
    increment(detail) {
      this.update(done + 1, detail);
    },
    stop() {},
  };
}

/** Adapts a Progress to `JobContext.progress` (done, total, label). */
export function progressCallback(p: Progress): (done: number, total: number, label: string) => void {
  return (done, total, label) => p.update(done, label, total);
}
