/**
 * Loads the snapshot for a monthly report: everything the model needs for the report month and the
 * trend months before it, for one municipality, without personal data (no names, addresses, birth
 * dates or partner references leave this module).
 *
 * Municipality scope: signals carry the CBS code the partner delivered. A signal without a code
 * belongs to the municipality this installation serves (`homeGemeente`). A case belongs to the
 * municipality of its signals. Log rows without a case (e.g. receipts per partner) belong to the
 * installation and are counted in the report of its own municipality.
 */
import type { Knex } from 'knex';
import { addMonths, amsterdamInstant, firstOfMonth, lastOfMonth } from '../domain/dates';
import { findGemeente } from '../domain/gemeenten';
import type { ReportSnapshot, RetentionPolicy, SnapshotRetention } from '../domain/reports/snapshot';
import { selectWhereIn, toBool, toInt, toIntOrNull, toStrOrNull, type Db } from './rows';

/** Audit actions that record a read of personal data (`quarantaine.bekeken`, `zaak.ingezien`, …). */
export const VIEW_ACTION_SUFFIXES = ['bekeken', 'ingezien', 'inzage'];

export interface ReportScope {
  month: string;
  gemeenteCode: string;
  /** The installation's own municipality (VS_GEMEENTE): signals without a code count for it. */
  homeGemeente: string;
  /** Months in the trend series, the report month included (default 12). */
  seriesMonths?: number;
  retention: RetentionPolicy;
}

type Row = Record<string, unknown>;

/** One formatter for all rows (creating an Intl formatter per row is slow on large months). */
const AMSTERDAM_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });
const dayOf = (iso: unknown): string => AMSTERDAM_DAY.format(new Date(String(iso)));

export async function loadReportSnapshot(db: Db, scope: ReportScope): Promise<ReportSnapshot> {
  const seriesMonths = scope.seriesMonths ?? 12;
  const seriesFrom = addMonths(firstOfMonth(scope.month), -(seriesMonths - 1)).slice(0, 7);
  const from = firstOfMonth(seriesFrom);
  const to = lastOfMonth(scope.month);
  const home = scope.gemeenteCode === scope.homeGemeente;

  const inGemeente = (q: Knex.QueryBuilder, col: string) =>
    q.where((w) => {
      w.where(col, scope.gemeenteCode);
      if (home) w.orWhereNull(col);
    });

  const partners = (await db('partners').select('id', 'code', 'name', 'type').orderBy('id')).map((r: Row) => ({
    id: toInt(r.id), code: String(r.code), name: String(r.name), type: String(r.type),
  }));

  const resolved = new Set(
    (await db('quarantine').whereNotNull('resolved_signal_id').select('resolved_signal_id')).map((r: Row) => toInt(r.resolved_signal_id)),
  );
  const signalRows: Row[] = await inGemeente(
    db('signals')
      .select('id', 'partner_id', 'case_id', 'business_date', 'status', 'not_picked_up_reason', 'is_repeat', 'arrears_cents')
      .whereBetween('business_date', [from, to]),
    'gemeente_code',
  ).orderBy('id');
  const signals = signalRows.map((r) => ({
    id: toInt(r.id),
    partnerId: toInt(r.partner_id),
    caseId: toIntOrNull(r.case_id),
    businessDate: String(r.business_date),
    status: String(r.status),
    notPickedUpReason: toStrOrNull(r.not_picked_up_reason),
    isRepeat: toBool(r.is_repeat),
    arrearsCents: toInt(r.arrears_cents),
    fromQuarantine: resolved.has(toInt(r.id)),
  }));

  const quarantine = (
    await db('quarantine').select('id', 'business_date', 'raw_json', 'status').whereBetween('business_date', [from, to]).orderBy('id')
  )
    .map((r: Row) => {
      let raw: Record<string, unknown> = {};
      try {
        raw = JSON.parse(String(r.raw_json)) as Record<string, unknown>;
      } catch {
        // An unreadable raw row is still a received, quarantined row.
      }
      const code = typeof raw.gemeenteCode === 'string' ? raw.gemeenteCode.trim().padStart(4, '0') : '';
      const partnerCode = typeof raw.partnerCode === 'string' && raw.partnerCode.trim() ? raw.partnerCode.trim() : null;
      return { id: toInt(r.id), businessDate: String(r.business_date), partnerCode, status: String(r.status), code };
    })
    .filter((q) => q.code === scope.gemeenteCode || (home && !/^\d{4}$/.test(q.code)))
    .map(({ code: _code, ...q }) => q);

  // Cases of the municipality that matter for the window: opened by its end, not closed before it.
  const caseRows: Row[] = await db('cases as c')
    .select('c.id', 'c.opened_date', 'c.closed_date', 'c.final_result', 'c.eviction_threatened', 'c.zorgmelding_required', 'c.first_attempt_date', 'c.first_contact_date')
    .where('c.opened_date', '<=', to)
    .where((w) => w.whereNull('c.closed_date').orWhere('c.closed_date', '>=', from))
    .whereExists(function (this: Knex.QueryBuilder) {
      this.select(db.raw('1')).from('signals as s').whereRaw('s.case_id = c.id');
      inGemeente(this, 's.gemeente_code');
    })
    .orderBy('c.id');
  const cases = caseRows.map((r) => ({
    id: toInt(r.id),
    openedDate: String(r.opened_date),
    closedDate: toStrOrNull(r.closed_date),
    finalResult: toStrOrNull(r.final_result),
    evictionThreatened: toBool(r.eviction_threatened),
    zorgmeldingRequired: toBool(r.zorgmelding_required),
    firstAttemptDate: toStrOrNull(r.first_attempt_date),
    firstContactDate: toStrOrNull(r.first_contact_date),
  }));
  const caseIds = cases.map((c) => c.id);
  const caseSet = new Set(caseIds);
  const byCases = (table: string, columns: string[], order = 'id') =>
    selectWhereIn<Row>(caseIds, (part) => db(table).select(columns).whereIn('case_id', part).orderBy(order)).then((rows) =>
      rows.sort((a, b) => toInt(a[order]) - toInt(b[order])),
    );

  const queueEntries = (await byCases('queue_entries', ['id', 'case_id', 'queue', 'deadline', 'term_workdays', 'business_date'])).map((r) => ({
    caseId: toInt(r.case_id), queue: String(r.queue), deadline: String(r.deadline), termWorkdays: toInt(r.term_workdays), businessDate: String(r.business_date),
  }));
  const contactAttempts = (await byCases('contact_attempts', ['id', 'case_id', 'kind', 'reached', 'attempt_date']))
    .filter((r) => String(r.attempt_date) <= to)
    .map((r) => ({ caseId: toInt(r.case_id), kind: String(r.kind), reached: toBool(r.reached), attemptDate: String(r.attempt_date) }));
  const routes = (await byCases('case_routes', ['id', 'case_id', 'route', 'status', 'started_date', 'ended_date', 'consent_id', 'approval_id'])).map((r) => ({
    id: toInt(r.id), caseId: toInt(r.case_id), route: String(r.route), status: String(r.status), startedDate: String(r.started_date),
    endedDate: toStrOrNull(r.ended_date), consentId: toIntOrNull(r.consent_id), approvalId: toIntOrNull(r.approval_id),
  }));
  const consents = (await byCases('consents', ['id', 'case_id', 'recipient', 'data_categories', 'signed_date', 'withdrawn_date'])).map((r) => ({
    id: toInt(r.id), caseId: toInt(r.case_id), recipient: String(r.recipient), categories: parseList(r.data_categories),
    signedDate: String(r.signed_date), withdrawnDate: toStrOrNull(r.withdrawn_date),
  }));
  const approvals = (await byCases('municipal_approvals', ['id', 'case_id', 'subject', 'requested_date', 'decision', 'decided_date', 'cost_cents'])).map((r) => ({
    id: toInt(r.id), caseId: toInt(r.case_id), subject: String(r.subject), requestedDate: String(r.requested_date), decision: String(r.decision),
    decidedDate: toStrOrNull(r.decided_date), costCents: toIntOrNull(r.cost_cents),
  }));
  const zorgmeldingen = (await byCases('zorgmeldingen', ['id', 'case_id', 'made_date', 'inform_due_date', 'tenant_informed_date'])).map((r) => ({
    id: toInt(r.id), caseId: toInt(r.case_id), madeDate: String(r.made_date), informDueDate: String(r.inform_due_date), tenantInformedDate: toStrOrNull(r.tenant_informed_date),
  }));

  // Logs: Amsterdam month boundaries as UTC instants for timestamp columns.
  const startInstant = amsterdamInstant(from).toISOString();
  const endInstant = amsterdamInstant(addMonths(firstOfMonth(scope.month), 1)).toISOString();
  const sharingRows: Row[] = await db('data_sharing_log')
    .select('id', 'occurred_at', 'business_date', 'direction', 'counterparty', 'partner_id', 'category', 'record_count', 'legal_basis', 'consent_id', 'case_id')
    .where((w) => w.whereBetween('business_date', [from, to]).orWhere((o) => o.whereNull('business_date').where('occurred_at', '>=', startInstant).where('occurred_at', '<', endInstant)))
    .orderBy('id');
  const inScope = (caseId: unknown) =>
    caseId === null || caseId === undefined ? home : caseSet.has(toInt(caseId));
  const sharing = sharingRows
    .filter((r) => inScope(r.case_id))
    .map((r) => ({
      id: toInt(r.id),
      date: r.business_date ? String(r.business_date) : dayOf(r.occurred_at),
      direction: String(r.direction),
      counterparty: String(r.counterparty),
      partnerId: toIntOrNull(r.partner_id),
      category: String(r.category),
      recordCount: toInt(r.record_count),
      legalBasis: toStrOrNull(r.legal_basis),
      consentId: toIntOrNull(r.consent_id),
      caseId: toIntOrNull(r.case_id),
    }));

  // Reads of personal data in the report month (only the month: the trend does not need them).
  const monthStart = amsterdamInstant(firstOfMonth(scope.month)).toISOString();
  const viewRows: Row[] = await db('audit_log')
    .select('id', 'occurred_at', 'role', 'action', 'actor', 'case_id')
    .where('occurred_at', '>=', monthStart)
    .where('occurred_at', '<', endInstant)
    .where((w) => {
      for (const suffix of VIEW_ACTION_SUFFIXES) w.orWhere('action', 'like', `%${suffix}`);
    })
    .orderBy('id');
  const views = viewRows
    .filter((r) => inScope(r.case_id))
    .map((r) => ({ date: dayOf(r.occurred_at), role: String(r.role), action: String(r.action), actor: String(r.actor) }));

  return {
    gemeente: { code: scope.gemeenteCode, name: findGemeente(scope.gemeenteCode)?.name ?? `gemeente ${scope.gemeenteCode}` },
    month: scope.month,
    seriesFrom,
    partners,
    signals,
    quarantine,
    cases,
    queueEntries,
    contactAttempts,
    routes,
    consents,
    approvals,
    zorgmeldingen,
    sharing,
    views,
    retention: await loadRetention(db, scope, home, to),
    retentionPolicy: scope.retention,
  };
}

/** Per household of the municipality: what decides how long its data may be kept (aggregated in SQL). */
async function loadRetention(db: Db, scope: ReportScope, home: boolean, to: string): Promise<SnapshotRetention[]> {
  const sig: Row[] = await db('signals as s')
    .join('households as h', 'h.id', 's.household_id')
    .select('h.id', 'h.anonymised_at')
    .max({ last_np: db.raw("case when s.case_id is null then s.business_date end") })
    .where('s.business_date', '<=', to)
    .where((w) => {
      w.where('s.gemeente_code', scope.gemeenteCode);
      if (home) w.orWhereNull('s.gemeente_code');
    })
    .groupBy('h.id', 'h.anonymised_at')
    .orderBy('h.id');
  const ids = sig.map((r) => toInt(r.id));
  const caseRows = await selectWhereIn<Row>(ids, (part) =>
    db('cases').select('id', 'household_id', 'opened_date', 'closed_date').whereIn('household_id', part).where('opened_date', '<=', to),
  );
  const byHousehold = new Map<number, Row[]>();
  for (const c of caseRows) {
    const h = toInt(c.household_id);
    const list = byHousehold.get(h) ?? [];
    list.push(c);
    byHousehold.set(h, list);
  }
  return sig.map((r) => {
    const hid = toInt(r.id);
    const cs = byHousehold.get(hid) ?? [];
    const closed = cs.filter((c) => c.closed_date !== null && c.closed_date !== undefined && String(c.closed_date) <= to);
    return {
      householdId: hid,
      anonymisedDate: r.anonymised_at ? dayOf(r.anonymised_at) : null,
      lastNotPickedUpDate: toStrOrNull(r.last_np),
      lastClosedDate: closed.length ? closed.map((c) => String(c.closed_date)).sort().pop()! : null,
      closedCaseIds: closed.map((c) => toInt(c.id)).sort((a, b) => a - b),
      openCases: cs.length - closed.length,
    };
  });
}

function parseList(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  try {
    const parsed = JSON.parse(String(v)) as unknown;
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}
