/**
 * Money is integer cents inside the system. Partners deliver amounts as Dutch text in many shapes;
 * this module is the one place where text becomes cents and cents become Dutch text.
 */

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Parses an amount as partners deliver it: `1.250,50`, `1250,50`, `€ 1.250,50`, `1250.50`,
 * `1,250.50`, `-35,00`, or a plain integer (euros). Returns cents. Ambiguous or malformed text is
 * refused, never guessed: `12,3,4` or `1.25.0` is an error.
 */
export function parseAmountToCents(input: unknown): ParseResult<number> {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, error: 'is geen eindig getal' };
    return { ok: true, value: Math.round(input * 100) };
  }
  if (typeof input !== 'string') return { ok: false, error: 'ontbreekt' };
  let s = input.replace(/[\s\u00a0]/g, '').replace(/^€|^EUR/i, '').replace(/€$|EUR$/i, '');
  if (s === '') return { ok: false, error: 'is leeg' };
  let sign = 1;
  if (s.startsWith('-')) {
    sign = -1;
    s = s.slice(1);
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  }
  if (!/^[0-9.,]+$/.test(s)) return { ok: false, error: `"${input}" is geen bedrag` };
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  let intPart: string;
  let fracPart = '';
  if (lastComma >= 0 && lastDot >= 0) {
    // Both separators: the last one is the decimal separator, the other groups thousands.
    const dec = lastComma > lastDot ? ',' : '.';
    const group = dec === ',' ? '.' : ',';
    const [i, f, ...rest] = s.split(dec);
    if (rest.length > 0 || f === undefined) return { ok: false, error: `"${input}" is geen bedrag` };
    if (!validGrouping(i, group)) return { ok: false, error: `"${input}" heeft een ongeldige duizendtallenscheiding` };
    intPart = i.split(group).join('');
    fracPart = f;
  } else if (lastComma >= 0 || lastDot >= 0) {
    const sep = lastComma >= 0 ? ',' : '.';
    const parts = s.split(sep);
    if (parts.length === 2 && parts[1].length !== 3) {
      // One separator followed by 1 or 2 digits: a decimal separator (`1250,5`, `950.00`).
      intPart = parts[0];
      fracPart = parts[1];
    } else if (sep === '.' && validGrouping(s, '.')) {
      // Dutch thousands grouping without decimals: `1.250` is twelve hundred fifty euros.
      intPart = parts.join('');
    } else if (sep === ',' && parts.length === 2 && parts[1].length === 3) {
      // `1,250` is ambiguous (Dutch 1 euro 25 cent with 3 decimals, or English grouping): refuse.
      return { ok: false, error: `"${input}" is dubbelzinnig (duizendtallen of decimalen?)` };
    } else {
      return { ok: false, error: `"${input}" is geen bedrag` };
    }
  } else {
    intPart = s;
  }
  if (intPart === '' || !/^\d+$/.test(intPart)) return { ok: false, error: `"${input}" is geen bedrag` };
  if (!/^\d{0,2}$/.test(fracPart)) return { ok: false, error: `"${input}" heeft meer dan twee decimalen` };
  const cents = Number(intPart) * 100 + Number((fracPart + '00').slice(0, 2));
  if (!Number.isSafeInteger(cents)) return { ok: false, error: `"${input}" is te groot` };
  return { ok: true, value: sign * cents };
}

function validGrouping(s: string, group: string): boolean {
  if (!s.includes(group)) return /^\d+$/.test(s);
  const parts = s.split(group);
  return /^\d{1,3}$/.test(parts[0]) && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}

/** Formats cents the Dutch way: 123456 → `€ 1.234,56`; -500 → `€ -5,00`. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  const euros = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `€ ${sign}${euros},${String(abs % 100).padStart(2, '0')}`;
}

/** Whole euros for the national DDAS delivery: rounded half up on the absolute value. */
export function centsToWholeEuros(cents: number): number {
  const sign = cents < 0 ? -1 : 1;
  return sign * Math.floor((Math.abs(cents) + 50) / 100);
}
