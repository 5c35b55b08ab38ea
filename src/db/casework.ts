/**
 * Repositories of casework: the case with its casework columns, contact attempts, findings,
 * consents, municipal approvals, routes, zorgmeldingen, status history, and the case's audit trail
 * and data-sharing log. Row ⇄ domain mapping lives here; writes that change the case row go through
 * `updateCaseVersioned` (src/db/cases.ts) so concurrent changes are detected.
 */
import type { ConsentRecipient, DebtArrangement, Findings, IncomeSource, Route } from '../domain/casework';
import { caseFromRow, type CaseRecord } from './cases';
import { insertReturningId, toBool, toInt, toIntOrNull, toStrOrNull, type Db } from './rows';

export interface CaseWork extends CaseRecord {
  firstAttemptDate: string | null;
  firstContactDate: string | null;
  partnerFeedback: string | null;
  simulated: boolean;
}

function caseWorkFromRow(r: Record<string, unknown>): CaseWork {
  return {
    ...caseFromRow(r),
    firstAttemptDate: toStrOrNull(r.first_attempt_date),
    firstContactDate: toStrOrNull(r.first_contact_date),
    partnerFeedback: toStrOrNull(r.partner_feedback),
    simulated: toBool(r.simulated),
  };
}

export async function getCaseWork(db: Db, id: number): Promise<CaseWork | null> {
  const row = await db('cases').where({ id }).first();
  return row ? caseWorkFromRow(row) : null;
}

/** Open cases (closed_date null) with their casework columns, by id. */
export async function openCaseWorks(db: Db): Promise<CaseWork[]> {
  return (await db('cases').whereNull('closed_date').orderBy('id')).map(caseWorkFromRow);
}

// ── status history ────────────────────────────────────────────────────────────────────────────

export async function insertStatusChange(
  db: Db,
  h: { caseId: number; from: string | null; to: string; by: string; reason: string | null },
  now: Date,
): Promise<void> {
  await db('case_status_history').insert({
    case_id: h.caseId, from_status: h.from, to_status: h.to, changed_at: now.toISOString(), changed_by: h.by, reason: h.reason,
  });
}

export interface StatusChange {
  from: string | null;
  to: string;
  changedAt: string;
  changedBy: string;
  reason: string | null;
}

export async function statusHistory(db: Db, caseId: number): Promise<StatusChange[]> {
  const rows = await db('case_status_history').where({ case_id: caseId }).orderBy('id');
  return rows.map((r) => ({
    from: toStrOrNull(r.from_status), to: String(r.to_status), changedAt: String(r.changed_at),
    changedBy: String(r.changed_by), reason: toStrOrNull(r.reason),
  }));
}

// ── contact attempts ──────────────────────────────────────────────────────────────────────────

export interface ContactAttempt {
  id: number;
  caseId: number;
  kind: string;
  reached: boolean;
  attemptDate: string;
  dayPart: string | null;
  /** Internal note: never exported or reported. */
  note: string | null;
  recordedBy: string;
}

export async function insertContactAttempt(db: Db, a: Omit<ContactAttempt, 'id'>, now: Date): Promise<number> {
  return insertReturningId(db, 'contact_attempts', {
    case_id: a.caseId, kind: a.kind, reached: a.reached, attempt_date: a.attemptDate, day_part: a.dayPart,
    note: a.note, recorded_by: a.recordedBy, created_at: now.toISOString(),
  });
}

export async function contactAttempts(db: Db, caseId: number): Promise<ContactAttempt[]> {
  const rows = await db('contact_attempts').where({ case_id: caseId }).orderBy([{ column: 'attempt_date' }, { column: 'id' }]);
  return rows.map((r) => ({
    id: toInt(r.id), caseId: toInt(r.case_id), kind: String(r.kind), reached: toBool(r.reached),
    attemptDate: String(r.attempt_date), dayPart: toStrOrNull(r.day_part), note: toStrOrNull(r.note), recordedBy: String(r.recorded_by),
  }));
}

// ── findings ──────────────────────────────────────────────────────────────────────────────────

const boolOrNull = (v: unknown) => (v === null || v === undefined ? null : toBool(v));

export interface FindingsRecord extends Findings {
  id: number;
  recordedBy: string;
  recordedAt: string;
}

/** Findings are stored as full snapshots; the newest row is the current state. */
export async function insertFindings(db: Db, caseId: number, f: Findings, by: string, now: Date): Promise<number> {
  return insertReturningId(db, 'case_findings', {
    case_id: caseId, debt_arrangement: f.debtArrangement, own_strength: f.ownStrength, own_network: f.ownNetwork,
    volunteers: f.volunteers, income_source: f.incomeSource, partner_agreed: f.partnerAgreed, recorded_by: by, recorded_at: now.toISOString(),
  });
}

export async function findingsHistory(db: Db, caseId: number): Promise<FindingsRecord[]> {
  const rows = await db('case_findings').where({ case_id: caseId }).orderBy('id');
  return rows.map((r) => ({
    id: toInt(r.id),
    debtArrangement: toStrOrNull(r.debt_arrangement) as DebtArrangement | null,
    ownStrength: boolOrNull(r.own_strength),
    ownNetwork: boolOrNull(r.own_network),
    volunteers: boolOrNull(r.volunteers),
    incomeSource: toStrOrNull(r.income_source) as IncomeSource | null,
    partnerAgreed: boolOrNull(r.partner_agreed),
    recordedBy: String(r.recorded_by),
    recordedAt: String(r.recorded_at),
  }));
}

// ── consents ──────────────────────────────────────────────────────────────────────────────────

export interface Consent {
  id: number;
  caseId: number;
  /** Personal data (who signed). */
  signedBy: string;
  recipient: ConsentRecipient;
  recipientName: string | null;
  dataCategories: string[];
  signedDate: string;
  documentRef: string;
  withdrawnDate: string | null;
  withdrawnReason: string | null;
  recordedBy: string;
}

function consentFromRow(r: Record<string, unknown>): Consent {
  return {
    id: toInt(r.id), caseId: toInt(r.case_id), signedBy: String(r.signed_by), recipient: String(r.recipient) as ConsentRecipient,
    recipientName: toStrOrNull(r.recipient_name), dataCategories: JSON.parse(String(r.data_categories)) as string[],
    signedDate: String(r.signed_date), documentRef: String(r.document_ref), withdrawnDate: toStrOrNull(r.withdrawn_date),
    withdrawnReason: toStrOrNull(r.withdrawn_reason), recordedBy: String(r.recorded_by),
  };
}

export async function insertConsent(
  db: Db,
  c: Omit<Consent, 'id' | 'withdrawnDate' | 'withdrawnReason'>,
  now: Date,
): Promise<number> {
  return insertReturningId(db, 'consents', {
    case_id: c.caseId, signed_by: c.signedBy, recipient: c.recipient, recipient_name: c.recipientName,
    data_categories: JSON.stringify([...c.dataCategories].sort()), signed_date: c.signedDate, document_ref: c.documentRef,
    recorded_by: c.recordedBy, created_at: now.toISOString(),
  });
}

export async function consentsOfCase(db: Db, caseId: number): Promise<Consent[]> {
  return (await db('consents').where({ case_id: caseId }).orderBy('id')).map(consentFromRow);
}

export async function withdrawConsent(db: Db, id: number, date: string, reason: string | null): Promise<void> {
  await db('consents').where({ id }).update({ withdrawn_date: date, withdrawn_reason: reason });
}

// ── municipal approvals ───────────────────────────────────────────────────────────────────────

export type ApprovalDecision = 'aangevraagd' | 'goedgekeurd' | 'afgewezen';

export interface Approval {
  id: number;
  caseId: number;
  subject: string;
  requestedDate: string;
  decision: ApprovalDecision;
  decidedBy: string | null;
  decidedDate: string | null;
  costCents: number | null;
}

export async function insertApproval(db: Db, a: { caseId: number; subject: string; requestedDate: string; costCents: number | null }, now: Date): Promise<number> {
  return insertReturningId(db, 'municipal_approvals', {
    case_id: a.caseId, subject: a.subject, requested_date: a.requestedDate, decision: 'aangevraagd', cost_cents: a.costCents,
    created_at: now.toISOString(),
  });
}

export async function decideApproval(
  db: Db,
  id: number,
  d: { decision: 'goedgekeurd' | 'afgewezen'; decidedBy: string; decidedDate: string; costCents: number | null },
): Promise<void> {
  await db('municipal_approvals').where({ id }).update({
    decision: d.decision, decided_by: d.decidedBy, decided_date: d.decidedDate, cost_cents: d.costCents,
  });
}

export async function approvalsOfCase(db: Db, caseId: number): Promise<Approval[]> {
  const rows = await db('municipal_approvals').where({ case_id: caseId }).orderBy('id');
  return rows.map((r) => ({
    id: toInt(r.id), caseId: toInt(r.case_id), subject: String(r.subject), requestedDate: String(r.requested_date),
    decision: String(r.decision) as ApprovalDecision, decidedBy: toStrOrNull(r.decided_by), decidedDate: toStrOrNull(r.decided_date),
    costCents: toIntOrNull(r.cost_cents),
  }));
}

// ── routes ────────────────────────────────────────────────────────────────────────────────────

export type RouteStatus = 'gestart' | 'afgerond' | 'gestopt';

export interface CaseRoute {
  id: number;
  caseId: number;
  route: Route;
  status: RouteStatus;
  startedDate: string;
  endedDate: string | null;
  consentId: number | null;
  approvalId: number | null;
  recipientName: string | null;
  recordedBy: string;
}

export async function insertRoute(db: Db, r: Omit<CaseRoute, 'id' | 'status' | 'endedDate'>, now: Date): Promise<number> {
  return insertReturningId(db, 'case_routes', {
    case_id: r.caseId, route: r.route, status: 'gestart', started_date: r.startedDate, consent_id: r.consentId,
    approval_id: r.approvalId, recipient_name: r.recipientName, recorded_by: r.recordedBy, created_at: now.toISOString(),
  });
}

export async function endRoute(db: Db, id: number, status: 'afgerond' | 'gestopt', date: string): Promise<void> {
  await db('case_routes').where({ id }).update({ status, ended_date: date });
}

export async function routesOfCase(db: Db, caseId: number): Promise<CaseRoute[]> {
  const rows = await db('case_routes').where({ case_id: caseId }).orderBy('id');
  return rows.map((r) => ({
    id: toInt(r.id), caseId: toInt(r.case_id), route: String(r.route) as Route, status: String(r.status) as RouteStatus,
    startedDate: String(r.started_date), endedDate: toStrOrNull(r.ended_date), consentId: toIntOrNull(r.consent_id),
    approvalId: toIntOrNull(r.approval_id), recipientName: toStrOrNull(r.recipient_name), recordedBy: String(r.recorded_by),
  }));
}

// ── zorgmeldingen ─────────────────────────────────────────────────────────────────────────────

export interface Zorgmelding {
  id: number;
  caseId: number;
  madeAt: string;
  madeDate: string;
  madeBy: string;
  rule: string | null;
  facts: Record<string, unknown>;
  informDueDate: string;
  tenantInformedDate: string | null;
  informedBy: string | null;
}

function zorgmeldingFromRow(r: Record<string, unknown>): Zorgmelding {
  return {
    id: toInt(r.id), caseId: toInt(r.case_id), madeAt: String(r.made_at), madeDate: String(r.made_date), madeBy: String(r.made_by),
    rule: toStrOrNull(r.rule), facts: JSON.parse(String(r.facts_json)) as Record<string, unknown>, informDueDate: String(r.inform_due_date),
    tenantInformedDate: toStrOrNull(r.tenant_informed_date), informedBy: toStrOrNull(r.informed_by),
  };
}

export async function insertZorgmelding(
  db: Db,
  z: Omit<Zorgmelding, 'id' | 'madeAt' | 'tenantInformedDate' | 'informedBy'>,
  now: Date,
): Promise<number> {
  return insertReturningId(db, 'zorgmeldingen', {
    case_id: z.caseId, made_at: now.toISOString(), made_date: z.madeDate, made_by: z.madeBy, rule: z.rule,
    facts_json: JSON.stringify(z.facts), inform_due_date: z.informDueDate, created_at: now.toISOString(),
  });
}

export async function markTenantInformed(db: Db, id: number, date: string, by: string): Promise<void> {
  await db('zorgmeldingen').where({ id }).update({ tenant_informed_date: date, informed_by: by });
}

export async function zorgmeldingenOfCase(db: Db, caseId: number): Promise<Zorgmelding[]> {
  return (await db('zorgmeldingen').where({ case_id: caseId }).orderBy('id')).map(zorgmeldingFromRow);
}

/** Zorgmeldingen whose tenant has not been informed yet (all cases), oldest due first. */
export async function uninformedZorgmeldingen(db: Db): Promise<Zorgmelding[]> {
  return (await db('zorgmeldingen').whereNull('tenant_informed_date').orderBy([{ column: 'inform_due_date' }, { column: 'id' }])).map(zorgmeldingFromRow);
}

// ── the case's logs ───────────────────────────────────────────────────────────────────────────

export interface AuditRow {
  id: number;
  occurredAt: string;
  actor: string;
  role: string;
  action: string;
  entity: string;
  entityId: string | null;
  old: unknown;
  new: unknown;
  reason: string | null;
}

export async function auditOfCase(db: Db, caseId: number): Promise<AuditRow[]> {
  const rows = await db('audit_log').where({ case_id: caseId }).orderBy('id');
  return rows.map((r) => ({
    id: toInt(r.id), occurredAt: String(r.occurred_at), actor: String(r.actor), role: String(r.role), action: String(r.action),
    entity: String(r.entity), entityId: toStrOrNull(r.entity_id),
    old: r.old_json === null || r.old_json === undefined ? null : JSON.parse(String(r.old_json)),
    new: r.new_json === null || r.new_json === undefined ? null : JSON.parse(String(r.new_json)),
    reason: toStrOrNull(r.reason),
  }));
}

export interface SharingRow {
  id: number;
  occurredAt: string;
  businessDate: string | null;
  direction: string;
  counterparty: string;
  category: string;
  recordCount: number;
  legalBasis: string | null;
  consentId: number | null;
}

export async function sharingOfCase(db: Db, caseId: number): Promise<SharingRow[]> {
  const rows = await db('data_sharing_log').where({ case_id: caseId }).orderBy('id');
  return rows.map((r) => ({
    id: toInt(r.id), occurredAt: String(r.occurred_at), businessDate: toStrOrNull(r.business_date), direction: String(r.direction),
    counterparty: String(r.counterparty), category: String(r.category), recordCount: toInt(r.record_count),
    legalBasis: toStrOrNull(r.legal_basis), consentId: toIntOrNull(r.consent_id),
  }));
}

/** The signals of a case with partner name (personal data: the partner's reference). */
export async function signalsOfCase(db: Db, caseId: number): Promise<Array<Record<string, unknown>>> {
  return db('signals')
    .join('partners', 'partners.id', 'signals.partner_id')
    .where('signals.case_id', caseId)
    .select(
      'signals.id', 'signals.business_date', 'signals.signal_date', 'signals.partner_reference', 'signals.arrears_cents',
      'signals.monthly_rent_cents', 'signals.minor_children', 'signals.eviction_threatened', 'signals.eviction_date',
      'signals.crisis', 'partners.name as partner_name', 'partners.code as partner_code',
    )
    .orderBy('signals.id');
}

/** Takes a closed case out of its work queue. */
export async function leaveQueue(db: Db, caseId: number, reason: string, now: Date): Promise<void> {
  await db('queue_entries').where({ case_id: caseId }).whereNull('left_at').update({ left_at: now.toISOString(), left_reason: reason });
}

/** How often each route was started (all cases). */
export async function routeCounts(db: Db): Promise<Array<{ route: Route; count: number }>> {
  const rows = (await db('case_routes').select('route').count({ n: '*' }).groupBy('route').orderBy('route')) as Array<Record<string, unknown>>;
  return rows.map((r) => ({ route: String(r.route) as Route, count: toInt(r.n) }));
}
