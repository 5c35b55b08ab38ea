/**
 * Code lists of the DDAS vroegsignalering standard (VNG Realisatie, delivered to CBS), per version,
 * as exact strings, and the mapping between them and our own data. Pure.
 *
 * Inside Vroegsignaal final results are kept in the v1.2 vocabulary (cases.final_result); v0.9 files
 * are translated on import and export. v0.9 has no signal status "Opgepakt": there a picked-up
 * signal is recognisable by its vroegsignaalzaak, so the status is left out.
 */
import type { NotPickedUpReason } from '../rules/events';

export const DDAS_VERSIONS = ['1.2', '0.9'] as const;
export type DdasVersion = (typeof DDAS_VERSIONS)[number];
export const CURRENT_DDAS_VERSION: DdasVersion = '1.2';

export function isDdasVersion(v: unknown): v is DdasVersion {
  return v === '1.2' || v === '0.9';
}

/** EnumSignaalpartner (same in both versions). */
export const SIGNAL_PARTNER_TYPES = [
  'Belastingdienst', 'CAK Eigen bijdrage', 'CAK Zorgverzekeringen', 'Dienst Toeslagen', 'DUO',
  'Energie', 'Huur', 'Hypotheek', 'Overige', 'Water', 'Zorg',
] as const;

export const CONTACT_KINDS: Record<DdasVersion, readonly string[]> = {
  '1.2': ['Administratief', 'Afspraak op locatie', 'Brief', 'Huisbezoek', 'Kaartje', 'Mail', 'Onbekend', 'Overige', 'SMS/Whatsapp', 'Telefoon'],
  '0.9': ['Mail', 'Brief', 'SMS/Whatsapp', 'Telefoon', 'Huisbezoek', 'Kaartje', 'Overige', 'Administratief'],
};

export const DAY_PARTS = ['Ochtend', 'Middag', 'Avond'] as const;

export const SIGNAL_STATUSES: Record<DdasVersion, readonly string[]> = {
  '1.2': [
    'Inwoner al bekend bij schuldhulpverlening', 'Inwoner is overleden', 'Niet opgepakt: andere reden',
    'Niet opgepakt: herhaalde melding', 'Niet opgepakt: onterecht signaal', 'Nog niet opgepakt', 'Opgepakt',
    'Persoon is geen inwoner (meer) in de gemeente',
  ],
  '0.9': [
    'Nog niet opgepakt', 'Niet opgepakt: onterecht signaal', 'Inwoner is overleden',
    'Persoon is geen inwoner (meer) in de gemeente', 'Niet opgepakt: herhaalde melding', 'Niet opgepakt: andere reden',
  ],
};

export const FINAL_RESULTS: Record<DdasVersion, readonly string[]> = {
  '1.2': [
    '(Budget)advies en/of quick fix', 'Definitief geen contact kunnen krijgen', 'Geen reactie na eerder contact',
    'Inwoner al bekend bij schuldhulpverlening', 'Inwoner heeft al een ander lopend traject',
    'Inwoner heeft zelf al betaald/betalingsregeling getroffen', 'Inwoner is overleden',
    'Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering', 'Niet opgepakt: andere reden',
    'Niet opgepakt: herhaalde melding', 'Niet opgepakt: onterecht signaal',
    'Persoon is geen inwoner (meer) in de gemeente', 'Vervolghulp en/of verwijzing',
    'Vervolghulp en/of verwijzing financieel', 'Vervolghulp en/of verwijzing niet financieel',
    'Verwijzing zonder tussenkomst inwoner',
  ],
  '0.9': [
    'Niet opgepakt: herhaalde melding', 'Niet opgepakt: onterecht signaal', 'Inwoner is overleden',
    'Persoon is geen inwoner (meer) in de gemeente', 'Niet opgepakt: andere reden',
    'Inwoner al bekend bij schuldhulpverlening', 'Inwoner heeft al een ander lopend traject',
    'Definitief geen contact kunnen krijgen', 'Geen reactie na eerder contact',
    'Inwoner hoeft geen hulp vanuit vroegsignalering', 'Inwoner heeft zelf al betaald/betalingsregeling getroffen',
    '(Budget)advies en/of quick fix', 'Vervolghulp en/of verwijzing financieel', 'Verwijzing zonder contact',
    'Vervolghulp en/of verwijzing niet financieel',
  ],
};

export const GENDERS = ['Man', 'Vrouw', 'Onbekend', 'Leeg'] as const;

/** v0.9 names of results that v1.2 renamed (v0.9 → v1.2). */
const RESULT_RENAMES_09_TO_12: Record<string, string> = {
  'Inwoner hoeft geen hulp vanuit vroegsignalering': 'Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering',
  'Verwijzing zonder contact': 'Verwijzing zonder tussenkomst inwoner',
};
const RESULT_RENAMES_12_TO_09: Record<string, string> = Object.fromEntries(
  Object.entries(RESULT_RENAMES_09_TO_12).map(([a, b]) => [b, a]),
);

/** A final result as delivered in a file of `version`, in our (v1.2) vocabulary. */
export function resultFromFile(result: string, version: DdasVersion): string {
  return version === '0.9' ? (RESULT_RENAMES_09_TO_12[result] ?? result) : result;
}

/**
 * Our (v1.2) final result in the vocabulary of `version`, or null when that version has no
 * equivalent (v1.2's generic "Vervolghulp en/of verwijzing" has none in v0.9: guessing
 * "financieel" or "niet financieel" would misreport, so it is left out with a warning).
 */
export function resultForFile(result: string, version: DdasVersion): string | null {
  const mapped = version === '0.9' ? (RESULT_RENAMES_12_TO_09[result] ?? result) : result;
  return FINAL_RESULTS[version].includes(mapped) ? mapped : null;
}

/** DDAS signal status → our signal status and not-picked-up reason (imported signals). */
export function statusFromDdas(
  status: string | null,
  inCase: boolean,
): { status: 'opgepakt' | 'niet-opgepakt'; reason: NotPickedUpReason | null } {
  if (inCase || status === 'Opgepakt') return { status: 'opgepakt', reason: null };
  switch (status) {
    case 'Niet opgepakt: herhaalde melding': return { status: 'niet-opgepakt', reason: 'herhaalmelding' };
    case 'Niet opgepakt: onterecht signaal': return { status: 'niet-opgepakt', reason: 'onterecht-signaal' };
    case 'Inwoner al bekend bij schuldhulpverlening': return { status: 'niet-opgepakt', reason: 'al-bekend' };
    case 'Persoon is geen inwoner (meer) in de gemeente': return { status: 'niet-opgepakt', reason: 'geen-inwoner' };
    case 'Inwoner is overleden': return { status: 'niet-opgepakt', reason: 'overleden' };
    // "Niet opgepakt: andere reden" and "Nog niet opgepakt": no standard reason of ours; the
    // delivered status is kept in signals.ddas_status.
    default: return { status: 'niet-opgepakt', reason: null };
  }
}

/**
 * Our signal status and reason → DDAS EnumSignaalstatus of `version`; null = leave the field out
 * (v0.9 has no "Opgepakt"). Below-threshold is not a DDAS reason: "andere reden".
 */
export function statusForDdas(status: string, reason: string | null, version: DdasVersion): string | null {
  if (status === 'opgepakt') return version === '1.2' ? 'Opgepakt' : null;
  const byReason: Record<string, string> = {
    herhaalmelding: 'Niet opgepakt: herhaalde melding',
    'onterecht-signaal': 'Niet opgepakt: onterecht signaal',
    'al-bekend': 'Inwoner al bekend bij schuldhulpverlening',
    'geen-inwoner': 'Persoon is geen inwoner (meer) in de gemeente',
    overleden: 'Inwoner is overleden',
  };
  const s = (reason && byReason[reason]) || 'Niet opgepakt: andere reden';
  return SIGNAL_STATUSES[version].includes(s) ? s : 'Niet opgepakt: andere reden';
}

/** A delivered status kept as-is when the target version knows it, else derived from our status. */
export function storedStatusForDdas(
  ddasStatus: string | null,
  status: string,
  reason: string | null,
  version: DdasVersion,
): string | null {
  if (ddasStatus !== null && SIGNAL_STATUSES[version].includes(ddasStatus)) return ddasStatus;
  return statusForDdas(status, reason, version);
}

/** Contact kind (stored as v1.2 string) for `version`; null = leave out. */
export function contactKindForDdas(kind: string, version: DdasVersion): string | null {
  if (CONTACT_KINDS[version].includes(kind)) return kind;
  if (version === '0.9' && kind === 'Afspraak op locatie') return 'Overige';
  return null;
}

/** Partner record code for an imported partner type: DDAS carries the type, not the organisation. */
export function importedPartnerCode(type: string): string {
  return `DDAS-${type}`;
}
