/** Dutch wording shared by the Excel and PDF renderers of the monthly report. */
import { formatCents } from '../src/domain/money';
import { formatDateNl } from '../src/domain/dates';
import { maskSmall } from '../src/domain/reports/stats';
import type { Unit } from '../src/domain/reports/model';

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

const SHORT = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

/** `2026-03` → `maart 2026`. */
export function monthNameNl(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${MONTHS[m - 1]} ${y}`;
}

/** `2026-03` → `mrt 26` (chart axis). */
export function monthShortNl(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${SHORT[m - 1]} ${String(y).slice(2)}`;
}

export { counterpartyLabel as counterpartyNl } from '../src/domain/reports/model';

export const DIRECTION_NL: Record<string, string> = {
  ontvangen: 'ontvangen',
  doorgegeven: 'doorgegeven',
  gerapporteerd: 'gerapporteerd',
  verwijderd: 'verwijderd',
};

/** Dutch text of a figure for the PDF: counts (masked when asked), percentages, days, euros. */
export function figureNl(value: number | null, unit: Unit, smallNumbers: boolean): string {
  if (value === null) return '—';
  switch (unit) {
    case 'procent':
      // Rounded to whole percents in external reports, so they do not reveal a masked count.
      return smallNumbers ? `${Math.round(value)}%` : `${value.toFixed(1).replace('.', ',')}%`;
    case 'werkdagen':
      return Number.isInteger(value) ? String(value) : value.toFixed(1).replace('.', ',');
    case 'euro':
      return formatCents(value);
    default: {
      const m = maskSmall(value, smallNumbers);
      return typeof m === 'string' ? m : formatIntNl(m);
    }
  }
}

export function formatIntNl(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(Math.round(n))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A difference with its sign, `+6` / `-2` / `0`; for percentages in points. */
export function differenceNl(value: number | null, unit: Unit): string {
  if (value === null) return '—';
  const s = unit === 'procent' || unit === 'werkdagen' ? Math.abs(value).toFixed(1).replace('.', ',').replace(/,0$/, '') : formatIntNl(Math.abs(value));
  const suffix = unit === 'procent' ? ' pp' : '';
  return value > 0 ? `+${s}${suffix}` : value < 0 ? `-${s}${suffix}` : `0${suffix}`;
}

export { formatCents, formatDateNl };

/** Amsterdam date and time of generation, `03-12-2026 17:05`. */
export function generatedNl(instant: Date): string {
  const parts = new Intl.DateTimeFormat('nl-NL', {
    timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('day')}-${get('month')}-${get('year')} ${get('hour')}:${get('minute')}`;
}

export const SMALL_NUMBERS_NOTE =
  'Bescherming kleine aantallen: aantallen van 1 tot en met 4 staan als "<5", de overige aantallen zijn afgerond op vijftallen en percentages op hele procenten, zodat kleine aantallen ook niet uit verschillen of totalen zijn af te leiden.';
