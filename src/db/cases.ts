/** Cases and their queue entries (a case is in exactly one queue at a time: the entry not left). */
import { insertReturningId, toBool, toInt, toIntOrNull, toStrOrNull, type Db } from './rows';


export interface CaseRecord {
  id: number;
  householdId: number;
  status: string;
  openedDate: string;
  evictionThreatened: boolean;
  zorgmeldingRequired: boolean;
  zorgmeldingRule: string | null;
  zorgmeldingMadeAt: string | null;
  assignedTo: string | null;
  version: number;
  closedDate: string | null;
  finalResult: string | null;
}

export interface QueueEntry {
  id: number;
  caseId: number;
  queue: string;
  priority: number;
  deadline: string;
  termWorkdays: number;
  decidedByRule: string | null;
  decisionId: number | null;
  businessDate: string;
}

/** Display reference of a case: stable, carries no personal data, used in reports and exports. */
export function caseReference(id: number): string {
  return `VS-${String(id).padStart(6, '0')}`;
}

/** Accepts `VS-000123`, `vs-123` or `123`. */
export function parseCaseReference(ref: string): number | null {
  const m = /^(?:vs-?)?0*(\d+)$/i.exec(ref.trim());
  return m ? Number(m[1]) : null;
}

export function caseFromRow(r: Record<string, unknown>): CaseRecord {
  return {
    id: toInt(r.id),
    householdId: toInt(r.household_id),
    status: String(r.status),
    openedDate: String(r.opened_date),
    evictionThreatened: toBool(r.eviction_threatened),
    zorgmeldingRequired: toBool(r.zorgmelding_required),
    zorgmeldingRule: toStrOrNull(r.zorgmelding_rule),
    zorgmeldingMadeAt: toStrOrNull(r.zorgmelding_made_at),
    assignedTo: toStrOrNull(r.assigned_to),
    version: toInt(r.version),
    closedDate: toStrOrNull(r.closed_date),
    finalResult: toStrOrNull(r.final_result),
  };
}

function entryFromRow(r: Record<string, unknown>): QueueEntry {
  return {
    id: toInt(r.id),
    caseId: toInt(r.case_id),
    queue: String(r.queue),
    priority: toInt(r.priority),
    deadline: String(r.deadline),
    termWorkdays: toInt(r.term_workdays),
    decidedByRule: toStrOrNull(r.decided_by_rule),
    decisionId: toIntOrNull(r.decision_id),
    businessDate: String(r.business_date),
  };
}

export async function getCase(db: Db, id: number): Promise<CaseRecord | null> {
  const row = await db('cases').where({ id }).first();
  return row ? caseFromRow(row) : null;
}

/** The household's case that is not closed, if any (the newest when, oddly, there are several). */
export async function openCaseOfHousehold(db: Db, householdId: number): Promise<CaseRecord | null> {
  const row = await db('cases')
    .where({ household_id: householdId })
    .whereNull('closed_date')
    .orderBy('id', 'desc')
    .first();
  return row ? caseFromRow(row) : null;
}

export async function createCase(
  db: Db,
  c: { householdId: number; openedDate: string; runId: number | null; evictionThreatened: boolean },
  now: Date,
): Promise<number> {
  return insertReturningId(db, 'cases', {
    household_id: c.householdId,
    status: 'nieuw',
    opened_date: c.openedDate,
    opened_run_id: c.runId,
    eviction_threatened: c.evictionThreatened,
    zorgmelding_required: false,
    version: 1,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  });
}

/** Updates case fields, checking and bumping the version; false when someone else changed it first. */
export async function updateCaseVersioned(
  db: Db,
  id: number,
  expectedVersion: number,
  fields: Record<string, unknown>,
  now: Date,
): Promise<boolean> {
  const n = await db('cases')
    .where({ id, version: expectedVersion })
    .update({ ...fields, version: expectedVersion + 1, updated_at: now.toISOString() });
  return Number(n) === 1;
}

export async function openCases(db: Db): Promise<CaseRecord[]> {
  return (await db('cases').whereNull('closed_date').orderBy('id')).map(caseFromRow);
}

export async function currentQueueEntry(db: Db, caseId: number): Promise<QueueEntry | null> {
  const row = await db('queue_entries').where({ case_id: caseId }).whereNull('left_at').orderBy('id', 'desc').first();
  return row ? entryFromRow(row) : null;
}

export async function currentQueueEntries(db: Db): Promise<Map<number, QueueEntry>> {
  const rows = await db('queue_entries').whereNull('left_at').orderBy('id');
  return new Map(rows.map((r) => [toInt(r.case_id), entryFromRow(r)]));
}

/** Puts a case in a queue, leaving its previous queue (if any) with a reason. */
export async function enqueue(
  db: Db,
  e: Omit<QueueEntry, 'id'>,
  now: Date,
  leaveReason: string,
): Promise<number> {
  await db('queue_entries')
    .where({ case_id: e.caseId })
    .whereNull('left_at')
    .update({ left_at: now.toISOString(), left_reason: leaveReason });
  return insertReturningId(db, 'queue_entries', {
    case_id: e.caseId,
    queue: e.queue,
    priority: e.priority,
    deadline: e.deadline,
    term_workdays: e.termWorkdays,
    decided_by_rule: e.decidedByRule,
    decision_id: e.decisionId,
    business_date: e.businessDate,
    entered_at: now.toISOString(),
  });
}

export interface QueueListItem {
  caseId: number;
  reference: string;
  queue: string;
  priority: number;
  deadline: string;
  decidedByRule: string | null;
  status: string;
  openedDate: string;
  zorgmeldingRequired: boolean;
  assignedTo: string | null;
  signalCount: number;
  latestArrearsCents: number;
}

/**
 * Every open case with its current queue, in queue order: priority, deadline, id. No personal data:
 * caseworkers open a case (audited) to see who it is.
 */
export async function listQueueItems(db: Db): Promise<QueueListItem[]> {
  const rows = await db('queue_entries as q')
    .join('cases as c', 'c.id', 'q.case_id')
    .whereNull('q.left_at')
    .whereNull('c.closed_date')
    .select(
      'c.id', 'c.status', 'c.opened_date', 'c.zorgmelding_required', 'c.assigned_to',
      'q.queue', 'q.priority', 'q.deadline', 'q.decided_by_rule',
    )
    .orderBy([{ column: 'q.priority' }, { column: 'q.deadline' }, { column: 'c.id' }]);
  const stats = (await db('signals')
    .whereNotNull('case_id')
    .select('case_id')
    .count({ n: '*' })
    .max({ last_id: 'id' })
    .groupBy('case_id')) as Array<Record<string, unknown>>;
  const lastIds = stats.map((s) => toInt(s.last_id));
  const amounts = new Map<number, number>();
  for (let i = 0; i < lastIds.length; i += 2000) {
    const part = await db('signals').select('id', 'arrears_cents').whereIn('id', lastIds.slice(i, i + 2000));
    for (const p of part) amounts.set(toInt(p.id), toInt(p.arrears_cents));
  }
  const byCase = new Map(stats.map((s) => [toInt(s.case_id), { n: toInt(s.n), last: toInt(s.last_id) }]));
  return rows.map((r) => {
    const st = byCase.get(toInt(r.id));
    return {
      caseId: toInt(r.id),
      reference: caseReference(toInt(r.id)),
      queue: String(r.queue),
      priority: toInt(r.priority),
      deadline: String(r.deadline),
      decidedByRule: toStrOrNull(r.decided_by_rule),
      status: String(r.status),
      openedDate: String(r.opened_date),
      zorgmeldingRequired: toBool(r.zorgmelding_required),
      assignedTo: toStrOrNull(r.assigned_to),
      signalCount: st?.n ?? 0,
      latestArrearsCents: st ? (amounts.get(st.last) ?? 0) : 0,
    };
  });
}
