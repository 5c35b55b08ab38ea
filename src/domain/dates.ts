/**
 * Date-only values are `YYYY-MM-DD` strings end to end. Business dates are calendar days in
 * Europe/Amsterdam, whatever time zone the machine runs in. Nothing here reads the clock.
 */
import type { ParseResult } from './money';

export const TIME_ZONE = 'Europe/Amsterdam';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is a real calendar date in `YYYY-MM-DD` form (no 30 February). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses a date as partners deliver it: ISO `2024-03-15` (optionally with a time part, which is
 * ignored), Dutch `15-03-2024`, `15/03/2024`, `15.03.2024`, `15-3-2024`. Impossible dates are refused
 * (no silent roll-over from 30 February to 1 March).
 */
export function parseDate(input: unknown): ParseResult<string> {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return { ok: false, error: 'is geen geldige datum' };
    // A Date from a database driver: take its calendar day in Amsterdam.
    return { ok: true, value: amsterdamDate(input) };
  }
  if (typeof input !== 'string' || input.trim() === '') return { ok: false, error: 'ontbreekt' };
  const s = input.trim();
  let y: number, mo: number, d: number;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
    if (!m) return { ok: false, error: `"${input}" is geen datum (verwacht dd-mm-jjjj of jjjj-mm-dd)` };
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  const iso = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (!isIsoDate(iso)) return { ok: false, error: `"${input}" bestaat niet als datum` };
  return { ok: true, value: iso };
}

/** The calendar date of an instant in Europe/Amsterdam. */
export function amsterdamDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** Wall-clock parts of an instant in Europe/Amsterdam. */
export function amsterdamParts(instant: Date): { date: string; time: string; offset: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const offset = get('timeZoneName').replace('GMT', '') || '+00:00';
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    time: `${get('hour')}:${get('minute')}:${get('second')}`,
    offset,
  };
}

/**
 * The instant at which a wall-clock time in Amsterdam occurs. For a time that does not exist
 * (spring forward) it returns the instant one hour later; for a time that occurs twice (fall back)
 * the first occurrence.
 */
export function amsterdamInstant(date: string, time = '00:00:00'): Date {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi, s = 0] = time.split(':').map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  // Try the two offsets Amsterdam uses (+1 and +2 hours); take the earliest that maps back.
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(asUtc - offsetHours * 3600_000);
    const p = amsterdamParts(candidate);
    if (p.date === date && p.time.slice(0, 5) === `${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`) {
      return candidate;
    }
  }
  return new Date(asUtc - 1 * 3600_000);
}

/** Adds calendar days to an ISO date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Adds calendar months, clamping the day (31 January + 1 month = 28/29 February). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const nd = Math.min(d, daysInMonth(ny, nm));
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(nd).padStart(2, '0')}`;
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  const toUtc = (s: string) => {
    const [y, m, d] = s.split('-').map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
}

/** Age in whole years on `onDate` for someone born on `birthDate`. */
export function ageInYears(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/** Day of week for an ISO date: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** `2026-03-15` → `15-03-2026` (Dutch display). */
export function formatDateNl(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}-${m}-${y}`;
}

/** Every date from `from` to `to` inclusive. */
export function dateRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** `YYYY-MM` of a date; first and last day of a month. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}
export function firstOfMonth(month: string): string {
  return `${month}-01`;
}
export function lastOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}
