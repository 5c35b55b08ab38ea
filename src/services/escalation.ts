/**
 * Re-evaluates the escalation rules on every open case for a business date. A decision is stored
 * only when the set of rules that fire changes, so running the same date twice changes nothing.
 * Escalation only raises urgency; a zorgmelding flag becomes a required action on the case.
 */
import { caseFactInput } from '../domain/caseFacts';
import { deriveCaseFacts, deriveSignalFacts, type FactValues } from '../domain/facts';
import { decideEscalation } from '../domain/rules/decide';
import type { RuleEvaluator } from '../rules/engine';
import { currentQueueEntries, enqueue, openCases, updateCaseVersioned } from '../db/cases';
import { intakeDecisionsOfSignals, insertDecision, lastEscalationDecision } from '../db/decisions';
import { latestSignalsOfCases } from '../db/signals';
import { birthDatesOf } from '../db/households';
import { audit } from '../db/logs';
import type { Db } from '../db/rows';
import { SYSTEM_ROLE } from '../jobContext';

export interface EscalationCounts {
  evaluated: number;
  decisions: number;
  escalated: number;
  zorgmeldingFlagged: number;
}

export async function escalateOpenCases(
  db: Db,
  deps: { evaluator: RuleEvaluator; runId: number | null; actor: string; now: Date },
  businessDate: string,
): Promise<EscalationCounts> {
  const counts: EscalationCounts = { evaluated: 0, decisions: 0, escalated: 0, zorgmeldingFlagged: 0 };
  const cases = (await openCases(db)).filter((c) => c.openedDate <= businessDate);
  if (cases.length === 0) return counts;
  const entries = await currentQueueEntries(db);
  const latest = await latestSignalsOfCases(db, cases.map((c) => c.id));
  const intake = await intakeDecisionsOfSignals(db, [...latest.values()].map((s) => s.id));
  const birthDates = await birthDatesOf(db, cases.map((c) => c.householdId));
  for (const c of cases) {
    const entry = entries.get(c.id);
    const signal = latest.get(c.id);
    if (!entry || !signal) continue;
    const atIntake = intake.get(signal.id)?.facts ?? {};
    const signalFacts = deriveSignalFacts(
      { ...signal, birthDate: birthDates.get(c.householdId) ?? null },
      {
        isRepeat: atIntake.herhaalmelding === true,
        amountIncreased: atIntake.bedragGestegen === true,
        earlierSignals: typeof atIntake.eerdereMeldingen === 'number' ? atIntake.eerdereMeldingen : 0,
        openCase: true,
      },
      businessDate,
    );
    const facts: FactValues = deriveCaseFacts(
      signalFacts,
      caseFactInput({ status: c.status, openedDate: c.openedDate, zorgmeldingDone: c.zorgmeldingMadeAt !== null }, entry.deadline, businessDate),
      businessDate,
    );
    const evaluation = await deps.evaluator.evaluate('escalatie', facts, businessDate);
    counts.evaluated += 1;
    const fired = evaluation.events.map((e) => e.rule).sort().join(',');
    const last = await lastEscalationDecision(db, c.id);
    const lastFired = last ? last.events.map((e) => e.rule).sort().join(',') : '';
    if (fired === lastFired) continue;

    const outcome = decideEscalation(evaluation.events, { queue: entry.queue, priority: entry.priority });
    const decisionId = await insertDecision(
      db,
      {
        caseId: c.id, signalId: null, phase: 'escalatie', businessDate, runId: deps.runId,
        rulesetVersion: deps.evaluator.ruleSet.version,
        outcome: [outcome.escalation ? 'escalatie' : null, outcome.zorgmelding ? 'zorgmelding' : null].filter(Boolean).join('+') || 'geen-actie',
        decidedByRule: outcome.escalation?.rule ?? outcome.zorgmelding?.rule ?? null,
        facts, events: evaluation.events, trace: evaluation.trace,
      },
      deps.now,
    );
    counts.decisions += 1;
    if (outcome.escalation) {
      await enqueue(
        db,
        {
          caseId: c.id, queue: outcome.escalation.queue, priority: outcome.escalation.priority,
          deadline: entry.deadline, termWorkdays: entry.termWorkdays,
          decidedByRule: outcome.escalation.rule, decisionId, businessDate,
        },
        deps.now,
        `escalatie door regel ${outcome.escalation.rule}`,
      );
      counts.escalated += 1;
    }
    if (outcome.zorgmelding && !c.zorgmeldingRequired) {
      const ok = await updateCaseVersioned(db, c.id, c.version, { zorgmelding_required: true, zorgmelding_rule: outcome.zorgmelding.rule }, deps.now);
      if (ok) {
        await audit(db, {
          actor: deps.actor, role: SYSTEM_ROLE, action: 'zaak.zorgmelding-vereist', entity: 'case', entityId: c.id, caseId: c.id,
          old: { zorgmeldingVereist: false }, new: { zorgmeldingVereist: true, regel: outcome.zorgmelding.rule }, runId: deps.runId,
        }, deps.now);
        counts.zorgmeldingFlagged += 1;
      }
    }
  }
  return counts;
}
