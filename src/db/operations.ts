/** Figures for `vroegsignaal status`: queue sizes and open quarantine (counts and dates only). */
import { toInt, toStrOrNull, type Db } from './rows';

export async function queueSizes(db: Db, today: string): Promise<Array<{ queue: string; open: number; overdue: number }>> {
  const rows: Array<Record<string, unknown>> = await db('queue_entries as q')
    .join('cases as c', 'c.id', 'q.case_id')
    .whereNull('q.left_at')
    .whereNull('c.closed_date')
    .select('q.queue')
    .count({ n: '*' })
    .sum({ overdue: db.raw('case when q.deadline < ? then 1 else 0 end', [today]) })
    .groupBy('q.queue')
    .orderBy('q.queue');
  return rows.map((r) => ({ queue: String(r.queue), open: toInt(r.n), overdue: toInt(r.overdue ?? 0) }));
}

export async function openQuarantine(db: Db): Promise<{ open: number; oldestDate: string | null }> {
  const r = (await db('quarantine').where({ status: 'open' }).count({ n: '*' }).min({ oldest: 'business_date' }).first()) as
    | Record<string, unknown>
    | undefined;
  return { open: r ? toInt(r.n) : 0, oldestDate: r ? toStrOrNull(r.oldest) : null };
}
