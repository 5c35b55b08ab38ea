/** Rule decisions: every evaluation that changed something, with the facts, events and the "why". */
import type { FactValues, Phase } from '../domain/facts';
import type { FiredEvent } from '../domain/rules/decide';
import type { RuleTrace } from '../rules/engine';
import { insertReturningId, selectWhereIn, toInt, toIntOrNull, toStrOrNull, type Db } from './rows';

export interface DecisionRecord {
  id: number;
  caseId: number | null;
  signalId: number | null;
  phase: Phase;
  businessDate: string;
  runId: number | null;
  rulesetVersion: string;
  outcome: string;
  decidedByRule: string | null;
  facts: FactValues;
  events: FiredEvent[];
  trace: RuleTrace[];
  createdAt: string;
}

export async function insertDecision(db: Db, d: Omit<DecisionRecord, 'id' | 'createdAt'>, now: Date): Promise<number> {
  return insertReturningId(db, 'rule_decisions', {
    case_id: d.caseId,
    signal_id: d.signalId,
    phase: d.phase,
    business_date: d.businessDate,
    run_id: d.runId,
    ruleset_version: d.rulesetVersion,
    outcome: d.outcome,
    decided_by_rule: d.decidedByRule,
    facts_json: JSON.stringify(d.facts),
    events_json: JSON.stringify(d.events),
    trace_json: JSON.stringify(d.trace),
    created_at: now.toISOString(),
  });
}

export function decisionFromRow(r: Record<string, unknown>): DecisionRecord {
  return {
    id: toInt(r.id),
    caseId: toIntOrNull(r.case_id),
    signalId: toIntOrNull(r.signal_id),
    phase: r.phase as Phase,
    businessDate: String(r.business_date),
    runId: toIntOrNull(r.run_id),
    rulesetVersion: String(r.ruleset_version),
    outcome: String(r.outcome),
    decidedByRule: toStrOrNull(r.decided_by_rule),
    facts: JSON.parse(String(r.facts_json)),
    events: JSON.parse(String(r.events_json)),
    trace: JSON.parse(String(r.trace_json)),
    createdAt: String(r.created_at),
  };
}

export async function decisionsOfCase(db: Db, caseId: number): Promise<DecisionRecord[]> {
  return (await db('rule_decisions').where({ case_id: caseId }).orderBy('id')).map(decisionFromRow);
}

/** The most recent escalation decision of a case, to store only what changes. */
export async function lastEscalationDecision(db: Db, caseId: number): Promise<DecisionRecord | null> {
  const row = await db('rule_decisions').where({ case_id: caseId, phase: 'escalatie' }).orderBy('id', 'desc').first();
  return row ? decisionFromRow(row) : null;
}

/** The intake decision of each of the given signals. */
export async function intakeDecisionsOfSignals(db: Db, signalIds: number[]): Promise<Map<number, DecisionRecord>> {
  const rows = await selectWhereIn(signalIds, (part) =>
    db('rule_decisions').where({ phase: 'intake' }).whereIn('signal_id', part).orderBy('id'),
  );
  return new Map(rows.map((r) => [toInt(r.signal_id), decisionFromRow(r)]));
}

/**
 * One page of the decisions of a phase whose business date lies in [from, to] (either bound
 * optional), in id order after `afterId`: a year of decisions with their traces need not fit in memory.
 */
export async function decisionsInPeriod(
  db: Db,
  phase: Phase,
  from: string | null,
  to: string | null,
  page: { afterId: number; limit: number } = { afterId: 0, limit: 1_000_000 },
): Promise<DecisionRecord[]> {
  const q = db('rule_decisions').where({ phase }).where('id', '>', page.afterId);
  if (from) q.where('business_date', '>=', from);
  if (to) q.where('business_date', '<=', to);
  return (await q.orderBy('id').limit(page.limit)).map(decisionFromRow);
}

export interface RulesetUsage {
  version: string;
  firstDate: string;
  lastDate: string;
  intake: number;
  escalation: number;
  total: number;
  runs: number;
}

/** Every rule-set version that made decisions: when (first/last business date) and how many. */
export async function rulesetHistory(db: Db): Promise<RulesetUsage[]> {
  const rows = await db('rule_decisions')
    .select('ruleset_version', 'phase')
    .min({ first: 'business_date' })
    .max({ last: 'business_date' })
    .count({ n: '*' })
    .groupBy('ruleset_version', 'phase');
  const runRows = await db('rule_decisions').select('ruleset_version').countDistinct({ runs: 'run_id' }).groupBy('ruleset_version');
  const runs = new Map((runRows as Array<Record<string, unknown>>).map((r) => [String(r.ruleset_version), toInt(r.runs)]));
  const by = new Map<string, RulesetUsage>();
  for (const r of rows as Array<Record<string, unknown>>) {
    const version = String(r.ruleset_version);
    const u = by.get(version) ?? { version, firstDate: String(r.first), lastDate: String(r.last), intake: 0, escalation: 0, total: 0, runs: 0 };
    if (String(r.first) < u.firstDate) u.firstDate = String(r.first);
    if (String(r.last) > u.lastDate) u.lastDate = String(r.last);
    const n = toInt(r.n);
    if (r.phase === 'intake') u.intake += n;
    else u.escalation += n;
    u.total += n;
    u.runs = runs.get(version) ?? 0;
    by.set(version, u);
  }
  return [...by.values()].sort((a, b) => a.firstDate.localeCompare(b.firstDate) || a.version.localeCompare(b.version));
}

/** Ids of the cases that have at least one stored decision of the phase. */
export async function caseIdsWithDecisions(db: Db, phase: Phase): Promise<Set<number>> {
  const rows = await db('rule_decisions').distinct('case_id').where({ phase }).whereNotNull('case_id');
  return new Set((rows as Array<Record<string, unknown>>).map((r) => toInt(r.case_id)));
}
