/**
 * Working days per the Algemene termijnenwet: Saturdays, Sundays and the generally recognised
 * public holidays do not count. Easter-based holidays are computed, never typed in.
 */
import { addDays, dayOfWeek } from './dates';

/** Easter Sunday (Gregorian, anonymous algorithm of Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The public holidays of the Algemene termijnenwet for a year, with their Dutch names. */
export function publicHolidays(year: number): Array<{ date: string; name: string }> {
  const easter = easterSunday(year);
  // King's Day is 27 April, or 26 April when the 27th is a Sunday.
  const kingsDay = dayOfWeek(`${year}-04-27`) === 0 ? `${year}-04-26` : `${year}-04-27`;
  const list = [
    { date: `${year}-01-01`, name: 'Nieuwjaarsdag' },
    { date: addDays(easter, 1), name: 'Tweede paasdag' },
    { date: kingsDay, name: 'Koningsdag' },
    { date: `${year}-05-05`, name: 'Bevrijdingsdag' },
    { date: addDays(easter, 39), name: 'Hemelvaartsdag' },
    { date: addDays(easter, 50), name: 'Tweede pinksterdag' },
    { date: `${year}-12-25`, name: 'Eerste kerstdag' },
    { date: `${year}-12-26`, name: 'Tweede kerstdag' },
  ];
  return list.sort((x, y) => x.date.localeCompare(y.date));
}

const holidayCache = new Map<number, Set<string>>();
function holidaySet(year: number): Set<string> {
  let set = holidayCache.get(year);
  if (!set) {
    set = new Set(publicHolidays(year).map((h) => h.date));
    holidayCache.set(year, set);
  }
  return set;
}

export function isWorkingDay(date: string): boolean {
  const dow = dayOfWeek(date);
  if (dow === 0 || dow === 6) return false;
  return !holidaySet(Number(date.slice(0, 4))).has(date);
}

/**
 * The date `n` working days after `from` (the day of `from` itself does not count, as with a
 * statutory term that starts the day after receipt).
 */
export function addWorkingDays(from: string, n: number): string {
  let d = from;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left -= 1;
  }
  return d;
}

/** Working days after `from` up to and including `to` (negative when `to` is earlier). */
export function workingDaysBetween(from: string, to: string): number {
  if (to < from) return -workingDaysBetween(to, from);
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) count += 1;
  return count;
}
