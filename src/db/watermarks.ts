/** The source watermark: the highest source row id read, advanced in the same transaction as the batch. */
import { toInt, type Db } from './rows';

export async function getWatermark(db: Db, sourceKey: string): Promise<number> {
  const row = await db('source_watermarks').where({ source_key: sourceKey }).first();
  return row ? toInt(row.last_row_id) : 0;
}

export async function setWatermark(db: Db, sourceKey: string, lastRowId: number, runId: number | null, now: Date): Promise<void> {
  const n = await db('source_watermarks')
    .where({ source_key: sourceKey })
    .update({ last_row_id: lastRowId, updated_at: now.toISOString(), run_id: runId });
  if (Number(n) === 0) {
    await db('source_watermarks').insert({ source_key: sourceKey, last_row_id: lastRowId, updated_at: now.toISOString(), run_id: runId });
  }
}
