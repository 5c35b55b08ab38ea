/**
 * Normalisation of the text partners deliver: control characters, odd whitespace, postcodes in every
 * shape, house numbers with additions, names with tussenvoegsels and diacritics.
 */

/** NFC, control characters removed, runs of whitespace folded to one space, trimmed. */
export function cleanText(input: unknown): string {
  if (input === null || input === undefined) return '';
  return String(input)
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, " ")
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** Text for comparison: no diacritics, lower case, letters and digits only. */
export function foldKey(input: string): string {
  return input
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/[æÆ]/g, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** `1234ab`, `1234 AB`, ` 1234-ab ` → `1234 AB`; null when it is not a Dutch postcode. */
export function normalisePostcode(input: unknown): string | null {
  const s = cleanText(input).toUpperCase().replace(/[\s-]/g, '');
  const m = /^([1-9]\d{3})([A-Z]{2})$/.exec(s);
  if (!m) return null;
  // These letter combinations are not issued by PostNL.
  if (['SA', 'SD', 'SS'].includes(m[2])) return null;
  return `${m[1]} ${m[2]}`;
}

/**
 * Splits a house number with its addition: `12-A`, `12a`, `12 hs`, `12bis`, `12-2`, `12 A`,
 * `12 - 3 hoog`. A separately delivered addition is appended. Returns null when there is no number.
 */
export function normaliseHouseNumber(
  numberInput: unknown,
  additionInput?: unknown,
): { number: number; addition: string | null } | null {
  const raw = cleanText(numberInput);
  const m = /^(\d{1,5})\s*[-/]?\s*(.*)$/.exec(raw);
  if (!m) return null;
  const number = Number(m[1]);
  if (number < 1) return null;
  const parts = [m[2], cleanText(additionInput)]
    .map((p) => p.replace(/^[-/\s]+/, '').trim())
    .filter((p) => p !== '');
  const addition = parts.length ? parts.join(' ').toUpperCase() : null;
  if (addition !== null && !/^[\p{L}0-9 .\-/]{1,20}$/u.test(addition)) return null;
  return { number, addition };
}

/** Tussenvoegsels as they occur at the start of a Dutch surname, longest first. */
const PREFIXES = [
  'van de', 'van der', 'van den', 'van het', "van 't", 'in de', 'in het', 'in den', "in 't",
  'op de', 'op den', 'op het', "op 't", 'uit de', 'uit den', 'uit het', 'aan de', 'aan den',
  'bij de', 'onder de', 'over de', 'ten', 'ter', 'te', 'van', 'de', 'den', 'der', 'het', "'t",
  'el', 'al', 'la', 'le', 'du', 'da', 'di', 'dos', 'von', 'zu', 'op', 'in', 'uit', 'aan', 'bij',
].sort((a, b) => b.length - a.length);

export interface NameParts {
  initials: string | null;
  firstName: string | null;
  prefix: string | null;
  lastName: string;
}

/**
 * Normalises name parts. A tussenvoegsel delivered inside the surname (`van den Berg`) is moved to
 * `prefix`, so the household sorts and matches under `Berg`. Initials become `J.P.`.
 */
export function normaliseName(input: {
  initials?: unknown;
  firstName?: unknown;
  prefix?: unknown;
  lastName?: unknown;
}): NameParts {
  let lastName = cleanText(input.lastName);
  let prefix = cleanText(input.prefix).toLowerCase();
  if (!prefix) {
    const lower = lastName.toLowerCase();
    for (const p of PREFIXES) {
      if (lower.startsWith(p + ' ') && lastName.length > p.length + 1) {
        prefix = p;
        lastName = lastName.slice(p.length + 1).trim();
        break;
      }
    }
  }
  const firstName = cleanText(input.firstName) || null;
  let initials = cleanText(input.initials)
    .replace(/[^\p{L}]/gu, '')
    .toUpperCase();
  if (!initials && firstName) initials = firstName.slice(0, 1).toUpperCase();
  return {
    initials: initials ? initials.split('').join('.') + '.' : null,
    firstName,
    prefix: prefix || null,
    lastName,
  };
}

/** `J.P. van den Berg` — for screens and letters, never for logs or reports. */
export function displayName(n: NameParts): string {
  return [n.initials ?? n.firstName, n.prefix, n.lastName].filter(Boolean).join(' ');
}
