/**
 * Explains a case's rule decisions from what was STORED at the time (facts, events, per-rule trace
 * and rule-set version), never by re-running today's rules: the explanation shows why the case is
 * where it is, even after the rules changed. A structured result plus a Dutch text renderer, so the
 * CLI and the caseworker's case view show the same thing. Viewing is audited.
 */
import { caseReference, currentQueueEntry, getCase } from '../db/cases';
import { decisionsOfCase, type DecisionRecord } from '../db/decisions';
import { audit } from '../db/logs';
import type { Db } from '../db/rows';
import { FACTS, FACTS_BY_NAME } from '../domain/facts';
import { formatDateNl } from '../domain/dates';
import { NOT_PICKED_UP_LABELS, type NotPickedUpReason } from '../domain/rules/events';
import { decisiveLeaves, describeEvent, describeLeaf, formatFactValue, renderConditions, type RuleTrace } from '../domain/rules/trace';
import { UsageError } from '../errors';

export interface ExplainedRule {
  rule: string;
  title: string;
  priority: number;
  fired: boolean;
  /** What the rule does when it fires, in Dutch. */
  event: string;
  /** Dutch one-liners: the conditions that held (fired) or failed (did not fire), with values seen. */
  reasons: string[];
  /** The whole condition tree, indented, every leaf with its value and verdict. */
  conditionLines: string[];
}

export interface ExplainedDecision {
  id: number;
  phase: 'intake' | 'escalatie';
  businessDate: string;
  rulesetVersion: string;
  runId: number | null;
  outcome: string;
  outcomeText: string;
  decidedByRule: string | null;
  facts: Array<{ name: string; label: string; value: string }>;
  rules: ExplainedRule[];
}

export interface CaseExplanation {
  caseId: number;
  reference: string;
  status: string;
  openedDate: string;
  currentQueue: { queue: string; priority: number; deadline: string; decidedByRule: string | null } | null;
  zorgmeldingRequired: boolean;
  decisions: ExplainedDecision[];
}

function outcomeText(d: DecisionRecord): string {
  if (d.phase === 'intake') {
    if (d.outcome.startsWith('niet-opgepakt:')) {
      const reason = d.outcome.slice('niet-opgepakt:'.length) as NotPickedUpReason;
      return `melding niet opgepakt: ${NOT_PICKED_UP_LABELS[reason] ?? reason}`;
    }
    const q = d.events.filter((e) => e.type === 'werkvoorraad').find((e) => e.rule === d.decidedByRule);
    return q ? `melding opgepakt: ${describeEvent(q)}` : 'melding opgepakt: standaardwerkvoorraad (geen regel besliste)';
  }
  const parts: string[] = [];
  if (d.outcome.includes('escalatie')) {
    const e = d.events.find((x) => x.type === 'escalatie' && x.rule === d.decidedByRule) ?? d.events.find((x) => x.type === 'escalatie');
    parts.push(e ? describeEvent(e) : 'escalatie');
  }
  if (d.outcome.includes('zorgmelding')) parts.push('zorgmelding vereist');
  return parts.length ? `zaak: ${parts.join(' en ')}` : 'zaak: geen actie (geen regel vuurt meer of de zaak stond al zo urgent)';
}

const factOrder = (name: string): number => {
  const i = FACTS.findIndex((f) => f.name === name);
  return i < 0 ? FACTS.length : i;
};

function explainRule(t: RuleTrace): ExplainedRule {
  const leaves = decisiveLeaves(t.conditions, t.fired);
  return {
    rule: t.rule,
    title: t.title,
    priority: t.priority,
    fired: t.fired,
    event: describeEvent(t.event),
    reasons: leaves.map((l) => `${describeLeaf(l)} — gezien: ${formatFactValue(l.fact, l.factValue)}`),
    conditionLines: renderConditions(t.conditions, '    '),
  };
}

/** Builds the explanation of every stored decision of a case (pure over the stored data). */
export function explainDecision(d: DecisionRecord): ExplainedDecision {
  return {
    id: d.id,
    phase: d.phase,
    businessDate: d.businessDate,
    rulesetVersion: d.rulesetVersion,
    runId: d.runId,
    outcome: d.outcome,
    outcomeText: outcomeText(d),
    decidedByRule: d.decidedByRule,
    // Registry order (the order of the README), unknown names last.
    facts: Object.keys(d.facts)
      .sort((a, b) => factOrder(a) - factOrder(b) || a.localeCompare(b))
      .map((name) => ({ name, label: FACTS_BY_NAME.get(name)?.label ?? name, value: formatFactValue(name, d.facts[name]) })),
    rules: d.trace.map(explainRule),
  };
}

/**
 * Loads and explains the decisions of a case WITHOUT auditing: for a caller that audits its own view
 * (e.g. the caseworker's case page). Throws a UsageError for an unknown case.
 */
export async function loadCaseExplanation(db: Db, caseId: number): Promise<CaseExplanation> {
  const c = await getCase(db, caseId);
  if (!c) throw new UsageError(`Zaak ${caseReference(caseId)} bestaat niet`);
  const decisions = await decisionsOfCase(db, caseId);
  const entry = await currentQueueEntry(db, caseId);
  return {
    caseId,
    reference: caseReference(caseId),
    status: c.status,
    openedDate: c.openedDate,
    currentQueue: entry ? { queue: entry.queue, priority: entry.priority, deadline: entry.deadline, decidedByRule: entry.decidedByRule } : null,
    zorgmeldingRequired: c.zorgmeldingRequired,
    decisions: decisions.map(explainDecision),
  };
}

/**
 * Loads and explains the decisions of a case and records the view in the audit trail (in the
 * caller's transaction or connection): decisions hold amounts and children counts of a household.
 */
export async function explainCase(db: Db, caseId: number, viewer: { actor: string; role: string }, now: Date): Promise<CaseExplanation> {
  const explanation = await loadCaseExplanation(db, caseId);
  await audit(db, { actor: viewer.actor, role: viewer.role, action: 'zaak.uitleg-bekeken', entity: 'case', entityId: caseId, caseId }, now);
  return explanation;
}

/** The explanation as Dutch text for the terminal or a case page. `volledig` adds every condition tree. */
export function renderExplanation(e: CaseExplanation, opts: { volledig?: boolean } = {}): string {
  const out: string[] = [];
  out.push(`Zaak ${e.reference} — status ${e.status}, geopend ${formatDateNl(e.openedDate)}`);
  if (e.currentQueue) {
    out.push(
      `Nu in werkvoorraad "${e.currentQueue.queue}" (prioriteit ${e.currentQueue.priority}, termijn ${formatDateNl(e.currentQueue.deadline)})` +
        `${e.currentQueue.decidedByRule ? `, door regel "${e.currentQueue.decidedByRule}"` : ', standaardwerkvoorraad'}.`,
    );
  }
  if (e.zorgmeldingRequired) out.push('Zorgmelding vereist.');
  if (e.decisions.length === 0) out.push('\nEr zijn geen opgeslagen beslissingen voor deze zaak.');
  for (const d of e.decisions) {
    out.push('');
    out.push(`── ${d.phase === 'intake' ? 'Intake' : 'Escalatie'} op ${formatDateNl(d.businessDate)} (regelsetversie ${d.rulesetVersion}${d.runId !== null ? `, run ${d.runId}` : ''})`);
    out.push(`   Uitkomst: ${d.outcomeText}${d.decidedByRule ? ` — beslist door regel "${d.decidedByRule}"` : ''}`);
    out.push('   Feiten zoals gezien:');
    for (const f of d.facts) out.push(`     ${f.label} (${f.name}): ${f.value}`);
    const fired = d.rules.filter((r) => r.fired);
    const notFired = d.rules.filter((r) => !r.fired);
    out.push(`   Regels die vuurden (${fired.length}):`);
    for (const r of fired) {
      out.push(`   ✓ ${r.rule} — ${r.title} → ${r.event}${r.rule === d.decidedByRule ? '  [besliste]' : ''}`);
      for (const why of r.reasons) out.push(`       omdat ${why}`);
      if (opts.volledig) out.push(...r.conditionLines);
    }
    out.push(`   Regels die niet vuurden (${notFired.length}):`);
    for (const r of notFired) {
      out.push(`   ✗ ${r.rule} — ${r.title}`);
      for (const why of r.reasons) out.push(`       want niet: ${why}`);
      if (opts.volledig) out.push(...r.conditionLines);
    }
  }
  return out.join('\n');
}
