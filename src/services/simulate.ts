/**
 * Simulation before activation: re-evaluates the stored decisions of a period under a candidate rule
 * set and reports what would have been decided differently. Read-only: it only SELECTs, writes no
 * audit row, no decision, nothing.
 *
 * Which facts: every stored decision holds the complete facts the engine saw on its business date
 * (including date-dependent ones like days of arrears, days to eviction and age). The candidate rules
 * are evaluated on exactly those facts and that date, so the comparison is "what would the candidate
 * have decided that night", not a recomputation with today's date. Escalation is compared on the
 * stored escalation decisions (the nights something changed for a case). A case for which no
 * escalation rule ever fired has no stored escalation facts: it is compared on its state the night
 * it was opened (the intake facts, no contact, no route, no zorgmelding, the full term ahead),
 * which is exactly what the escalation run saw that night.
 */
import { caseReference } from '../db/cases';
import { caseIdsWithDecisions, decisionsInPeriod, type DecisionRecord } from '../db/decisions';
import type { Db } from '../db/rows';
import { deriveCaseFacts, type FactValues, type Phase } from '../domain/facts';
import { decideEscalation, decideIntake, type FiredEvent, type QueueDefaults } from '../domain/rules/decide';
import type { RuleSet } from '../domain/rules/ruleset';
import { addWorkingDays } from '../domain/workdays';
import { UsageError } from '../errors';
import { RuleEvaluator } from '../rules/engine';

export const CHANGE_KINDS = ['opgepakt', 'wachtrij', 'prioriteit', 'termijn', 'escalatie', 'zorgmelding'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_LABELS: Record<ChangeKind, string> = {
  opgepakt: 'opgepakt / niet opgepakt',
  wachtrij: 'werkvoorraad',
  prioriteit: 'prioriteit',
  termijn: 'termijn (uiterste datum eerste contact)',
  escalatie: 'escalatie',
  zorgmelding: 'zorgmelding vereist',
};

/** One side of a comparison (what was decided, or what the candidate would decide). */
export interface SimulatedOutcome {
  pickedUp: boolean | null;
  reason: string | null;
  queue: string | null;
  priority: number | null;
  deadline: string | null;
  zorgmelding: boolean | null;
  rule: string | null;
}

export interface SimulationRow {
  /** `VS-000123` for a case, `M-000045` for a signal that never became a case. */
  reference: string;
  /** 'opgeslagen': a stored decision re-evaluated; 'bij-opening': escalation rules on the case as opened. */
  basis: 'opgeslagen' | 'bij-opening';
  caseId: number | null;
  signalId: number | null;
  decisionId: number;
  phase: 'intake' | 'escalatie';
  businessDate: string;
  actualVersion: string;
  actual: SimulatedOutcome;
  candidate: SimulatedOutcome;
  changes: ChangeKind[];
}

export interface SimulationResult {
  from: string | null;
  to: string | null;
  candidateVersion: string;
  actualVersions: string[];
  /** Stored intake and escalation decisions re-evaluated, and cases compared at opening. */
  evaluated: { intake: number; escalation: number; atOpening: number };
  /** Distinct cases/signals with at least one change. */
  changedReferences: number;
  /** Per kind: distinct cases/signals with that change. */
  counts: Record<ChangeKind, number>;
  /** Only the decisions that change, sorted by reference, date, decision id. */
  rows: SimulationRow[];
}

export function signalReference(id: number): string {
  return `M-${String(id).padStart(6, '0')}`;
}

function intakeOutcome(events: FiredEvent[], defaults: QueueDefaults, businessDate: string): SimulatedOutcome {
  const o = decideIntake(events, defaults);
  return o.pickedUp
    ? { pickedUp: true, reason: null, queue: o.queue, priority: o.priority, deadline: addWorkingDays(businessDate, o.termWorkdays), zorgmelding: null, rule: o.rule }
    : { pickedUp: false, reason: o.reason, queue: null, priority: null, deadline: null, zorgmelding: null, rule: o.rule };
}

/** Escalation compared on what the rules ask for: the most urgent escalation target and the zorgmelding flag. */
function escalationOutcome(events: FiredEvent[]): SimulatedOutcome {
  const esc = events
    .filter((e) => e.type === 'escalatie')
    .sort((a, b) => Number(a.params.prioriteit) - Number(b.params.prioriteit) || b.rulePriority - a.rulePriority || a.rule.localeCompare(b.rule))[0];
  const zm = events.some((e) => e.type === 'zorgmelding');
  return {
    pickedUp: null, reason: null, queue: esc ? String(esc.params.wachtrij) : null, priority: esc ? Number(esc.params.prioriteit) : null,
    deadline: null, zorgmelding: zm, rule: esc?.rule ?? events.find((e) => e.type === 'zorgmelding')?.rule ?? null,
  };
}

function diff(phase: 'intake' | 'escalatie', a: SimulatedOutcome, b: SimulatedOutcome): ChangeKind[] {
  const out: ChangeKind[] = [];
  if (phase === 'intake') {
    if (a.pickedUp !== b.pickedUp || a.reason !== b.reason) out.push('opgepakt');
    if (a.pickedUp && b.pickedUp) {
      if (a.queue !== b.queue) out.push('wachtrij');
      if (a.priority !== b.priority) out.push('prioriteit');
      if (a.deadline !== b.deadline) out.push('termijn');
    }
  } else {
    if (a.queue !== b.queue || a.priority !== b.priority) out.push('escalatie');
    if (a.zorgmelding !== b.zorgmelding) out.push('zorgmelding');
  }
  return out;
}

/**
 * The candidate is evaluated as if all its rules had been in force (its `geldigVanaf` dates are
 * ignored): a policy officer simulates a rule that starts next month on last month's signals.
 */
const CANDIDATE_IN_FORCE = '9999-12-31';

/** Decisions read per query (each carries its facts and trace). */
const PAGE_SIZE = 500;

async function evaluateStored(evaluator: RuleEvaluator, phase: Phase, facts: FactValues, d: DecisionRecord): Promise<FiredEvent[]> {
  try {
    return (await evaluator.evaluate(phase, facts, CANDIDATE_IN_FORCE)).events;
  } catch (e) {
    // A candidate rule may use a fact that did not exist when the decision was stored.
    throw new UsageError(
      `De kandidaat-regels kunnen beslissing ${d.id} (${d.businessDate}) niet opnieuw beoordelen: ${(e as Error).message}. ` +
        'Gebruikt een regel een feit dat toen nog niet werd vastgelegd?',
    );
  }
}

/** Compares the stored decisions of [from, to] with what the candidate rule set would decide. */
export async function simulate(
  db: Db,
  candidate: RuleSet,
  opts: { from: string | null; to: string | null; defaults: QueueDefaults; pageSize?: number },
): Promise<SimulationResult> {
  const evaluator = new RuleEvaluator(candidate);
  const rows: SimulationRow[] = [];
  const versions = new Set<string>();
  const evaluated = { intake: 0, escalation: 0, atOpening: 0 };
  const escalated = await caseIdsWithDecisions(db, 'escalatie');
  const openings: DecisionRecord[] = [];
  for (const phase of ['intake', 'escalatie'] as const) {
    for (let afterId = 0; ; ) {
      const page = await decisionsInPeriod(db, phase, opts.from, opts.to, { afterId, limit: opts.pageSize ?? PAGE_SIZE });
      if (page.length === 0) break;
      afterId = page[page.length - 1].id;
      for (const d of page) {
        if (phase === 'intake') evaluated.intake += 1;
        else evaluated.escalation += 1;
        versions.add(d.rulesetVersion);
        const events = await evaluateStored(evaluator, d.phase, d.facts, d);
        const actual = d.phase === 'intake' ? intakeOutcome(d.events, opts.defaults, d.businessDate) : escalationOutcome(d.events);
        const cand = d.phase === 'intake' ? intakeOutcome(events, opts.defaults, d.businessDate) : escalationOutcome(events);
        // A case that opened here and never had an escalation decision: compare it at opening below.
        if (d.phase === 'intake' && d.caseId !== null && d.facts.openZaak === false && !escalated.has(d.caseId) && actual.pickedUp) openings.push(d);
        const changes = diff(d.phase, actual, cand);
        if (changes.length === 0) continue;
        rows.push({
          reference: d.caseId !== null ? caseReference(d.caseId) : signalReference(d.signalId ?? 0), basis: 'opgeslagen',
          caseId: d.caseId, signalId: d.signalId, decisionId: d.id, phase: d.phase, businessDate: d.businessDate,
          actualVersion: d.rulesetVersion, actual, candidate: cand, changes,
        });
      }
    }
  }
  for (const d of openings) {
    const opened = intakeOutcome(d.events, opts.defaults, d.businessDate);
    const term = decideIntake(d.events, opts.defaults);
    const facts = deriveCaseFacts(
      d.facts,
      { openedDate: d.businessDate, workdaysToDeadline: term.pickedUp ? term.termWorkdays : 0, contactMade: false, routeActive: false, zorgmeldingDone: false },
      d.businessDate,
    );
    evaluated.atOpening += 1;
    const events = await evaluateStored(evaluator, 'escalatie', facts, d);
    // Nothing fired for this case under the rules in force (no escalation decision was stored).
    const actual: SimulatedOutcome = { pickedUp: null, reason: null, queue: null, priority: null, deadline: null, zorgmelding: false, rule: null };
    const o = decideEscalation(events, { queue: opened.queue ?? '', priority: opened.priority ?? Number.MAX_SAFE_INTEGER });
    const cand: SimulatedOutcome = {
      pickedUp: null, reason: null, queue: o.escalation?.queue ?? null, priority: o.escalation?.priority ?? null, deadline: null,
      zorgmelding: o.zorgmelding !== null, rule: o.escalation?.rule ?? o.zorgmelding?.rule ?? null,
    };
    const changes = diff('escalatie', actual, cand);
    if (changes.length === 0) continue;
    rows.push({
      reference: caseReference(d.caseId!), basis: 'bij-opening', caseId: d.caseId, signalId: d.signalId, decisionId: d.id,
      phase: 'escalatie', businessDate: d.businessDate, actualVersion: d.rulesetVersion, actual, candidate: cand, changes,
    });
  }
  rows.sort((a, b) => a.reference.localeCompare(b.reference) || a.businessDate.localeCompare(b.businessDate) || a.decisionId - b.decisionId);
  const counts = Object.fromEntries(CHANGE_KINDS.map((k) => [k, new Set(rows.filter((r) => r.changes.includes(k)).map((r) => r.reference)).size])) as Record<ChangeKind, number>;
  return {
    from: opts.from,
    to: opts.to,
    candidateVersion: candidate.version,
    actualVersions: [...versions].sort(),
    evaluated,
    changedReferences: new Set(rows.map((r) => r.reference)).size,
    counts,
    rows,
  };
}
