/** Quarantine handling: correct a quarantined row's raw values and re-validate it. */
import { validateReport, REPORT_FIELDS, type RawReport, type ReportField } from '../domain/intake';
import { getQuarantine, listQuarantine, markQuarantineProcessed, updateQuarantine } from '../db/quarantine';
import { audit } from '../db/logs';
import type { Db } from '../db/rows';
import { UsageError } from '../errors';
import { acceptReport, type IntakeDeps } from './intake';

/** Applies corrections (`field=value`; field by canonical name or Dutch label) to a quarantined row. */
export async function correctQuarantined(
  db: Db,
  id: number,
  corrections: Record<string, string>,
  who: { actor: string; role: string; reason: string | null },
  businessDate: string,
  now: Date,
): Promise<{ raw: RawReport; problemsLeft: number }> {
  const q = await getQuarantine(db, id);
  if (!q) throw new UsageError(`Quarantaineregel ${id} bestaat niet`);
  if (q.status !== 'open') throw new UsageError(`Quarantaineregel ${id} is al verwerkt`);
  const raw: RawReport = { ...q.raw };
  const old: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(corrections)) {
    const field = resolveField(key);
    if (field in old) throw new UsageError(`Veld "${key}" staat twee keer in de correctie`);
    old[field] = raw[field] ?? null;
    raw[field] = value;
  }
  const v = validateReport(raw, businessDate);
  await updateQuarantine(db, id, raw, v.ok ? [] : v.problems);
  await audit(db, {
    actor: who.actor, role: who.role, action: 'quarantaine.gecorrigeerd', entity: 'quarantine', entityId: id,
    old, new: Object.fromEntries(Object.keys(old).map((k) => [k, raw[k as ReportField]])), reason: who.reason,
  }, now);
  return { raw, problemsLeft: v.ok ? 0 : v.problems.length };
}

export function resolveField(key: string): ReportField {
  const k = key.trim();
  // The source row id and arrival time identify the row as delivered; they are not corrected.
  if (k === 'sourceRowId' || k === 'receivedAt' || /^(meldingnummer|ontvangen op)$/i.test(k)) {
    throw new UsageError(`Veld "${key}" hoort bij de bron en kan niet worden gecorrigeerd`);
  }
  if (k in REPORT_FIELDS) return k as ReportField;
  const byLabel = (Object.entries(REPORT_FIELDS) as Array<[ReportField, string]>).find(
    ([, label]) => label.toLowerCase() === k.toLowerCase(),
  );
  if (byLabel) return byLabel[0];
  throw new UsageError(`Onbekend veld "${key}"; bekende velden: ${Object.keys(REPORT_FIELDS).join(', ')}`);
}

export interface RevalidateResult {
  id: number;
  accepted: boolean;
  signalId: number | null;
  caseId: number | null;
  problems: string[];
}

/**
 * Re-validates open quarantined rows (all, or the given ids). A row that is now valid is taken in
 * as a signal on `businessDate` (the day it is actually processed) and leaves the quarantine.
 */
export async function revalidateQuarantined(
  db: Db,
  deps: IntakeDeps,
  ids: number[] | 'all',
  businessDate: string,
): Promise<RevalidateResult[]> {
  const open = await listQuarantine(db, { status: 'open' });
  const selected = ids === 'all' ? open : open.filter((q) => ids.includes(q.id));
  if (ids !== 'all') {
    const missing = ids.filter((id) => !selected.some((q) => q.id === id));
    if (missing.length) throw new UsageError(`Geen open quarantaineregel(s): ${missing.join(', ')}`);
  }
  const out: RevalidateResult[] = [];
  for (const q of selected) {
    const v = validateReport(q.raw, businessDate);
    if (!v.ok) {
      await updateQuarantine(db, q.id, q.raw, v.problems);
      out.push({ id: q.id, accepted: false, signalId: null, caseId: null, problems: v.problems.map((p) => p.message) });
      continue;
    }
    const r = await acceptReport(
      db,
      deps,
      { sourceKey: q.sourceKey, sourceRowId: q.sourceRowId, receivedAt: null, report: v.report },
      businessDate,
    );
    if (r.kind !== 'accepted') throw new Error('a validated report must be accepted');
    await markQuarantineProcessed(db, q.id, r.signalId, deps.now);
    await audit(db, {
      actor: deps.actor, role: 'beheerder', action: 'quarantaine.verwerkt', entity: 'quarantine', entityId: q.id,
      new: { signaal: r.signalId }, runId: deps.runId,
    }, deps.now);
    out.push({ id: q.id, accepted: true, signalId: r.signalId, caseId: r.caseId, problems: [] });
  }
  return out;
}
