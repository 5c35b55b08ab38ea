/** A fingerprint of every table (row count + hash of all rows in id order), to prove "nothing changed". */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

export const ALL_TABLES = [
  'partners', 'source_watermarks', 'job_runs', 'households', 'cases', 'signals', 'quarantine', 'rule_decisions',
  'queue_entries', 'data_sharing_log', 'audit_log', 'contact_attempts', 'case_findings', 'consents',
  'municipal_approvals', 'case_routes', 'zorgmeldingen', 'case_status_history',
];

export async function snapshot(db: Knex): Promise<Record<string, { rows: number; hash: string }>> {
  const out: Record<string, { rows: number; hash: string }> = {};
  for (const t of ALL_TABLES) {
    if (!(await db.schema.hasTable(t))) continue;
    const rows = await db(t).select('*').orderBy(1);
    out[t] = { rows: rows.length, hash: createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16) };
  }
  return out;
}
