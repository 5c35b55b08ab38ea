/**
 * The intake of one report: validate, match the household, recognise a repeat, evaluate the intake
 * rules, store the signal and its decision, open or extend a case and queue it. Runs inside the
 * caller's transaction, so a batch commits or rolls back as a whole.
 */
import type { Config } from '../config';
import { addWorkingDays } from '../domain/workdays';
import { assessRepeat, identityOf, matchHousehold } from '../domain/households';
import { validateReport, type FieldProblem, type IntakeReport, type RawReport, type ValidationOutcome } from '../domain/intake';
import { deriveSignalFacts, factInputOf } from '../domain/facts';
import { decideIntake, type IntakeOutcome } from '../domain/rules/decide';
import type { RuleEvaluator } from '../rules/engine';
import { ensurePartner } from '../db/partners';
import { completeHousehold, createHousehold, householdsAtAddress } from '../db/households';
import { insertSignal, priorSignals, setSignalCase } from '../db/signals';
import { createCase, currentQueueEntry, enqueue, openCaseOfHousehold } from '../db/cases';
import { insertDecision } from '../db/decisions';
import { insertQuarantine } from '../db/quarantine';
import { audit, type DataCategory } from '../db/logs';
import type { Db } from '../db/rows';
import { SYSTEM_ROLE } from '../jobContext';

export interface IntakeDeps {
  config: Config;
  evaluator: RuleEvaluator;
  runId: number | null;
  actor: string;
  now: Date;
}

export type IntakeResult =
  | { kind: 'quarantined'; quarantineId: number; problems: FieldProblem[] }
  | {
      kind: 'accepted';
      signalId: number;
      partnerId: number;
      partnerCode: string;
      outcome: IntakeOutcome;
      caseId: number | null;
      newCase: boolean;
      isRepeat: boolean;
      categories: DataCategory[];
    };

/** Which categories of personal data (agreement, Bijlage 3) a report carried. */
export function categoriesOf(r: IntakeReport): DataCategory[] {
  const out: DataCategory[] = ['naw', 'referentie', 'achterstand'];
  if (r.person.birthDate) out.push('geboortedatum');
  if (r.monthlyRentCents !== null) out.push('huur');
  if (r.minorChildren !== null) out.push('kinderen');
  return out;
}

/** Validates a raw row; a bad one is quarantined with every reason and the raw values. */
export async function intakeRow(
  db: Db,
  deps: IntakeDeps,
  row: { sourceKey: string; sourceRowId: string; receivedAt: string | null; raw: RawReport; receiptProblem?: string },
  businessDate: string,
): Promise<IntakeResult> {
  const validated = validateReport(row.raw, businessDate);
  const v: ValidationOutcome = row.receiptProblem
    ? { ok: false, problems: [{ field: 'receivedAt', message: row.receiptProblem }, ...(validated.ok ? [] : validated.problems)] }
    : validated;
  if (!v.ok) {
    const quarantineId = await insertQuarantine(
      db,
      { sourceKey: row.sourceKey, sourceRowId: row.sourceRowId, businessDate, runId: deps.runId, raw: row.raw, problems: v.problems },
      deps.now,
    );
    await audit(db, {
      actor: deps.actor, role: SYSTEM_ROLE, action: 'quarantaine.toegevoegd', entity: 'quarantine',
      entityId: quarantineId, new: { velden: v.problems.map((p) => p.field) }, runId: deps.runId,
    }, deps.now);
    return { kind: 'quarantined', quarantineId, problems: v.problems };
  }
  return acceptReport(db, deps, { ...row, report: v.report }, businessDate);
}

/** Stores a valid report and applies the intake rules to it. */
export async function acceptReport(
  db: Db,
  deps: IntakeDeps,
  row: { sourceKey: string; sourceRowId: string; receivedAt: string | null; report: IntakeReport; origin?: string },
  businessDate: string,
): Promise<IntakeResult> {
  const { report } = row;
  const { now, runId, actor } = deps;
  const partner = await ensurePartner(db, report.partner, now);

  const who = identityOf(report.person, report.address);
  const match = matchHousehold(await householdsAtAddress(db, report.address.postcode, report.address.houseNumber), who);
  let householdId: number;
  if (match) {
    householdId = match.id;
    const changes = await completeHousehold(db, match, report, now);
    if (Object.keys(changes).length) {
      await audit(db, {
        actor, role: SYSTEM_ROLE, action: 'huishouden.aangevuld', entity: 'household', entityId: householdId,
        old: Object.fromEntries(Object.entries(changes).map(([k, c]) => [k, c.old])),
        new: Object.fromEntries(Object.entries(changes).map(([k, c]) => [k, c.new])), runId,
      }, now);
    }
  } else {
    householdId = await createHousehold(db, report, now);
    await audit(db, { actor, role: SYSTEM_ROLE, action: 'huishouden.aangemaakt', entity: 'household', entityId: householdId, runId }, now);
  }

  const repeat = assessRepeat(await priorSignals(db, householdId), partner.id, report.signalDate, report.arrearsCents, deps.config.lookbackMonths, partner.type);
  const openCase = await openCaseOfHousehold(db, householdId);
  const facts = deriveSignalFacts(
    factInputOf(report),
    { isRepeat: repeat.isRepeat, amountIncreased: repeat.amountIncreased, earlierSignals: repeat.earlierSignals, openCase: openCase !== null },
    businessDate,
  );
  const evaluation = await deps.evaluator.evaluate('intake', facts, businessDate);
  const outcome = decideIntake(evaluation.events, deps.config.defaultQueue);

  const signalId = await insertSignal(
    db,
    {
      sourceKey: row.sourceKey, sourceRowId: row.sourceRowId, origin: row.origin, businessDate, receivedAt: row.receivedAt,
      runId, partnerId: partner.id, householdId, caseId: null, report,
      status: outcome.pickedUp ? 'opgepakt' : 'niet-opgepakt',
      notPickedUpReason: outcome.pickedUp ? null : outcome.reason,
      isRepeat: repeat.isRepeat, previousSignalId: repeat.previous?.id ?? null,
    },
    now,
  );
  await audit(db, { actor, role: SYSTEM_ROLE, action: 'signaal.ontvangen', entity: 'signal', entityId: signalId, runId }, now);

  let caseId: number | null = null;
  let newCase = false;
  if (outcome.pickedUp) {
    if (openCase) {
      caseId = openCase.id;
    } else {
      caseId = await createCase(db, { householdId, openedDate: businessDate, runId, evictionThreatened: report.evictionThreatened }, now);
      newCase = true;
      await audit(db, { actor, role: SYSTEM_ROLE, action: 'zaak.geopend', entity: 'case', entityId: caseId, caseId, runId }, now);
    }
    await setSignalCase(db, signalId, caseId);
  }
  const decisionId = await insertDecision(
    db,
    {
      caseId, signalId, phase: 'intake', businessDate, runId, rulesetVersion: deps.evaluator.ruleSet.version,
      outcome: outcome.pickedUp ? 'opgepakt' : `niet-opgepakt:${outcome.reason}`,
      decidedByRule: outcome.rule, facts, events: evaluation.events, trace: evaluation.trace,
    },
    now,
  );
  if (outcome.pickedUp && caseId !== null) {
    const current = newCase ? null : await currentQueueEntry(db, caseId);
    // A new signal on an open case only moves it when the new signal is more urgent.
    if (current === null || outcome.priority < current.priority) {
      await enqueue(
        db,
        {
          caseId, queue: outcome.queue, priority: outcome.priority,
          deadline: addWorkingDays(businessDate, outcome.termWorkdays), termWorkdays: outcome.termWorkdays,
          decidedByRule: outcome.rule, decisionId, businessDate,
        },
        now,
        'nieuwe melding met hogere urgentie',
      );
    }
  }
  return {
    kind: 'accepted', signalId, partnerId: partner.id, partnerCode: partner.code, outcome, caseId, newCase,
    isRepeat: repeat.isRepeat, categories: categoriesOf(report),
  };
}
