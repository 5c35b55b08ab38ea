/**
 * Retention rules (PURE). No statutory period exists (FACTS.md); the periods are configurable
 * defaults *te bevestigen*:
 * - a signal never picked up is kept `notPickedUpMonths` after its business date (long enough to
 *   recognise a repeat report);
 * - a case, its signals, consents and contact notes are kept `closedCaseMonths` after closing;
 * - a quarantined row's raw values are kept `quarantineMonths` after its business date;
 * - a household's personal data goes when none of its signals and cases is still within its period.
 * A record expires the day after its period ends. Rows stay (anonymised), so the counts the
 * reports read (per month, status, partner, queue) do not change.
 */
import { addMonths } from './dates';
import type { RawReport, ReportField } from './intake';

export interface RetentionPeriods {
  notPickedUpMonths: number;
  closedCaseMonths: number;
  quarantineMonths: number;
}

export interface RetentionCutoffs {
  /** Signals not picked up with a business date before this date have expired. */
  notPickedUpBefore: string;
  /** Cases closed before this date have expired. */
  closedBefore: string;
  /** Quarantine rows with a business date before this date have expired. */
  quarantineBefore: string;
}

export function retentionCutoffs(asOf: string, p: RetentionPeriods): RetentionCutoffs {
  return {
    notPickedUpBefore: addMonths(asOf, -p.notPickedUpMonths),
    closedBefore: addMonths(asOf, -p.closedCaseMonths),
    quarantineBefore: addMonths(asOf, -p.quarantineMonths),
  };
}

export interface SignalFacts {
  id: number;
  householdId: number;
  caseId: number | null;
  businessDate: string;
  anonymised: boolean;
}
export interface CaseFacts {
  id: number;
  householdId: number;
  closedDate: string | null;
}

export interface RetentionSelection {
  signalIds: number[];
  householdIds: number[];
  caseIds: number[];
}

/**
 * Which signals, households and cases have passed their retention period. `households` are the ids
 * of households that still hold personal data.
 */
export function selectExpired(
  households: number[],
  signals: SignalFacts[],
  cases: CaseFacts[],
  c: RetentionCutoffs,
): RetentionSelection {
  const caseExpired = new Map(cases.map((k) => [k.id, k.closedDate !== null && k.closedDate < c.closedBefore]));
  const signalExpired = (s: SignalFacts) =>
    s.caseId === null ? s.businessDate < c.notPickedUpBefore : caseExpired.get(s.caseId) === true;
  const liveHouseholds = new Set<number>();
  for (const s of signals) if (!signalExpired(s)) liveHouseholds.add(s.householdId);
  for (const k of cases) if (!caseExpired.get(k.id)) liveHouseholds.add(k.householdId);
  const withSignals = new Set(signals.map((s) => s.householdId));
  return {
    signalIds: signals.filter((s) => !s.anonymised && signalExpired(s)).map((s) => s.id).sort((a, b) => a - b),
    // A household without any signal is never selected: nothing dates it.
    householdIds: households.filter((h) => withSignals.has(h) && !liveHouseholds.has(h)).sort((a, b) => a - b),
    caseIds: cases.filter((k) => caseExpired.get(k.id)).map((k) => k.id).sort((a, b) => a - b),
  };
}

/** Fields of a quarantined row that carry no personal data; everything else is removed. */
const KEEP_RAW_FIELDS: ReportField[] = [
  'sourceRowId', 'receivedAt', 'gemeenteCode', 'partnerCode', 'partnerName', 'partnerType', 'signalDate',
  'arrearsSince', 'arrearsAmount', 'monthlyRent', 'minorChildren', 'crisis', 'warmHandover',
  'evictionThreatened', 'evictionDate',
];

export function anonymiseRaw(raw: RawReport): RawReport {
  return Object.fromEntries(Object.entries(raw).filter(([k]) => (KEEP_RAW_FIELDS as string[]).includes(k)));
}

/** Problem messages quote the offending value ("1234 XY" is geen postcode): the quotes go. */
export function anonymiseMessage(message: string): string {
  return message.replace(/"[^"]*"/g, '"…"');
}

/** Replacement values for a household's personal data; the 4-digit postcode area stays for area counts. */
export const ANONYMISED = {
  lastName: '[geanonimiseerd]',
  partnerReference: '[verwijderd]',
  signedBy: '[verwijderd]',
} as const;

export function postcodeArea(postcode: string): string {
  return postcode.replace(/\s+/g, '').slice(0, 4);
}
