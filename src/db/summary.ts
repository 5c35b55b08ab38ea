/** Figures for the manager's summary after a run, straight from the database (so they always match it). */
import { toInt, type Db } from './rows';

export interface IntakeSummary {
  from: string | null;
  to: string | null;
  received: number;
  accepted: number;
  quarantined: number;
  quarantineReasons: Array<{ field: string; count: number }>;
  repeats: number;
  pickedUp: number;
  notPickedUp: Array<{ reason: string; count: number }>;
  perPartner: Array<{ code: string; name: string; type: string; received: number; pickedUp: number }>;
  cases: { total: number; open: number; zorgmeldingRequired: number };
  queues: Array<{ queue: string; open: number; overdue: number }>;
}

type Row = Record<string, unknown>;

export async function intakeSummary(db: Db, range: { from?: string; to?: string }, today: string): Promise<IntakeSummary> {
  const inRange = (q: ReturnType<Db>, col = 'business_date') => {
    if (range.from) q.where(col, '>=', range.from);
    if (range.to) q.where(col, '<=', range.to);
    return q;
  };
  const n = async (q: ReturnType<Db>) => toInt(((await q.count({ n: '*' }).first()) as { n: unknown }).n);
  const accepted = await n(inRange(db('signals')));
  const quarantined = await n(inRange(db('quarantine')).where({ status: 'open' }));
  const qRows = await inRange(db('quarantine')).where({ status: 'open' }).select('problems_json');
  const reasons = new Map<string, number>();
  for (const r of qRows) {
    for (const p of JSON.parse(String(r.problems_json)) as Array<{ message: string }>) {
      // Group by the message without the quoted value, so reasons read as categories.
      const key = p.message
        .replace(/\s*"[^"]*"/g, '')
        .replace(/\s*\([^)]*\)/g, '')
        .replace(/:\s*(is|bestaat|heeft)\b/, ' $1')
        .replace(/\s+:/g, ':')
        .replace(/\s+/g, ' ')
        .trim();
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
    }
  }
  const notPicked: Row[] = await inRange(db('signals'))
    .where({ status: 'niet-opgepakt' })
    .select('not_picked_up_reason as reason')
    .count({ n: '*' })
    .groupBy('not_picked_up_reason');
  const perPartner: Row[] = await inRange(db('signals as s'), 's.business_date')
    .join('partners as p', 'p.id', 's.partner_id')
    .select('p.code', 'p.name', 'p.type')
    .count({ n: '*' })
    .sum({ picked: db.raw("case when s.status = 'opgepakt' then 1 else 0 end") })
    .groupBy('p.code', 'p.name', 'p.type')
    .orderBy('p.code');
  const caseQ = () => inRange(db('cases'), 'opened_date');
  const queues: Row[] = await db('queue_entries as q')
    .join('cases as c', 'c.id', 'q.case_id')
    .whereNull('q.left_at')
    .whereNull('c.closed_date')
    .select('q.queue')
    .count({ n: '*' })
    // Overdue = the first-contact deadline passed and there has been no contact yet (casework).
    .sum({ overdue: db.raw('case when q.deadline < ? and c.first_contact_date is null then 1 else 0 end', [today]) })
    .groupBy('q.queue')
    .orderBy('q.queue');
  const pickedUp = await n(inRange(db('signals')).where({ status: 'opgepakt' }));
  return {
    from: range.from ?? null,
    to: range.to ?? null,
    received: accepted + (await n(inRange(db('quarantine')))),
    accepted,
    quarantined,
    quarantineReasons: [...reasons.entries()]
      .map(([field, count]) => ({ field, count }))
      .sort((a, b) => b.count - a.count || a.field.localeCompare(b.field)),
    repeats: await n(inRange(db('signals')).where({ is_repeat: true })),
    pickedUp,
    notPickedUp: notPicked
      .map((r) => ({ reason: String(r.reason), count: toInt(r.n) }))
      .sort((a, b) => a.reason.localeCompare(b.reason)),
    perPartner: perPartner.map((r) => ({
      code: String(r.code), name: String(r.name), type: String(r.type), received: toInt(r.n), pickedUp: toInt(r.picked ?? 0),
    })),
    cases: {
      total: await n(caseQ()),
      open: await n(caseQ().whereNull('closed_date')),
      zorgmeldingRequired: await n(caseQ().whereNull('closed_date').where({ zorgmelding_required: true })),
    },
    queues: queues.map((r) => ({ queue: String(r.queue), open: toInt(r.n), overdue: toInt(r.overdue ?? 0) })),
  };
}
