import type { PriorSignal } from '../domain/households';
import type { IntakeReport } from '../domain/intake';
import { insertReturningId, selectWhereIn, toBool, toInt, toIntOrNull, toStrOrNull, type Db } from './rows';

export type SignalStatus = 'opgepakt' | 'niet-opgepakt';

export interface NewSignal {
  sourceKey: string;
  sourceRowId: string;
  origin?: string;
  businessDate: string;
  receivedAt: string | null;
  runId: number | null;
  partnerId: number;
  householdId: number;
  caseId: number | null;
  report: IntakeReport;
  status: SignalStatus;
  notPickedUpReason: string | null;
  isRepeat: boolean;
  previousSignalId: number | null;
}

export async function insertSignal(db: Db, s: NewSignal, now: Date): Promise<number> {
  const r = s.report;
  return insertReturningId(db, 'signals', {
    source_key: s.sourceKey,
    source_row_id: s.sourceRowId,
    origin: s.origin ?? 'bron',
    business_date: s.businessDate,
    received_at: s.receivedAt,
    run_id: s.runId,
    partner_id: s.partnerId,
    household_id: s.householdId,
    case_id: s.caseId,
    gemeente_code: r.gemeenteCode,
    partner_reference: r.partnerReference,
    signal_date: r.signalDate,
    arrears_since: r.arrearsSince,
    arrears_cents: r.arrearsCents,
    monthly_rent_cents: r.monthlyRentCents,
    minor_children: r.minorChildren,
    crisis: r.crisis,
    warm_handover: r.warmHandover,
    eviction_threatened: r.evictionThreatened,
    eviction_date: r.evictionDate,
    status: s.status,
    not_picked_up_reason: s.notPickedUpReason,
    is_repeat: s.isRepeat,
    previous_signal_id: s.previousSignalId,
    created_at: now.toISOString(),
  });
}

export async function setSignalCase(db: Db, signalId: number, caseId: number): Promise<void> {
  await db('signals').where({ id: signalId }).update({ case_id: caseId });
}

/** Earlier signals of a household (any partner, imported ones included), for repeat detection. */
export async function priorSignals(db: Db, householdId: number): Promise<PriorSignal[]> {
  const rows = await db('signals')
    .join('partners', 'partners.id', 'signals.partner_id')
    .select('signals.id', 'signals.partner_id', 'signals.signal_date', 'signals.arrears_cents', 'signals.origin', 'partners.type as partner_type')
    .where({ 'signals.household_id': householdId })
    .orderBy('signals.id');
  return rows.map((r) => ({
    id: toInt(r.id),
    partnerId: toInt(r.partner_id),
    signalDate: String(r.signal_date),
    arrearsCents: toInt(r.arrears_cents),
    partnerType: String(r.partner_type),
    imported: r.origin === DDAS_IMPORT_ORIGIN,
  }));
}

/** signals.origin of signals brought along from a DDAS delivery. */
export const DDAS_IMPORT_ORIGIN = 'ddas-import';

export async function sourceRowExists(db: Db, sourceKey: string, sourceRowId: string): Promise<boolean> {
  const row = await db('signals').select('id').where({ source_key: sourceKey, source_row_id: sourceRowId }).first();
  return row !== undefined;
}

/** The stored signal in the shape the rules saw it (without personal data). */
export interface StoredSignal {
  id: number;
  partnerId: number;
  partnerType: string;
  householdId: number;
  caseId: number | null;
  businessDate: string;
  signalDate: string;
  arrearsSince: string | null;
  arrearsCents: number;
  monthlyRentCents: number | null;
  minorChildren: number | null;
  crisis: boolean;
  warmHandover: boolean;
  evictionThreatened: boolean;
  evictionDate: string | null;
  status: SignalStatus;
  notPickedUpReason: string | null;
  isRepeat: boolean;
}

export function storedSignalFromRow(r: Record<string, unknown>): StoredSignal {
  return {
    id: toInt(r.id),
    partnerId: toInt(r.partner_id),
    partnerType: String(r.partner_type ?? ''),
    householdId: toInt(r.household_id),
    caseId: toIntOrNull(r.case_id),
    businessDate: String(r.business_date),
    signalDate: String(r.signal_date),
    arrearsSince: toStrOrNull(r.arrears_since),
    arrearsCents: toInt(r.arrears_cents),
    monthlyRentCents: toIntOrNull(r.monthly_rent_cents),
    minorChildren: toIntOrNull(r.minor_children),
    crisis: toBool(r.crisis),
    warmHandover: toBool(r.warm_handover),
    evictionThreatened: toBool(r.eviction_threatened),
    evictionDate: toStrOrNull(r.eviction_date),
    status: r.status as SignalStatus,
    notPickedUpReason: toStrOrNull(r.not_picked_up_reason),
    isRepeat: toBool(r.is_repeat),
  };
}

/** The most recent signal of each of the given cases. */
export async function latestSignalsOfCases(db: Db, caseIds: number[]): Promise<Map<number, StoredSignal>> {
  const out = new Map<number, StoredSignal>();
  if (caseIds.length === 0) return out;
  const rows = await selectWhereIn(caseIds, (part) =>
    db('signals')
      .join('partners', 'partners.id', 'signals.partner_id')
      .select('signals.*', 'partners.type as partner_type')
      .whereIn('signals.case_id', part)
      .orderBy('signals.id'),
  );
  for (const r of rows) out.set(toInt(r.case_id), storedSignalFromRow(r));
  return out;
}
