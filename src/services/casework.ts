/**
 * Casework services: every step of the agreed route (Bijlage 3, steps 3–8) for caseworkers,
 * coordinators and the municipality. Free of terminal concerns (the CLI and a later web UI call the
 * same functions) and run inside the caller's transaction:
 * - each step is checked by the pure state machine (role, assignment, state, required data) and
 *   refused with the missing condition named, before anything changes;
 * - each step bumps the case version (`updateCaseVersioned`), so two people cannot overwrite
 *   each other; a stale version is refused;
 * - each change and each view of personal data is audited in the same transaction;
 * - each passing-on of personal data (referral, zorgmelding) is also in the data-sharing log, one
 *   row per category, with its consent or legal basis.
 */
import type { Config } from '../config';
import {
  allowedResults, contactDeadline, CONSENT_RECIPIENTS, feedbackMisfit, findCoveringConsent,
  informDueDate, mergeFindings, openTasks, parseContactKind, parseDayPart, partnerFeedbackFor, resultMisfit, routeOptions, ROUTE_DEFINITIONS, ROUTE_LABELS, SHAREABLE_CATEGORIES, statusAfterContact,
  stepConditions, StepRefusedError, VersionConflictError, EMPTY_FINDINGS,
  type Actor, type CaseStatus, type ClosingContext, type ConsentRecipient, type FinalResult, type Findings,
  type OpenTask, type Route, type RouteOption, type Step,
} from '../domain/casework';
import { caseReference, currentQueueEntries, currentQueueEntry, updateCaseVersioned, type QueueEntry } from '../db/cases';
import {
  approvalsOfCase, auditOfCase, consentsOfCase, contactAttempts, decideApproval, endRoute, findingsHistory, getCaseWork,
  insertApproval, insertConsent, insertContactAttempt, insertFindings, insertRoute, insertStatusChange, insertZorgmelding,
  leaveQueue, markTenantInformed, openCaseWorks, routesOfCase, sharingOfCase, signalsOfCase, statusHistory, withdrawConsent,
  zorgmeldingenOfCase, type Approval, type AuditRow, type CaseRoute, type CaseWork, type Consent, type ContactAttempt,
  type SharingRow, type StatusChange, type Zorgmelding,
} from '../db/casework';
import { decisionsOfCase } from '../db/decisions';
import { getHousehold, type HouseholdRecord } from '../db/households';
import { audit, logSharing, type DataCategory } from '../db/logs';
import { toBool, type Db } from '../db/rows';
import { UsageError } from '../errors';

export interface CaseworkSettings {
  zorgmeldingInformWorkdays: number;
  budgetManagementCostCents: number;
  defaultTermWorkdays: number;
}

export function caseworkSettings(config: Config): CaseworkSettings {
  return { ...config.casework, defaultTermWorkdays: config.defaultQueue.termWorkdays };
}

/** Who acts, when, and with which settings. `date` is the working day the step is recorded on. */
export interface CaseworkContext {
  db: Db;
  who: Actor & { simulated?: boolean; reason?: string | null };
  now: Date;
  date: string;
  settings: CaseworkSettings;
}

export const CONSENT_LEGAL_BASIS = 'Schriftelijke toestemming inwoner (AVG art. 6 lid 1 sub a); Bijlage 3 stap 4–6';
export const ZORGMELDING_LEGAL_BASIS = 'AVG art. 6 lid 1 sub e; Wgs art. 3; Bijlage 3 stap 8 (zorgmelding)';
export const ZORGMELDING_CATEGORIES: DataCategory[] = ['naw', 'kinderen', 'achterstand'];

// ── helpers ───────────────────────────────────────────────────────────────────────────────────

async function load(ctx: CaseworkContext, caseId: number, step: Step, expectedVersion?: number): Promise<CaseWork> {
  const c = await getCaseWork(ctx.db, caseId);
  if (!c) throw new UsageError(`Zaak ${caseReference(caseId)} bestaat niet`);
  if (expectedVersion !== undefined && c.version !== expectedVersion) {
    throw new VersionConflictError(caseReference(caseId), expectedVersion, c.version);
  }
  const missing = stepConditions(step, c, ctx.who);
  if (missing.length) throw new StepRefusedError(step, missing, { caseId });
  return c;
}

function refuse(step: Step, missing: string[], caseId: number): never {
  throw new StepRefusedError(step, missing, { caseId });
}

/** Writes case fields with a version check and records a status change when there is one. */
async function save(
  ctx: CaseworkContext,
  c: CaseWork,
  fields: Record<string, unknown>,
  status: CaseStatus | null,
  reason: string | null,
): Promise<void> {
  const update: Record<string, unknown> = { ...fields };
  if (status !== null && status !== c.status) update.status = status;
  if (ctx.who.simulated) update.simulated = true;
  const ok = await updateCaseVersioned(ctx.db, c.id, c.version, update, ctx.now);
  if (!ok) {
    const now = await getCaseWork(ctx.db, c.id);
    throw new VersionConflictError(caseReference(c.id), c.version, now?.version ?? null);
  }
  if (status !== null && status !== c.status) {
    await insertStatusChange(ctx.db, { caseId: c.id, from: c.status, to: status, by: ctx.who.actor, reason: clip(reason, 500) }, ctx.now);
  }
}

async function auditStep(
  ctx: CaseworkContext,
  caseId: number,
  action: string,
  entity: string,
  entityId: number | string | null,
  old: unknown,
  next: unknown,
  reason?: string | null,
): Promise<void> {
  await audit(ctx.db, {
    actor: ctx.who.actor, role: ctx.who.role, action, entity, entityId, caseId, old, new: next,
    reason: clip(reason ?? ctx.who.reason ?? null, 500),
  }, ctx.now);
}

/** Free text into a bounded column (the columns are portable NVARCHAR/varchar with a length). */
function clip(text: string | null, max: number): string | null {
  if (text === null) return null;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function assertDate(date: string, field: string, ctx: CaseworkContext, notBefore?: { date: string; label: string }): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError(`${field}: "${date}" is geen datum jjjj-mm-dd`);
  if (date > ctx.date) throw new UsageError(`${field} (${date}) ligt in de toekomst`);
  if (notBefore && date < notBefore.date) throw new UsageError(`${field} (${date}) ligt vóór ${notBefore.label} (${notBefore.date})`);
}

export async function currentFindings(db: Db, caseId: number): Promise<Findings> {
  const h = await findingsHistory(db, caseId);
  if (h.length === 0) return { ...EMPTY_FINDINGS };
  const { id: _id, recordedBy: _by, recordedAt: _at, ...f } = h[h.length - 1];
  return f;
}

function runningRoute(routes: CaseRoute[]): CaseRoute | null {
  return routes.find((r) => r.status === 'gestart') ?? null;
}

// ── view ──────────────────────────────────────────────────────────────────────────────────────

export interface CaseView {
  reference: string;
  case: CaseWork;
  person: HouseholdRecord | null;
  signals: Array<Record<string, unknown>>;
  queue: QueueEntry | null;
  contactDeadline: string;
  attempts: ContactAttempt[];
  findings: Findings;
  routeOptions: RouteOption[];
  consents: Consent[];
  approvals: Approval[];
  routes: CaseRoute[];
  zorgmeldingen: Zorgmelding[];
  tasks: OpenTask[];
  history: StatusChange[];
  /** Final results that would fit if the case were closed today. */
  fittingResults: FinalResult[];
}

/** Opens a case with its personal data; the view is audited. */
export async function viewCase(ctx: CaseworkContext, caseId: number): Promise<CaseView> {
  const c = await load(ctx, caseId, 'bekijken');
  const view = await assembleView(ctx.db, c, ctx.date, ctx.settings);
  await auditStep(ctx, c.id, 'zaak.bekeken', 'case', c.id, undefined, {
    gegevens: ['naw', 'geboortedatum', 'referentie', 'huur', 'achterstand', 'kinderen'],
  });
  return view;
}

async function assembleView(db: Db, c: CaseWork, today: string, settings: CaseworkSettings): Promise<CaseView> {
  // Sequential on purpose: inside a transaction all queries share one connection.
  const person = await getHousehold(db, c.householdId);
  const signals = await signalsOfCase(db, c.id);
  const queue = await currentQueueEntry(db, c.id);
  const attempts = await contactAttempts(db, c.id);
  const findings = await currentFindings(db, c.id);
  const consents = await consentsOfCase(db, c.id);
  const approvals = await approvalsOfCase(db, c.id);
  const routes = await routesOfCase(db, c.id);
  const zorgmeldingen = await zorgmeldingenOfCase(db, c.id);
  const history = await statusHistory(db, c.id);
  const deadline = contactDeadline(c, queue?.deadline ?? null, settings.defaultTermWorkdays);
  return {
    reference: caseReference(c.id), case: c, person, signals, queue, contactDeadline: deadline, attempts, findings,
    routeOptions: routeOptions(findings), consents, approvals, routes, zorgmeldingen,
    tasks: openTasks({ ...c, contactDeadline: deadline }, zorgmeldingen, today),
    history,
    fittingResults: c.closedDate ? [] : allowedResults(closingContext(c, attempts, routes, today)),
  };
}

function closingContext(c: CaseWork, attempts: ContactAttempt[], routes: CaseRoute[], date: string): ClosingContext {
  const counting = [...routes].reverse().find((r) => r.status !== 'gestopt');
  return {
    contactMade: c.firstContactDate !== null,
    attempts: attempts.length,
    route: counting ? { route: counting.route, status: counting.status as 'gestart' | 'afgerond', startedDate: counting.startedDate, endedDate: counting.endedDate } : null,
    zorgmeldingMade: c.zorgmeldingMadeAt !== null,
    closeDate: date,
  };
}

// ── claim ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Takes a case. Version-checked: of two caseworkers who saw the same version, only the first gets
 * it. A case someone else holds can only be taken over by a coordinator, explicitly.
 */
export async function claimCase(
  ctx: CaseworkContext,
  caseId: number,
  opts: { expectedVersion?: number; takeOver?: boolean } = {},
): Promise<CaseWork> {
  const c = await load(ctx, caseId, 'claimen', opts.expectedVersion);
  if (c.assignedTo === ctx.who.actor) return c;
  if (c.assignedTo !== null) {
    if (!opts.takeOver) refuse('claimen', [`De zaak is al opgepakt door ${c.assignedTo}`], c.id);
    if (ctx.who.role !== 'coördinator') refuse('claimen', [`Alleen een coördinator kan een zaak van ${c.assignedTo} overnemen`], c.id);
  }
  await save(ctx, c, { assigned_to: ctx.who.actor }, null, null);
  await auditStep(ctx, c.id, c.assignedTo ? 'zaak.overgenomen' : 'zaak.opgepakt', 'case', c.id, { toegewezenAan: c.assignedTo }, { toegewezenAan: ctx.who.actor });
  return (await getCaseWork(ctx.db, c.id))!;
}

// ── contact attempts ──────────────────────────────────────────────────────────────────────────

export interface ContactInput {
  kind: string;
  reached: boolean;
  date: string;
  dayPart?: string | null;
  /** Internal note for colleagues: never exported. */
  note?: string | null;
}

export async function recordContact(ctx: CaseworkContext, caseId: number, input: ContactInput, expectedVersion?: number): Promise<{ attemptId: number; status: CaseStatus }> {
  const c = await load(ctx, caseId, 'contactpoging', expectedVersion);
  const kind = parseContactKind(input.kind);
  if (!kind) throw new UsageError(`Onbekende contactsoort "${input.kind}" (landelijke lijst: Telefoon, Brief, Huisbezoek, Mail, SMS/Whatsapp, Kaartje, Afspraak op locatie, Administratief, Overige, Onbekend)`);
  const dayPart = input.dayPart ? parseDayPart(input.dayPart) : null;
  if (input.dayPart && !dayPart) throw new UsageError(`Onbekend dagdeel "${input.dayPart}" (Ochtend, Middag of Avond)`);
  assertDate(input.date, 'Datum contactpoging', ctx, { date: c.openedDate, label: 'de opening van de zaak' });
  const attemptId = await insertContactAttempt(ctx.db, {
    caseId: c.id, kind, reached: input.reached, attemptDate: input.date, dayPart, note: input.note?.trim() || null, recordedBy: ctx.who.actor,
  }, ctx.now);
  const status = statusAfterContact(c.status as CaseStatus, input.reached);
  const fields: Record<string, unknown> = {};
  if (c.firstAttemptDate === null || input.date < c.firstAttemptDate) fields.first_attempt_date = input.date;
  if (input.reached && (c.firstContactDate === null || input.date < c.firstContactDate)) fields.first_contact_date = input.date;
  await save(ctx, c, fields, status, input.reached ? 'inwoner bereikt' : 'contactpoging zonder resultaat');
  await auditStep(ctx, c.id, 'zaak.contactpoging', 'contact_attempt', attemptId, { status: c.status }, {
    status, soort: kind, bereikt: input.reached, datum: input.date, dagdeel: dayPart, notitie: input.note ? 'ja' : 'nee',
  });
  return { attemptId, status };
}

// ── findings ──────────────────────────────────────────────────────────────────────────────────

export async function recordFindings(ctx: CaseworkContext, caseId: number, update: Partial<Findings>, expectedVersion?: number): Promise<Findings> {
  const c = await load(ctx, caseId, 'bevinding', expectedVersion);
  if (Object.values(update).every((v) => v === undefined)) throw new UsageError('Geen bevinding opgegeven');
  const old = await currentFindings(ctx.db, c.id);
  const next = mergeFindings(old, update);
  const id = await insertFindings(ctx.db, c.id, next, ctx.who.actor, ctx.now);
  await save(ctx, c, {}, 'onderzoek', 'onderzoek naar oplossingsroute');
  await auditStep(ctx, c.id, 'zaak.bevinding', 'case_findings', id, { ...old, status: c.status }, { ...next, status: 'onderzoek' });
  return next;
}

// ── consents ──────────────────────────────────────────────────────────────────────────────────

export interface ConsentInput {
  signedBy: string;
  recipient: string;
  recipientName?: string | null;
  categories: string[];
  signedDate: string;
  documentRef: string;
}

export async function recordConsent(ctx: CaseworkContext, caseId: number, input: ConsentInput, expectedVersion?: number): Promise<number> {
  const c = await load(ctx, caseId, 'toestemming', expectedVersion);
  const problems: string[] = [];
  if (!(CONSENT_RECIPIENTS as readonly string[]).includes(input.recipient)) {
    problems.push(`Onbekende ontvanger "${input.recipient}" (${CONSENT_RECIPIENTS.join(', ')})`);
  }
  const recipient = input.recipient as ConsentRecipient;
  if ((recipient === 'netwerk' || recipient === 'vrijwilliger') && !input.recipientName?.trim()) {
    problems.push(`Naam van de ontvanger ontbreekt (bij ${recipient}: bijv. Humanitas of de contactpersoon)`);
  }
  const unknown = input.categories.filter((k) => !(SHAREABLE_CATEGORIES as readonly string[]).includes(k));
  if (unknown.length) problems.push(`Onbekende gegevenscategorie(ën): ${unknown.join(', ')} (bekend: ${SHAREABLE_CATEGORIES.join(', ')})`);
  if (input.categories.length === 0) problems.push('Geen gegevens opgegeven die doorgegeven mogen worden');
  if (!input.signedBy.trim()) problems.push('Wie tekende ontbreekt');
  if (!input.documentRef.trim()) problems.push('Documentverwijzing (het getekende formulier) ontbreekt');
  if (input.signedBy.trim().length > 200) problems.push('Naam van wie tekende is te lang (hoogstens 200 tekens)');
  if ((input.recipientName ?? '').trim().length > 100) problems.push('Naam van de ontvanger is te lang (hoogstens 100 tekens)');
  if (input.documentRef.trim().length > 200) problems.push('Documentverwijzing is te lang (hoogstens 200 tekens)');
  if (problems.length) throw new UsageError(problems.join('; '));
  assertDate(input.signedDate, 'Datum ondertekening', ctx, { date: c.openedDate, label: 'de opening van de zaak' });
  const categories = [...new Set(input.categories)].sort();
  const id = await insertConsent(ctx.db, {
    caseId: c.id, signedBy: input.signedBy.trim(), recipient, recipientName: input.recipientName?.trim() || null,
    dataCategories: categories, signedDate: input.signedDate, documentRef: input.documentRef.trim(), recordedBy: ctx.who.actor,
  }, ctx.now);
  await save(ctx, c, {}, null, null);
  await auditStep(ctx, c.id, 'toestemming.vastgelegd', 'consent', id, undefined, {
    ondertekend: input.signedBy.trim(), ontvanger: recipient, naam: input.recipientName ?? null, gegevens: categories,
    datum: input.signedDate, document: input.documentRef.trim(),
  });
  return id;
}

/** Withdraws a consent: no further sharing on it; a route that relies on it stops. */
export async function withdrawConsentStep(
  ctx: CaseworkContext,
  caseId: number,
  consentId: number,
  input: { date: string; reason: string | null },
  expectedVersion?: number,
): Promise<{ stoppedRoutes: number[] }> {
  const c = await load(ctx, caseId, 'toestemming-intrekken', expectedVersion);
  const consent = (await consentsOfCase(ctx.db, c.id)).find((x) => x.id === consentId);
  if (!consent) throw new UsageError(`Toestemming ${consentId} hoort niet bij zaak ${caseReference(c.id)}`);
  if (consent.withdrawnDate) refuse('toestemming-intrekken', [`Toestemming ${consentId} is al ingetrokken op ${consent.withdrawnDate}`], c.id);
  assertDate(input.date, 'Datum intrekking', ctx, { date: consent.signedDate, label: 'de ondertekening' });
  await withdrawConsent(ctx.db, consentId, input.date, clip(input.reason, 500));
  const routes = await routesOfCase(ctx.db, c.id);
  const stopped = routes.filter((r) => r.status === 'gestart' && r.consentId === consentId);
  for (const r of stopped) await endRoute(ctx.db, r.id, 'gestopt', input.date);
  const status: CaseStatus | null = stopped.length && c.status !== 'afgesloten' ? 'onderzoek' : null;
  await save(ctx, c, {}, status, 'toestemming ingetrokken');
  await auditStep(ctx, c.id, 'toestemming.ingetrokken', 'consent', consentId, { ingetrokken: null }, {
    ingetrokken: input.date, gestopteRoutes: stopped.map((r) => r.route), status: status ?? c.status,
  }, input.reason);
  return { stoppedRoutes: stopped.map((r) => r.id) };
}

// ── municipal approval (budget management) ────────────────────────────────────────────────────

/**
 * Asks the municipality to approve budget management. The request names the case reference only;
 * personal data goes to Plangroep at registration, with consent.
 */
export async function requestApproval(ctx: CaseworkContext, caseId: number, opts: { costCents?: number } = {}, expectedVersion?: number): Promise<number> {
  const c = await load(ctx, caseId, 'goedkeuring-aanvragen', expectedVersion);
  const option = routeOptions(await currentFindings(ctx.db, c.id)).find((o) => o.route === 'budgetbeheer')!;
  if (!option.available) refuse('goedkeuring-aanvragen', option.reasons, c.id);
  const approvals = await approvalsOfCase(ctx.db, c.id);
  const pending = approvals.find((a) => a.subject === 'budgetbeheer' && a.decision !== 'afgewezen');
  if (pending) refuse('goedkeuring-aanvragen', [`Er is al een aanvraag budgetbeheer (${pending.decision}, ${pending.requestedDate})`], c.id);
  const cost = opts.costCents ?? ctx.settings.budgetManagementCostCents;
  const id = await insertApproval(ctx.db, { caseId: c.id, subject: 'budgetbeheer', requestedDate: ctx.date, costCents: cost }, ctx.now);
  await save(ctx, c, {}, null, null);
  await auditStep(ctx, c.id, 'goedkeuring.aangevraagd', 'municipal_approval', id, undefined, { onderwerp: 'budgetbeheer', kostenCenten: cost });
  return id;
}

/** The municipality's decision (role gemeente); the cost is booked to the municipality. */
export async function decideApprovalStep(
  ctx: CaseworkContext,
  caseId: number,
  input: { decision: 'goedgekeurd' | 'afgewezen'; costCents?: number },
  expectedVersion?: number,
): Promise<number> {
  const c = await load(ctx, caseId, 'goedkeuring-besluiten', expectedVersion);
  const pending = (await approvalsOfCase(ctx.db, c.id)).find((a) => a.decision === 'aangevraagd');
  if (!pending) refuse('goedkeuring-besluiten', ['Er is geen openstaande aanvraag budgetbeheer voor deze zaak'], c.id);
  const cost = input.decision === 'goedgekeurd' ? (input.costCents ?? pending.costCents ?? ctx.settings.budgetManagementCostCents) : null;
  await decideApproval(ctx.db, pending.id, { decision: input.decision, decidedBy: ctx.who.actor, decidedDate: ctx.date, costCents: cost });
  await save(ctx, c, {}, null, null);
  await auditStep(ctx, c.id, `goedkeuring.${input.decision}`, 'municipal_approval', pending.id, { besluit: 'aangevraagd' }, {
    besluit: input.decision, kostenCenten: cost, datum: ctx.date,
  });
  return pending.id;
}

// ── routes ────────────────────────────────────────────────────────────────────────────────────

export interface StartRouteInput {
  route: Route;
  /** Named recipient: Humanitas, the network contact. */
  recipientName?: string | null;
  consentId?: number;
  /** Categories passed on; default per route. */
  categories?: string[];
}

/**
 * Starts a route. Refused unless the findings allow it (in the agreement's order), no other route
 * runs, a valid written consent covers the referral (recipient, categories, signed before, not
 * withdrawn) and — for budget management — the municipality approved it.
 */
export async function startRoute(ctx: CaseworkContext, caseId: number, input: StartRouteInput, expectedVersion?: number): Promise<number> {
  const c = await load(ctx, caseId, 'route-starten', expectedVersion);
  const def = ROUTE_DEFINITIONS[input.route];
  if (!def) throw new UsageError(`Onbekende route "${String(input.route)}"`);
  const missing: string[] = [];
  const option = routeOptions(await currentFindings(ctx.db, c.id)).find((o) => o.route === input.route)!;
  missing.push(...option.reasons.map((r) => `${ROUTE_LABELS[input.route]}: ${r}`));
  const routes = await routesOfCase(ctx.db, c.id);
  const running = runningRoute(routes);
  if (running) missing.push(`Er loopt al een route: ${ROUTE_LABELS[running.route]}`);
  const recipientName = input.recipientName?.trim() || (input.route === 'budgetbeheer' ? 'Plangroep' : null);
  if (def.needsRecipientName && !recipientName) missing.push(`Naam van de ontvanger ontbreekt (bij ${ROUTE_LABELS[input.route]}: --ontvanger)`);
  if (recipientName && recipientName.length > 100) throw new UsageError('Naam van de ontvanger is te lang (hoogstens 100 tekens)');
  const categories = [...new Set(input.categories ?? def.categories)].sort();
  let consentId: number | null = null;
  if (def.recipient) {
    const found = findCoveringConsent(await consentsOfCase(ctx.db, c.id), { route: input.route, recipientName, categories, date: ctx.date }, input.consentId);
    missing.push(...found.missing);
    consentId = found.consent?.id ?? null;
  }
  let approvalId: number | null = null;
  if (input.route === 'budgetbeheer') {
    const approvals = (await approvalsOfCase(ctx.db, c.id)).filter((a) => a.subject === 'budgetbeheer');
    const approved = approvals.find((a) => a.decision === 'goedgekeurd');
    if (approved) approvalId = approved.id;
    else if (approvals.some((a) => a.decision === 'aangevraagd')) missing.push('Geen goedkeuring van de gemeente voor budgetbeheer: de aanvraag wacht nog op een besluit');
    else if (approvals.some((a) => a.decision === 'afgewezen')) missing.push('Geen goedkeuring van de gemeente voor budgetbeheer: de aanvraag is afgewezen');
    else missing.push('Geen goedkeuring van de gemeente voor budgetbeheer (vraag die eerst aan: case approve --aanvragen)');
  }
  if (missing.length) refuse('route-starten', missing, c.id);

  const routeId = await insertRoute(ctx.db, {
    caseId: c.id, route: input.route, startedDate: ctx.date, consentId, approvalId, recipientName, recordedBy: ctx.who.actor,
  }, ctx.now);
  await save(ctx, c, {}, def.status, `route ${input.route}`);
  const counterparty = def.counterparty(recipientName);
  if (def.recipient && counterparty) {
    await logSharing(ctx.db, categories.map((category) => ({
      businessDate: ctx.date, direction: 'doorgegeven' as const, counterparty, category, recordCount: 1,
      legalBasis: CONSENT_LEGAL_BASIS, consentId, caseId: c.id,
    })), ctx.now);
  }
  await auditStep(ctx, c.id, 'route.gestart', 'case_route', routeId, { status: c.status }, {
    status: def.status, route: input.route, ontvanger: recipientName, toestemming: consentId, goedkeuring: approvalId,
    doorgegeven: def.recipient ? { aan: counterparty, gegevens: categories } : null,
  });
  return routeId;
}

/** The running route has done its work (arrangement in place, rent paid again). */
export async function finishRoute(ctx: CaseworkContext, caseId: number, expectedVersion?: number): Promise<number> {
  const c = await load(ctx, caseId, 'route-afronden', expectedVersion);
  const running = runningRoute(await routesOfCase(ctx.db, c.id));
  if (!running) refuse('route-afronden', ['Er loopt geen route'], c.id);
  await endRoute(ctx.db, running.id, 'afgerond', ctx.date);
  await save(ctx, c, {}, 'geregeld', `route ${running.route} afgerond`);
  await auditStep(ctx, c.id, 'route.afgerond', 'case_route', running.id, { status: c.status, route: 'gestart' }, { status: 'geregeld', route: 'afgerond' });
  return running.id;
}

/** The running route failed or the resident stopped; back to investigating the next route. */
export async function stopRoute(ctx: CaseworkContext, caseId: number, reason: string, expectedVersion?: number): Promise<number> {
  const c = await load(ctx, caseId, 'route-stoppen', expectedVersion);
  if (!reason.trim()) refuse('route-stoppen', ['Reden ontbreekt: waarom stopt de route?'], c.id);
  const running = runningRoute(await routesOfCase(ctx.db, c.id));
  if (!running) refuse('route-stoppen', ['Er loopt geen route'], c.id);
  await endRoute(ctx.db, running.id, 'gestopt', ctx.date);
  await save(ctx, c, {}, 'onderzoek', reason);
  await auditStep(ctx, c.id, 'route.gestopt', 'case_route', running.id, { status: c.status, route: 'gestart' }, { status: 'onderzoek', route: 'gestopt' }, reason);
  return running.id;
}

// ── zorgmelding ───────────────────────────────────────────────────────────────────────────────

/**
 * Makes the zorgmelding the rules asked for: records the rule and the facts that justified it, who
 * and when, opens the "huurder geïnformeerd" task and logs what was passed to the municipality.
 * Without a rule flag only a coordinator may make one, with a reason.
 */
export async function makeZorgmelding(ctx: CaseworkContext, caseId: number, opts: { reason?: string | null } = {}, expectedVersion?: number): Promise<number> {
  const c = await load(ctx, caseId, 'zorgmelding', expectedVersion);
  if (c.zorgmeldingMadeAt !== null) refuse('zorgmelding', [`Voor deze zaak is al een zorgmelding gedaan (${c.zorgmeldingMadeAt.slice(0, 10)})`], c.id);
  const reason = opts.reason?.trim() || null;
  if (!c.zorgmeldingRequired && (ctx.who.role !== 'coördinator' || !reason)) {
    refuse('zorgmelding', ['De regels vragen voor deze zaak geen zorgmelding; alleen een coördinator kan er met een reden toch een doen'], c.id);
  }
  const decision = [...(await decisionsOfCase(ctx.db, c.id))].reverse().find((d) => d.phase === 'escalatie' && d.outcome.includes('zorgmelding'));
  let facts: Record<string, unknown>;
  if (decision) {
    facts = { beslissing: decision.id, verwerkingsdatum: decision.businessDate, regelsetversie: decision.rulesetVersion, feiten: decision.facts };
  } else {
    const last = (await signalsOfCase(ctx.db, c.id)).at(-1);
    facts = {
      handmatig: true,
      feiten: last ? { minderjarigeKinderen: last.minor_children ?? null, ontruimingDreigt: toBool(last.eviction_threatened), ontruimingsdatum: last.eviction_date ?? null } : {},
    };
  }
  const due = informDueDate(ctx.date, ctx.settings.zorgmeldingInformWorkdays);
  const id = await insertZorgmelding(ctx.db, {
    caseId: c.id, madeDate: ctx.date, madeBy: ctx.who.actor, rule: c.zorgmeldingRule ?? (decision?.decidedByRule ?? null), facts, informDueDate: due,
  }, ctx.now);
  await save(ctx, c, { zorgmelding_made_at: ctx.now.toISOString() }, null, null);
  await logSharing(ctx.db, ZORGMELDING_CATEGORIES.map((category) => ({
    businessDate: ctx.date, direction: 'doorgegeven' as const, counterparty: 'gemeente:zorgmelding', category, recordCount: 1,
    legalBasis: ZORGMELDING_LEGAL_BASIS, caseId: c.id,
  })), ctx.now);
  await auditStep(ctx, c.id, 'zorgmelding.gedaan', 'zorgmelding', id, { zorgmeldingGedaan: false }, {
    zorgmeldingGedaan: true, regel: c.zorgmeldingRule, huurderInformerenVoor: due,
    doorgegeven: { aan: 'gemeente:zorgmelding', gegevens: ZORGMELDING_CATEGORIES },
  }, reason);
  return id;
}

/** Closes the "huurder geïnformeerd" task of a zorgmelding. */
export async function markInformed(
  ctx: CaseworkContext,
  caseId: number,
  input: { date: string; zorgmeldingId?: number },
  expectedVersion?: number,
): Promise<number> {
  const c = await load(ctx, caseId, 'huurder-geinformeerd', expectedVersion);
  const open = (await zorgmeldingenOfCase(ctx.db, c.id)).filter((z) => z.tenantInformedDate === null);
  const z = input.zorgmeldingId !== undefined ? open.find((x) => x.id === input.zorgmeldingId) : open[0];
  if (!z) refuse('huurder-geinformeerd', ['Er is geen zorgmelding waarover de huurder nog geïnformeerd moet worden'], c.id);
  assertDate(input.date, 'Datum huurder geïnformeerd', ctx, { date: z.madeDate, label: 'de zorgmelding' });
  await markTenantInformed(ctx.db, z.id, input.date, ctx.who.actor);
  await save(ctx, c, {}, null, null);
  await auditStep(ctx, c.id, 'zorgmelding.huurder-geinformeerd', 'zorgmelding', z.id, { huurderGeinformeerd: null }, {
    huurderGeinformeerd: input.date, teLaat: input.date > z.informDueDate,
  });
  return z.id;
}

// ── closing ───────────────────────────────────────────────────────────────────────────────────

export interface CloseInput {
  result: FinalResult;
  /** What the partner may be told; default follows from the result. */
  partnerFeedback?: string;
  reason?: string | null;
}

export async function closeCase(ctx: CaseworkContext, caseId: number, input: CloseInput, expectedVersion?: number): Promise<{ result: FinalResult; partnerFeedback: string }> {
  const c = await load(ctx, caseId, 'afsluiten', expectedVersion);
  const attempts = await contactAttempts(ctx.db, c.id);
  const routes = await routesOfCase(ctx.db, c.id);
  const zorgmeldingen = await zorgmeldingenOfCase(ctx.db, c.id);
  const missing: string[] = [];
  if (c.zorgmeldingRequired && c.zorgmeldingMadeAt === null) missing.push('Zorgmelding is vereist maar nog niet gedaan');
  for (const z of zorgmeldingen.filter((x) => x.tenantInformedDate === null)) {
    missing.push(`Huurder is nog niet geïnformeerd over zorgmelding ${z.id} (uiterlijk ${z.informDueDate})`);
  }
  missing.push(...resultMisfit(input.result, closingContext(c, attempts, routes, ctx.date)));
  const feedback = input.partnerFeedback ?? partnerFeedbackFor(input.result);
  missing.push(...feedbackMisfit(feedback, input.result));
  if (missing.length) refuse('afsluiten', missing, c.id);

  const running = runningRoute(routes);
  if (running) await endRoute(ctx.db, running.id, 'afgerond', ctx.date);
  await save(ctx, c, { closed_date: ctx.date, final_result: input.result, partner_feedback: feedback }, 'afgesloten', input.reason ?? input.result);
  await leaveQueue(ctx.db, c.id, 'zaak afgesloten', ctx.now);
  await auditStep(ctx, c.id, 'zaak.afgesloten', 'case', c.id, { status: c.status, eindresultaat: null }, {
    status: 'afgesloten', eindresultaat: input.result, terugkoppelingPartner: feedback, afgesloten: ctx.date,
  }, input.reason);
  return { result: input.result, partnerFeedback: feedback };
}

// ── audit trail and overview ──────────────────────────────────────────────────────────────────

/** The case's audit trail and sharing log; viewing it is itself audited (it holds personal data). */
export async function caseAuditTrail(ctx: CaseworkContext, caseId: number): Promise<{ reference: string; audit: AuditRow[]; sharing: SharingRow[] }> {
  const c = await load(ctx, caseId, 'bekijken');
  const rows = await auditOfCase(ctx.db, c.id);
  const sharing = await sharingOfCase(ctx.db, c.id);
  await auditStep(ctx, c.id, 'audit.bekeken', 'case', c.id, undefined, { regels: rows.length });
  return { reference: caseReference(c.id), audit: rows, sharing };
}

export interface OverdueItem {
  caseId: number;
  reference: string;
  status: string;
  assignedTo: string | null;
  task: OpenTask;
}

/** Overdue tasks of all open cases, by due date: no personal data. */
export async function overdueTasks(db: Db, today: string, settings: CaseworkSettings): Promise<OverdueItem[]> {
  const cases = await openCaseWorks(db);
  const entries = await currentQueueEntries(db);
  const out: OverdueItem[] = [];
  for (const c of cases) {
    const deadline = contactDeadline(c, entries.get(c.id)?.deadline ?? null, settings.defaultTermWorkdays);
    const zm = c.zorgmeldingMadeAt ? await zorgmeldingenOfCase(db, c.id) : [];
    for (const t of openTasks({ ...c, contactDeadline: deadline }, zm, today)) {
      if (t.overdue) out.push({ caseId: c.id, reference: caseReference(c.id), status: c.status, assignedTo: c.assignedTo, task: t });
    }
  }
  return out.sort((a, b) => (a.task.due ?? '').localeCompare(b.task.due ?? '') || a.caseId - b.caseId);
}

/** A Dutch line naming what a route needs, for a caseworker deciding what to do next. */
export function describeOption(o: RouteOption): string {
  return o.available
    ? `${ROUTE_LABELS[o.route]}: mogelijk${o.needs.length ? ` (nodig: ${o.needs.join('; ')})` : ''}`
    : `${ROUTE_LABELS[o.route]}: niet mogelijk — ${o.reasons.join('; ')}`;
}

