/**
 * The audit trail and the data-sharing log. Both are written with the same transaction object as
 * the change they record, so a change and its record commit or roll back together.
 */
import { insertChunked, type Db } from './rows';

export interface AuditEntry {
  actor: string;
  role: string;
  action: string;
  entity: string;
  entityId: string | number | null;
  caseId?: number | null;
  old?: unknown;
  new?: unknown;
  reason?: string | null;
  runId?: number | null;
}

export async function audit(db: Db, entries: AuditEntry | AuditEntry[], now: Date): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  await insertChunked(
    db,
    'audit_log',
    list.map((e) => ({
      occurred_at: now.toISOString(),
      actor: e.actor,
      role: e.role,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId === null ? null : String(e.entityId),
      case_id: e.caseId ?? null,
      old_json: e.old === undefined ? null : JSON.stringify(e.old),
      new_json: e.new === undefined ? null : JSON.stringify(e.new),
      reason: e.reason ?? null,
      run_id: e.runId ?? null,
    })),
  );
}

export { DATA_CATEGORIES, type DataCategory } from '../domain/dataCategories';
import type { DataCategory } from '../domain/dataCategories';

export interface SharingEntry {
  businessDate: string | null;
  direction: 'ontvangen' | 'doorgegeven' | 'gerapporteerd' | 'verwijderd';
  counterparty: string;
  partnerId?: number | null;
  category: DataCategory | string;
  recordCount: number;
  legalBasis?: string | null;
  consentId?: number | null;
  caseId?: number | null;
  runId?: number | null;
}

export async function logSharing(db: Db, entries: SharingEntry[], now: Date): Promise<void> {
  await insertChunked(
    db,
    'data_sharing_log',
    entries
      .filter((e) => e.recordCount > 0)
      .map((e) => ({
        occurred_at: now.toISOString(),
        business_date: e.businessDate,
        direction: e.direction,
        counterparty: e.counterparty,
        partner_id: e.partnerId ?? null,
        category: e.category,
        record_count: e.recordCount,
        legal_basis: e.legalBasis ?? null,
        consent_id: e.consentId ?? null,
        case_id: e.caseId ?? null,
        run_id: e.runId ?? null,
      })),
  );
}

/** Whether the data-sharing log already has an entry of this kind for a date (to log a delivery once). */
export async function hasSharing(db: Db, q: { direction: SharingEntry['direction']; counterparty: string; businessDate: string }): Promise<boolean> {
  const row = await db('data_sharing_log')
    .select('id')
    .where({ direction: q.direction, counterparty: q.counterparty, business_date: q.businessDate })
    .first();
  return row !== undefined;
}
