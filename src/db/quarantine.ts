/** Rows that failed validation: kept with their raw values and every reason, never dropped. */
import type { FieldProblem, RawReport } from '../domain/intake';
import { insertReturningId, toInt, toIntOrNull, toStrOrNull, type Db } from './rows';

export type QuarantineStatus = 'open' | 'verwerkt';

export interface QuarantineRecord {
  id: number;
  sourceKey: string;
  sourceRowId: string;
  businessDate: string;
  runId: number | null;
  raw: RawReport;
  problems: FieldProblem[];
  status: QuarantineStatus;
  resolvedAt: string | null;
  resolvedSignalId: number | null;
  createdAt: string;
}

function fromRow(r: Record<string, unknown>): QuarantineRecord {
  return {
    id: toInt(r.id),
    sourceKey: String(r.source_key),
    sourceRowId: String(r.source_row_id),
    businessDate: String(r.business_date),
    runId: toIntOrNull(r.run_id),
    raw: JSON.parse(String(r.raw_json)),
    problems: JSON.parse(String(r.problems_json)),
    status: r.status as QuarantineStatus,
    resolvedAt: toStrOrNull(r.resolved_at),
    resolvedSignalId: toIntOrNull(r.resolved_signal_id),
    createdAt: String(r.created_at),
  };
}

export async function insertQuarantine(
  db: Db,
  q: { sourceKey: string; sourceRowId: string; businessDate: string; runId: number | null; raw: RawReport; problems: FieldProblem[] },
  now: Date,
): Promise<number> {
  return insertReturningId(db, 'quarantine', {
    source_key: q.sourceKey,
    source_row_id: q.sourceRowId,
    business_date: q.businessDate,
    run_id: q.runId,
    raw_json: JSON.stringify(q.raw),
    problems_json: JSON.stringify(q.problems),
    status: 'open',
    created_at: now.toISOString(),
  });
}

export async function listQuarantine(db: Db, opts: { status?: QuarantineStatus } = {}): Promise<QuarantineRecord[]> {
  const q = db('quarantine').orderBy('id');
  if (opts.status) q.where({ status: opts.status });
  return (await q).map(fromRow);
}

export async function getQuarantine(db: Db, id: number): Promise<QuarantineRecord | null> {
  const row = await db('quarantine').where({ id }).first();
  return row ? fromRow(row) : null;
}

/** Replaces the stored raw values (after a correction) and the problems found in them. */
export async function updateQuarantine(db: Db, id: number, raw: RawReport, problems: FieldProblem[]): Promise<void> {
  await db('quarantine').where({ id }).update({ raw_json: JSON.stringify(raw), problems_json: JSON.stringify(problems) });
}

export async function markQuarantineProcessed(db: Db, id: number, signalId: number, now: Date): Promise<void> {
  await db('quarantine').where({ id }).update({ status: 'verwerkt', resolved_at: now.toISOString(), resolved_signal_id: signalId });
}
