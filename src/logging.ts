/**
 * Structured logging (pino). Personal data never reaches a log line: callers log ids and counts only,
 * and as a second line of defence every key that could hold personal data is censored by pino's
 * redaction, wherever it appears in the logged object.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

/** Keys that may hold personal data, in English and Dutch; redacted at any depth up to two levels. */
export const PERSONAL_KEYS = [
  'name', 'firstName', 'lastName', 'initials', 'prefix', 'birthDate', 'street', 'houseNumber',
  'houseNumberAddition', 'postcode', 'city', 'bsn', 'partnerReference', 'raw', 'person', 'address',
  'naam', 'voornaam', 'achternaam', 'voorletters', 'tussenvoegsel', 'geboortedatum', 'straat',
  'huisnummer', 'huisnummer_toevoeging', 'woonplaats', 'burgerservicenummer', 'referentie',
  // Column names, should a database row ever be logged; driver error details quote row values.
  'first_name', 'last_name', 'name_key', 'birth_date', 'house_number', 'house_number_addition',
  'partner_reference', 'raw_json', 'signed_by', 'signedBy', 'note', 'detail', 'geboortedatum', 'voorletters',
];

const redactPaths = PERSONAL_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

/** A logger writing JSON lines to stderr (so stdout stays for the command's own output). */
export function createLogger(level = 'info', destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths, censor: '[verwijderd]' },
      serializers: { err: safeError, error: safeError },
    },
    destination as pino.DestinationStream,
  );
}

/**
 * Errors are logged by type, code and message — with quoted and bracketed values masked, because
 * driver messages quote row values (`Key (postcode)=(1111 AB) already exists`, `"0123 XX" is geen
 * postcode`) — and the stack frames without the message line.
 */
export function safeError(e: unknown): Record<string, unknown> {
  if (!(e instanceof Error)) return { message: maskValues(String(e)) };
  const err = e as Error & { code?: unknown };
  return {
    type: err.name,
    code: typeof err.code === 'string' || typeof err.code === 'number' ? err.code : undefined,
    message: maskValues(err.message),
    stack: (err.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 15).join('\n'),
  };
}

export function maskValues(text: string): string {
  return text
    .replace(/"[^"]*"/g, '"…"')
    .replace(/'[^']*'/g, "'…'")
    .replace(/=\([^)]*\)/g, '=(…)');
}

/** A logger that writes nothing (tests, and `--json` output where stdout must stay clean). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
