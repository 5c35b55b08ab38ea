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
    },
    destination as pino.DestinationStream,
  );
}

/** A logger that writes nothing (tests, and `--json` output where stdout must stay clean). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
