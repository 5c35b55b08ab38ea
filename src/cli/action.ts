import { InvalidArgumentError } from 'commander';
import { VsError } from '../errors';
import { isIsoDate } from '../domain/dates';

/** Wraps a command action: expected errors become a Dutch message and exit code 1. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number | void>) {
  return async (...args: A) => {
    try {
      const code = await fn(...args);
      process.exitCode = code ?? 0;
    } catch (e) {
      if (e instanceof VsError) {
        process.stderr.write(`Fout (${e.code}): ${e.message}\n`);
        process.exitCode = 1;
      } else {
        throw e;
      }
    }
  };
}

/** Parses a `YYYY-MM-DD` option or fails with a Dutch message. */
export function dateOption(value: string): string {
  if (!isIsoDate(value)) {
    throw new InvalidArgumentError(`"${value}" is geen datum in de vorm jjjj-mm-dd`);
  }
  return value;
}

export function intOption(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
        throw new InvalidArgumentError(`"${value}" moet een geheel getal van ${min} tot ${max} zijn`);
    }
    return n;
  };
}
