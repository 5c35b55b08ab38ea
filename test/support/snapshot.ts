/**
 * A database's content without generated ids and timestamps, keyed by the source row ids, so two
 * databases (SQLite vs PostgreSQL, crashed-and-resumed vs clean) can be compared for equality.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

export async function contentSnapshot(db: Knex): Promise<Record<string, unknown>> {
  const signals = await db('signals').orderBy('id');
  const rowOfSignal = new Map(signals.map((s) => [Number(s.id), String(s.source_row_id)]));
  const firstRowOfCase = new Map<number, string>();
  for (const s of signals) if (s.case_id !== null && !firstRowOfCase.has(Number(s.case_id))) firstRowOfCase.set(Number(s.case_id), String(s.source_row_id));
  const caseKey = (id: unknown) => (id === null || id === undefined ? null : firstRowOfCase.get(Number(id)) ?? `?${String(id)}`);
  const cases = await db('cases').orderBy('id');
  const entries = await db('queue_entries').orderBy('id');
  const decisions = await db('rule_decisions').orderBy('id');
  const quarantine = await db('quarantine').orderBy('id');
  const households = await db('households').orderBy('id');
  const hhKey = new Map(households.map((h) => [Number(h.id), `${h.postcode}|${h.house_number}|${h.house_number_addition ?? ''}|${h.name_key}|${h.birth_date ?? ''}`]));
  const sortBy = <T>(xs: T[], key: (x: T) => string) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));
  return {
    households: [...hhKey.values()].sort(),
    signals: sortBy(
      signals.map((s) => ({
        row: String(s.source_row_id), household: hhKey.get(Number(s.household_id)), case: caseKey(s.case_id), status: s.status,
        reason: s.not_picked_up_reason, cents: Number(s.arrears_cents), repeat: Boolean(Number(s.is_repeat)), date: s.business_date,
      })),
      (x) => x.row,
    ),
    cases: sortBy(
      cases.map((c) => ({ key: caseKey(c.id), status: c.status, opened: c.opened_date, zm: Boolean(Number(c.zorgmelding_required)) })),
      (x) => String(x.key),
    ),
    queueEntries: sortBy(
      entries.map((e) => ({ case: caseKey(e.case_id), queue: e.queue, priority: Number(e.priority), deadline: e.deadline, rule: e.decided_by_rule, open: e.left_at === null, date: e.business_date })),
      (x) => `${x.case}|${x.date}|${x.queue}`,
    ),
    decisions: sortBy(
      decisions.map((d) => ({ signal: d.signal_id === null ? null : rowOfSignal.get(Number(d.signal_id)), case: caseKey(d.case_id), phase: d.phase, outcome: d.outcome, rule: d.decided_by_rule, date: d.business_date, facts: JSON.parse(d.facts_json) })),
      (x) => `${x.phase}|${x.signal ?? ''}|${x.case}|${x.date}`,
    ),
    quarantine: quarantine.map((q) => ({ row: q.source_row_id, problems: JSON.parse(q.problems_json) })).sort((a, b) => String(a.row).localeCompare(String(b.row))),
    watermark: (await db('source_watermarks').select('source_key', 'last_row_id')).map((w) => `${w.source_key}=${Number(w.last_row_id)}`),
    sharing: ((await db('data_sharing_log').select('direction', 'counterparty', 'category').sum({ n: 'record_count' }).groupBy('direction', 'counterparty', 'category')) as Array<Record<string, unknown>>)
      .map((r) => `${r.direction}|${r.counterparty}|${r.category}|${Number(r.n)}`)
      .sort(),
  };
}

export async function tableCounts(db: Knex, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number(((await db(t).count({ n: '*' }).first()) as { n: unknown }).n);
  return out;
}

/** A fingerprint of every table (row count + hash of all rows in id order), to prove "nothing changed". */
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
