/**
 * The monthly report for the municipality, computed from a snapshot (pure: no database, no files,
 * no clock). Two parts, as the agreement asks: outcomes of the early-help work, and the account of
 * the exchange of personal data (verantwoording gegevensuitwisseling) with a compliance section.
 *
 * Conventions, stated once so the numbers can be checked:
 * - A month is its calendar days in Europe/Amsterdam (`business_date` / date columns).
 * - Nothing that happened after the last day of the month counts, so a report made later for the
 *   same month gives the same numbers.
 * - Times to first attempt/contact are working days from the opening date of the case, for cases
 *   whose first attempt/contact fell in the month.
 * - Deadline compliance covers cases whose deadline fell in the month; the deadline is the strictest
 *   (earliest) one the case got in its queue entries, met when first contact was on or before it.
 * - No personal data: cases appear only as `VS-000123`.
 */
import { DATA_CATEGORIES } from '../dataCategories';
import { NOT_PICKED_UP_LABELS } from '../rules/events';
import { addMonths, daysBetween, firstOfMonth, formatDateNl, lastOfMonth } from '../dates';
import { isWorkingDay, workingDaysBetween } from '../workdays';
import { median, pct, percentile } from './stats';
import type { ReportSnapshot, SnapshotCase, SnapshotConsent, SnapshotQueueEntry } from './snapshot';

/** Same format as `caseReference` in src/db/cases.ts (kept here so the domain stays pure). */
export function caseRef(id: number): string {
  return `VS-${String(id).padStart(6, '0')}`;
}

export const ROUTE_LABELS: Record<string, string> = {
  schuldregeling: 'Schuldregeling',
  'eigen-kracht': 'Eigen kracht',
  'eigen-netwerk': 'Eigen netwerk',
  vrijwilliger: 'Vrijwilligers (bijv. Humanitas)',
  inhouding: 'Inhouding op uitkering',
  budgetbeheer: 'Budgetbeheer (Plangroep)',
};
export const ROUTES = Object.keys(ROUTE_LABELS);

/** Routes that hand data to someone else and so need the resident's written consent (Bijlage 3, 4–6). */
export const ROUTE_CONSENT: Record<string, string> = {
  'eigen-netwerk': 'netwerk',
  vrijwilliger: 'vrijwilliger',
  inhouding: 'gemeente-inhouding',
  budgetbeheer: 'plangroep',
};

export const CONSENT_RECIPIENT_LABELS: Record<string, string> = {
  netwerk: 'Eigen netwerk',
  vrijwilliger: 'Vrijwilligers',
  'gemeente-inhouding': 'Gemeente (inhouding op uitkering)',
  plangroep: 'Plangroep (budgetbeheer)',
};

const COUNTERPARTY_LABELS: Record<string, string> = {
  netwerk: 'Eigen netwerk',
  vrijwilliger: 'Vrijwilligers',
  'gemeente-inhouding': 'Gemeente (inhouding op uitkering)',
  plangroep: 'Plangroep (budgetbeheer)',
  'gemeente-zorgmelding': 'Gemeente (zorgmelding)',
  gemeente: 'Gemeente',
  cbs: 'CBS',
};

/** `vrijwilliger:Humanitas` → `Vrijwilligers (Humanitas)`; unknown names are shown as logged. */
export function counterpartyLabel(c: string): string {
  const [key, ...rest] = c.split(':');
  const base = COUNTERPARTY_LABELS[key.toLowerCase()];
  if (!base) return c;
  return rest.length ? `${base} (${rest.join(':')})` : base;
}

export const CATEGORY_LABELS: Record<string, string> = DATA_CATEGORIES;
const CATEGORY_ORDER = Object.keys(CATEGORY_LABELS);

export const BACKLOG_BUCKETS: Array<{ label: string; maxDays: number }> = [
  { label: 'tot 2 weken', maxDays: 14 },
  { label: '2 tot 4 weken', maxDays: 28 },
  { label: '4 tot 8 weken', maxDays: 56 },
  { label: '8 tot 13 weken', maxDays: 91 },
  { label: '13 weken of langer', maxDays: Number.POSITIVE_INFINITY },
];

export type Unit = 'aantal' | 'procent' | 'werkdagen' | 'euro';

export interface Comparison {
  key: string;
  label: string;
  unit: Unit;
  current: number | null;
  previous: number | null;
  difference: number | null;
}

export interface SignalCounts {
  received: number;
  quarantined: number;
  accepted: number;
  acceptedAfterCorrection: number;
  pickedUp: number;
  notPickedUp: number;
  repeats: number;
  newCases: number;
}

export interface PartnerRow {
  code: string;
  name: string;
  type: string;
  received: number;
  quarantined: number;
  accepted: number;
  pickedUp: number;
  notPickedUp: number;
}

export interface DeadlineRow {
  group: 'spoed' | 'regulier';
  label: string;
  due: number;
  met: number;
  late: number;
  openOverdue: number;
  pctMet: number | null;
}

export interface MonthFigures {
  month: string;
  signals: SignalCounts;
  contactAttempts: number;
  reached: number;
  reachRate: number | null;
  deadlineDue: number;
  deadlineMet: number;
  deadlinePct: number | null;
  medianDaysToContact: number | null;
  closed: number;
  zorgmeldingen: number;
  openBacklog: number;
}

export interface Violation {
  kind: 'zonder-toestemming' | 'zonder-goedkeuring' | 'huurder-niet-geinformeerd' | 'bewaartermijn';
  reference: string;
  date: string;
  detail: string;
}

export interface MonthlyReport {
  gemeente: { code: string; name: string };
  month: string;
  period: { from: string; to: string };
  previousMonth: string;
  current: MonthFigures;
  previous: MonthFigures;
  comparison: Comparison[];
  series: MonthFigures[];
  outcomes: {
    signals: SignalCounts;
    perPartner: PartnerRow[];
    perPartnerType: Array<Omit<PartnerRow, 'code' | 'name'>>;
    notPickedUp: Array<{ reason: string; label: string; count: number }>;
    contactAttempts: {
      total: number;
      reached: number;
      reachRate: number | null;
      casesAttempted: number;
      casesReached: number;
      byKind: Array<{ kind: string; attempts: number; reached: number; reachRate: number | null }>;
    };
    timing: {
      firstAttempt: { cases: number; medianDays: number | null; p90Days: number | null };
      firstContact: { cases: number; medianDays: number | null; p90Days: number | null };
    };
    deadlines: DeadlineRow[];
    routes: Array<{ route: string; label: string; started: number; completed: number; stopped: number; activeAtEnd: number }>;
    consents: {
      signed: number;
      withdrawn: number;
      byRecipient: Array<{ recipient: string; label: string; signed: number; withdrawn: number }>;
    };
    budgetManagement: { requested: number; approved: number; rejected: number; pendingAtEnd: number; approvedCostCents: number };
    zorgmeldingen: {
      made: number;
      informedOnTime: number;
      informedLate: number;
      notInformedOverdue: number;
      notInformedWithinTerm: number;
      medianDaysToInform: number | null;
    };
    closed: { total: number; byResult: Array<{ result: string; count: number }> };
    backlog: {
      total: number;
      byAge: Array<{ label: string; count: number }>;
      byQueue: Array<{ queue: string; count: number }>;
    };
    arrearsByQueue: Array<{ queue: string; cases: number; totalCents: number; medianCents: number | null }>;
  };
  dataSharing: {
    received: Array<{ category: string; categoryLabel: string; partner: string; partnerType: string; records: number }>;
    receivedByCategory: Array<{ category: string; categoryLabel: string; records: number }>;
    passedOn: Array<{
      date: string;
      direction: string;
      counterparty: string;
      category: string;
      categoryLabel: string;
      records: number;
      basis: string;
      caseRef: string | null;
    }>;
    passedOnSummary: Array<{ counterparty: string; direction: string; category: string; categoryLabel: string; records: number; basis: string }>;
    views: Array<{ role: string; action: string; views: number; actors: number }>;
    viewsByRole: Array<{ role: string; views: number; actors: number }>;
    removed: Array<{ category: string; categoryLabel: string; records: number }>;
    removedTotal: number;
  };
  compliance: {
    checks: Array<{ kind: Violation['kind']; label: string; count: number }>;
    violations: Violation[];
    total: number;
  };
}

const inRange = (d: string | null | undefined, from: string, to: string): d is string =>
  d !== null && d !== undefined && d >= from && d <= to;

const byKey = <T>(rows: T[], key: (r: T) => string): T[] => rows.sort((a, b) => key(a).localeCompare(key(b)));

function countBy<T>(items: T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return m;
}

/**
 * Working days between two dates via a precomputed ordinal per calendar day (the same result as
 * `workingDaysBetween`, without walking the calendar for every case: reports cover tens of thousands).
 */
class WorkdayCounter {
  private readonly ordinal = new Map<string, number>();
  constructor(from: string, to: string) {
    let n = 0;
    for (let d = from; d <= to; d = addDaysFast(d)) {
      if (isWorkingDay(d)) n += 1;
      this.ordinal.set(d, n);
    }
  }
  between(a: string, b: string): number {
    const x = this.ordinal.get(a);
    const y = this.ordinal.get(b);
    return x === undefined || y === undefined ? workingDaysBetween(a, b) : y - x;
  }
}

function addDaysFast(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Indexes of the snapshot used by every month's computation. */
class Index {
  readonly entriesByCase = new Map<number, SnapshotQueueEntry[]>();
  readonly casesById = new Map<number, SnapshotCase>();
  readonly consentsById = new Map<number, SnapshotConsent>();
  readonly firstAttempt = new Map<number, string>();
  readonly firstContact = new Map<number, string>();
  readonly workdays: WorkdayCounter;

  constructor(readonly s: ReportSnapshot) {
    const earliest = s.cases.reduce((min, c) => (c.openedDate < min ? c.openedDate : min), firstOfMonth(s.seriesFrom));
    this.workdays = new WorkdayCounter(earliest, addMonths(lastOfMonth(s.month), 1));
    for (const c of s.cases) {
      this.casesById.set(c.id, c);
      if (c.firstAttemptDate) this.firstAttempt.set(c.id, c.firstAttemptDate);
      if (c.firstContactDate) this.firstContact.set(c.id, c.firstContactDate);
    }
    for (const e of s.queueEntries) {
      const list = this.entriesByCase.get(e.caseId) ?? [];
      list.push(e);
      this.entriesByCase.set(e.caseId, list);
    }
    for (const a of s.contactAttempts) {
      const fa = this.firstAttempt.get(a.caseId);
      if (!fa || a.attemptDate < fa) this.firstAttempt.set(a.caseId, a.attemptDate);
      if (a.reached) {
        const fc = this.firstContact.get(a.caseId);
        if (!fc || a.attemptDate < fc) this.firstContact.set(a.caseId, a.attemptDate);
      }
    }
    for (const c of s.consents) this.consentsById.set(c.id, c);
  }

  /** First contact as known at the end of `to` (later contact does not count yet). */
  contactBy(caseId: number, to: string): string | null {
    const d = this.firstContact.get(caseId);
    return d && d <= to ? d : null;
  }

  /** The strictest deadline the case had, from queue entries made up to `to`. */
  governingEntry(caseId: number, to: string): SnapshotQueueEntry | null {
    let best: SnapshotQueueEntry | null = null;
    for (const e of this.entriesByCase.get(caseId) ?? []) {
      if (e.businessDate > to) continue;
      if (!best || e.deadline < best.deadline) best = e;
    }
    return best;
  }

  /** The queue the case was in at the end of `to` (its latest entry). */
  queueAt(caseId: number, to: string): string | null {
    let last: SnapshotQueueEntry | null = null;
    for (const e of this.entriesByCase.get(caseId) ?? []) if (e.businessDate <= to) last = e;
    return last?.queue ?? null;
  }

  firstQueue(caseId: number): string | null {
    return this.entriesByCase.get(caseId)?.[0]?.queue ?? null;
  }

  isOpenAt(c: SnapshotCase, to: string): boolean {
    return c.openedDate <= to && (c.closedDate === null || c.closedDate > to);
  }
}

function signalCounts(s: ReportSnapshot, from: string, to: string): SignalCounts {
  const sigs = s.signals.filter((x) => inRange(x.businessDate, from, to));
  const quarantined = s.quarantine.filter((q) => inRange(q.businessDate, from, to)).length;
  const afterCorrection = sigs.filter((x) => x.fromQuarantine).length;
  const pickedUp = sigs.filter((x) => x.status === 'opgepakt').length;
  return {
    // Received: what arrived this month. A row corrected out of quarantine was already received
    // (and counted) when it was quarantined.
    received: sigs.length - afterCorrection + quarantined,
    quarantined,
    accepted: sigs.length,
    acceptedAfterCorrection: afterCorrection,
    pickedUp,
    notPickedUp: sigs.length - pickedUp,
    repeats: sigs.filter((x) => x.isRepeat).length,
    newCases: s.cases.filter((c) => inRange(c.openedDate, from, to)).length,
  };
}

function deadlineRows(ix: Index, from: string, to: string): DeadlineRow[] {
  const rows: Record<'spoed' | 'regulier', DeadlineRow> = {
    spoed: { group: 'spoed', label: 'Dreigende ontruiming (3 werkdagen)', due: 0, met: 0, late: 0, openOverdue: 0, pctMet: null },
    regulier: { group: 'regulier', label: 'Overige zaken (standaardtermijn)', due: 0, met: 0, late: 0, openOverdue: 0, pctMet: null },
  };
  const terms: Record<'spoed' | 'regulier', Set<number>> = { spoed: new Set(), regulier: new Set() };
  for (const c of ix.s.cases) {
    const e = ix.governingEntry(c.id, to);
    if (!e || !inRange(e.deadline, from, to)) continue;
    const group = c.evictionThreatened || e.termWorkdays <= 3 ? 'spoed' : 'regulier';
    terms[group].add(e.termWorkdays);
    const r = rows[group];
    r.due += 1;
    const contact = ix.contactBy(c.id, to);
    if (contact !== null && contact <= e.deadline) r.met += 1;
    else if (contact !== null) r.late += 1;
    else r.openOverdue += 1;
  }
  for (const g of ['spoed', 'regulier'] as const) {
    rows[g].pctMet = pct(rows[g].met, rows[g].due);
    if (g === 'regulier' && terms[g].size > 0) {
      rows[g].label = `Overige zaken (${[...terms[g]].sort((a, b) => a - b).join('/')} werkdagen)`;
    }
  }
  return [rows.spoed, rows.regulier];
}

function monthFigures(ix: Index, month: string): MonthFigures {
  const s = ix.s;
  const from = firstOfMonth(month);
  const to = lastOfMonth(month);
  const attempts = s.contactAttempts.filter((a) => inRange(a.attemptDate, from, to));
  const reached = attempts.filter((a) => a.reached).length;
  const dl = deadlineRows(ix, from, to);
  const due = dl[0].due + dl[1].due;
  const met = dl[0].met + dl[1].met;
  const contactDays: number[] = [];
  for (const c of s.cases) {
    const fc = ix.firstContact.get(c.id);
    if (inRange(fc, from, to)) contactDays.push(ix.workdays.between(c.openedDate, fc));
  }
  return {
    month,
    signals: signalCounts(s, from, to),
    contactAttempts: attempts.length,
    reached,
    reachRate: pct(reached, attempts.length),
    deadlineDue: due,
    deadlineMet: met,
    deadlinePct: pct(met, due),
    medianDaysToContact: median(contactDays),
    closed: s.cases.filter((c) => inRange(c.closedDate, from, to)).length,
    zorgmeldingen: s.zorgmeldingen.filter((z) => inRange(z.madeDate, from, to)).length,
    openBacklog: s.cases.filter((c) => ix.isOpenAt(c, to)).length,
  };
}

function comparison(cur: MonthFigures, prev: MonthFigures): Comparison[] {
  const row = (key: string, label: string, unit: Unit, f: (m: MonthFigures) => number | null): Comparison => {
    const a = f(cur);
    const b = f(prev);
    return { key, label, unit, current: a, previous: b, difference: a === null || b === null ? null : Math.round((a - b) * 10) / 10 };
  };
  return [
    row('received', 'Meldingen ontvangen', 'aantal', (m) => m.signals.received),
    row('accepted', 'Meldingen geaccepteerd', 'aantal', (m) => m.signals.accepted),
    row('quarantined', 'Meldingen in quarantaine', 'aantal', (m) => m.signals.quarantined),
    row('pickedUp', 'Meldingen opgepakt', 'aantal', (m) => m.signals.pickedUp),
    row('newCases', 'Nieuwe zaken', 'aantal', (m) => m.signals.newCases),
    row('attempts', 'Contactpogingen', 'aantal', (m) => m.contactAttempts),
    row('reachRate', 'Bereikt per contactpoging', 'procent', (m) => m.reachRate),
    row('deadlinePct', 'Eerste contact binnen termijn', 'procent', (m) => m.deadlinePct),
    row('medianContact', 'Mediaan werkdagen tot eerste contact', 'werkdagen', (m) => m.medianDaysToContact),
    row('zorgmeldingen', 'Zorgmeldingen', 'aantal', (m) => m.zorgmeldingen),
    row('closed', 'Zaken afgesloten', 'aantal', (m) => m.closed),
    row('backlog', 'Open zaken einde maand', 'aantal', (m) => m.openBacklog),
  ];
}

/** Describes why a passing-on is allowed, and whether it is (null = allowed). */
function sharingBasis(
  ix: Index,
  e: ReportSnapshot['sharing'][number],
): { basis: string; problem: string | null } {
  const needsConsent = Object.values(ROUTE_CONSENT).some((r) => e.counterparty.toLowerCase().startsWith(r));
  if (e.consentId !== null) {
    const c = ix.consentsById.get(e.consentId);
    const basis = `toestemming nr. ${e.consentId}`;
    if (!c) return { basis, problem: `toestemming nr. ${e.consentId} bestaat niet` };
    if (c.signedDate > e.date) return { basis, problem: `toestemming pas getekend op ${formatDateNl(c.signedDate)}` };
    if (c.withdrawnDate !== null && c.withdrawnDate <= e.date) return { basis, problem: `toestemming ingetrokken op ${formatDateNl(c.withdrawnDate)}` };
    if (!c.categories.includes(e.category)) return { basis, problem: `toestemming dekt categorie "${CATEGORY_LABELS[e.category] ?? e.category}" niet` };
    return { basis, problem: null };
  }
  if (needsConsent) return { basis: e.legalBasis ?? '—', problem: 'doorgegeven zonder schriftelijke toestemming' };
  if (e.legalBasis && e.legalBasis.trim() !== '') return { basis: e.legalBasis, problem: null };
  return { basis: '—', problem: 'geen toestemming en geen wettelijke grondslag vastgelegd' };
}

function complianceOf(ix: Index, from: string, to: string): MonthlyReport['compliance'] {
  const s = ix.s;
  const violations: Violation[] = [];
  const ref = (id: number | null) => (id === null ? '(geen zaak)' : caseRef(id));

  // 1. Passing on personal data without (valid) consent or legal basis.
  for (const e of s.sharing) {
    if (e.direction !== 'doorgegeven' || !inRange(e.date, from, to)) continue;
    const b = sharingBasis(ix, e);
    if (b.problem) {
      violations.push({ kind: 'zonder-toestemming', reference: ref(e.caseId), date: e.date, detail: `${counterpartyLabel(e.counterparty)}, ${CATEGORY_LABELS[e.category] ?? e.category}: ${b.problem}` });
    }
  }
  // 1b. Referrals started without the written consent that covers them.
  for (const r of s.routes) {
    if (!inRange(r.startedDate, from, to)) continue;
    const recipient = ROUTE_CONSENT[r.route];
    if (!recipient) continue;
    const c = r.consentId === null ? undefined : ix.consentsById.get(r.consentId);
    let problem: string | null = null;
    if (!c) problem = 'geen schriftelijke toestemming vastgelegd';
    else if (c.recipient !== recipient) problem = `toestemming is voor "${CONSENT_RECIPIENT_LABELS[c.recipient] ?? c.recipient}"`;
    else if (c.signedDate > r.startedDate) problem = `toestemming pas getekend op ${formatDateNl(c.signedDate)}`;
    else if (c.withdrawnDate !== null && c.withdrawnDate <= r.startedDate) problem = `toestemming ingetrokken op ${formatDateNl(c.withdrawnDate)}`;
    if (problem) {
      violations.push({ kind: 'zonder-toestemming', reference: caseRef(r.caseId), date: r.startedDate, detail: `${ROUTE_LABELS[r.route] ?? r.route} gestart: ${problem}` });
    }
  }
  // 2. Budget management without the municipality's approval.
  const approvals = new Map(s.approvals.map((a) => [a.id, a]));
  for (const r of s.routes) {
    if (r.route !== 'budgetbeheer' || !inRange(r.startedDate, from, to)) continue;
    const a = r.approvalId === null ? undefined : approvals.get(r.approvalId);
    let problem: string | null = null;
    if (!a) problem = 'geen goedkeuring van de gemeente vastgelegd';
    else if (a.decision !== 'goedgekeurd') problem = `aanvraag is ${a.decision}`;
    else if (a.decidedDate === null || a.decidedDate > r.startedDate) problem = `goedkeuring pas op ${a.decidedDate ? formatDateNl(a.decidedDate) : '—'}`;
    if (problem) violations.push({ kind: 'zonder-goedkeuring', reference: caseRef(r.caseId), date: r.startedDate, detail: `Budgetbeheer gestart: ${problem}` });
  }
  // 3. Tenant not informed of a zorgmelding in time (due this month, or still not done).
  for (const z of s.zorgmeldingen) {
    if (z.madeDate > to || z.informDueDate > to) continue;
    const informed = z.tenantInformedDate !== null && z.tenantInformedDate <= to ? z.tenantInformedDate : null;
    if (informed !== null && informed <= z.informDueDate) continue;
    // Due on the last day and not yet recorded: still within term (as in the zorgmeldingen table).
    if (informed === null && z.informDueDate >= to) continue;
    const visible = z.informDueDate >= from || informed === null || informed >= from;
    if (!visible) continue;
    violations.push({
      kind: 'huurder-niet-geinformeerd',
      reference: caseRef(z.caseId),
      date: z.informDueDate,
      detail: informed === null
        ? `huurder nog niet geïnformeerd (uiterlijk ${formatDateNl(z.informDueDate)})`
        : `huurder te laat geïnformeerd op ${formatDateNl(informed)} (uiterlijk ${formatDateNl(z.informDueDate)})`,
    });
  }
  // 4. Personal data kept beyond the retention period at the end of the month.
  const pol = s.retentionPolicy;
  for (const h of s.retention) {
    if (h.openCases > 0) continue;
    if (h.anonymisedDate !== null && h.anonymisedDate <= to) continue;
    const limits: string[] = [];
    if (h.lastNotPickedUpDate) limits.push(addMonths(h.lastNotPickedUpDate, pol.notPickedUpMonths));
    if (h.lastClosedDate) limits.push(addMonths(h.lastClosedDate, pol.closedCaseMonths));
    if (limits.length === 0) continue;
    const until = limits.sort()[limits.length - 1];
    if (until >= to) continue;
    const lastCase = h.closedCaseIds.length ? Math.max(...h.closedCaseIds) : null;
    violations.push({
      kind: 'bewaartermijn',
      reference: ref(lastCase),
      date: until,
      detail: lastCase === null
        ? `gegevens van een niet-opgepakte melding bewaard na ${formatDateNl(until)}`
        : `gegevens van afgesloten zaak bewaard na ${formatDateNl(until)}`,
    });
  }
  violations.sort((a, b) => a.kind.localeCompare(b.kind) || a.date.localeCompare(b.date) || a.reference.localeCompare(b.reference) || a.detail.localeCompare(b.detail));
  const labels: Record<Violation['kind'], string> = {
    'zonder-toestemming': 'Gegevens gedeeld of doorverwezen zonder geldige toestemming of grondslag',
    'zonder-goedkeuring': 'Budgetbeheer zonder goedkeuring van de gemeente',
    'huurder-niet-geinformeerd': 'Huurder niet op tijd geïnformeerd over zorgmelding',
    bewaartermijn: 'Persoonsgegevens bewaard na de bewaartermijn',
  };
  const kinds = Object.keys(labels) as Violation['kind'][];
  return {
    checks: kinds.map((kind) => ({ kind, label: labels[kind], count: violations.filter((v) => v.kind === kind).length })),
    violations,
    total: violations.length,
  };
}

function dataSharingOf(ix: Index, from: string, to: string): MonthlyReport['dataSharing'] {
  const s = ix.s;
  const partners = new Map(s.partners.map((p) => [p.id, p]));
  const catLabel = (c: string) => CATEGORY_LABELS[c] ?? c;
  const catOrder = (c: string) => {
    const i = CATEGORY_ORDER.indexOf(c);
    return i < 0 ? 99 : i;
  };
  const month = s.sharing.filter((e) => inRange(e.date, from, to));

  const recv = new Map<string, { category: string; partner: string; partnerType: string; records: number }>();
  for (const e of month.filter((x) => x.direction === 'ontvangen')) {
    const p = e.partnerId === null ? undefined : partners.get(e.partnerId);
    const partner = p?.name ?? e.counterparty.replace(/^partner:/, '');
    const key = `${e.category}\u0000${partner}`;
    const r = recv.get(key) ?? { category: e.category, partner, partnerType: p?.type ?? '', records: 0 };
    r.records += e.recordCount;
    recv.set(key, r);
  }
  const received = [...recv.values()]
    .map((r) => ({ ...r, categoryLabel: catLabel(r.category) }))
    .sort((a, b) => catOrder(a.category) - catOrder(b.category) || a.partner.localeCompare(b.partner));
  const byCat = new Map<string, number>();
  for (const r of received) byCat.set(r.category, (byCat.get(r.category) ?? 0) + r.records);

  const passedOn = month
    .filter((e) => e.direction === 'doorgegeven' || e.direction === 'gerapporteerd')
    .map((e) => ({
      date: e.date,
      direction: e.direction,
      counterparty: e.counterparty,
      category: e.category,
      categoryLabel: catLabel(e.category),
      records: e.recordCount,
      basis: sharingBasis(ix, e).basis,
      caseRef: e.caseId === null ? null : caseRef(e.caseId),
      id: e.id,
    }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.counterparty.localeCompare(b.counterparty) || catOrder(a.category) - catOrder(b.category) || a.id - b.id)
    .map(({ id: _id, ...rest }) => rest);
  const sum = new Map<string, MonthlyReport['dataSharing']['passedOnSummary'][number]>();
  for (const p of passedOn) {
    const basisKind = p.basis.startsWith('toestemming nr.') ? 'schriftelijke toestemming' : p.basis;
    const key = [p.counterparty, p.direction, p.category, basisKind].join('\u0000');
    const r = sum.get(key) ?? { counterparty: p.counterparty, direction: p.direction, category: p.category, categoryLabel: p.categoryLabel, records: 0, basis: basisKind };
    r.records += p.records;
    sum.set(key, r);
  }

  const viewsMonth = s.views.filter((v) => inRange(v.date, from, to));
  const vmap = new Map<string, { role: string; action: string; views: number; actors: Set<string> }>();
  const rmap = new Map<string, { views: number; actors: Set<string> }>();
  for (const v of viewsMonth) {
    const k = `${v.role}\u0000${v.action}`;
    const r = vmap.get(k) ?? { role: v.role, action: v.action, views: 0, actors: new Set<string>() };
    r.views += 1;
    r.actors.add(v.actor);
    vmap.set(k, r);
    const rr = rmap.get(v.role) ?? { views: 0, actors: new Set<string>() };
    rr.views += 1;
    rr.actors.add(v.actor);
    rmap.set(v.role, rr);
  }

  const rem = new Map<string, number>();
  for (const e of month.filter((x) => x.direction === 'verwijderd')) rem.set(e.category, (rem.get(e.category) ?? 0) + e.recordCount);
  const removed = [...rem.entries()]
    .map(([category, records]) => ({ category, categoryLabel: catLabel(category), records }))
    .sort((a, b) => catOrder(a.category) - catOrder(b.category) || a.category.localeCompare(b.category));

  return {
    received,
    receivedByCategory: [...byCat.entries()]
      .map(([category, records]) => ({ category, categoryLabel: catLabel(category), records }))
      .sort((a, b) => catOrder(a.category) - catOrder(b.category)),
    passedOn,
    passedOnSummary: [...sum.values()].sort((a, b) => a.counterparty.localeCompare(b.counterparty) || catOrder(a.category) - catOrder(b.category) || a.basis.localeCompare(b.basis)),
    views: [...vmap.values()]
      .map((r) => ({ role: r.role, action: r.action, views: r.views, actors: r.actors.size }))
      .sort((a, b) => a.role.localeCompare(b.role) || a.action.localeCompare(b.action)),
    viewsByRole: [...rmap.entries()]
      .map(([role, r]) => ({ role, views: r.views, actors: r.actors.size }))
      .sort((a, b) => a.role.localeCompare(b.role)),
    removed,
    removedTotal: removed.reduce((n, r) => n + r.records, 0),
  };
}

/** Builds the monthly report for `snapshot.month` from the snapshot. */
export function buildMonthlyReport(snapshot: ReportSnapshot): MonthlyReport {
  const ix = new Index(snapshot);
  const s = snapshot;
  const month = s.month;
  const from = firstOfMonth(month);
  const to = lastOfMonth(month);
  const previousMonth = addMonths(from, -1).slice(0, 7);

  const series: MonthFigures[] = [];
  for (let m = s.seriesFrom; m <= month; m = addMonths(firstOfMonth(m), 1).slice(0, 7)) series.push(monthFigures(ix, m));
  const current = series[series.length - 1];
  const previous = series.length > 1 ? series[series.length - 2] : monthFigures(ix, previousMonth);

  // Signals per partner and partner type (quarantined rows by the partner code they carried).
  const partners = new Map(s.partners.map((p) => [p.id, p]));
  const byCode = new Map(s.partners.map((p) => [p.code, p]));
  const pRows = new Map<string, PartnerRow>();
  const pRow = (code: string, name: string, type: string) => {
    let r = pRows.get(code);
    if (!r) {
      r = { code, name, type, received: 0, quarantined: 0, accepted: 0, pickedUp: 0, notPickedUp: 0 };
      pRows.set(code, r);
    }
    return r;
  };
  const sigs = s.signals.filter((x) => inRange(x.businessDate, from, to));
  for (const x of sigs) {
    const p = partners.get(x.partnerId);
    const r = pRow(p?.code ?? `#${x.partnerId}`, p?.name ?? 'onbekende partner', p?.type ?? 'Overige');
    r.accepted += 1;
    if (!x.fromQuarantine) r.received += 1;
    if (x.status === 'opgepakt') r.pickedUp += 1;
    else r.notPickedUp += 1;
  }
  for (const q of s.quarantine.filter((x) => inRange(x.businessDate, from, to))) {
    const p = q.partnerCode ? byCode.get(q.partnerCode) : undefined;
    const r = p ? pRow(p.code, p.name, p.type) : pRow('(onbekend)', 'partner onbekend of onleesbaar', '—');
    r.received += 1;
    r.quarantined += 1;
  }
  const perPartner = byKey([...pRows.values()], (r) => `${r.name}\u0000${r.code}`);
  const tRows = new Map<string, Omit<PartnerRow, 'code' | 'name'>>();
  for (const r of perPartner) {
    const t = tRows.get(r.type) ?? { type: r.type, received: 0, quarantined: 0, accepted: 0, pickedUp: 0, notPickedUp: 0 };
    t.received += r.received;
    t.quarantined += r.quarantined;
    t.accepted += r.accepted;
    t.pickedUp += r.pickedUp;
    t.notPickedUp += r.notPickedUp;
    tRows.set(r.type, t);
  }

  const npReasons = countBy(sigs.filter((x) => x.status !== 'opgepakt'), (x) => x.notPickedUpReason ?? '(geen reden)');

  const attempts = s.contactAttempts.filter((a) => inRange(a.attemptDate, from, to));
  const kinds = new Map<string, { attempts: number; reached: number }>();
  for (const a of attempts) {
    const k = kinds.get(a.kind) ?? { attempts: 0, reached: 0 };
    k.attempts += 1;
    if (a.reached) k.reached += 1;
    kinds.set(a.kind, k);
  }
  const reachedCount = attempts.filter((a) => a.reached).length;

  const attemptDays: number[] = [];
  const contactDays: number[] = [];
  for (const c of s.cases) {
    const fa = ix.firstAttempt.get(c.id);
    if (inRange(fa, from, to)) attemptDays.push(ix.workdays.between(c.openedDate, fa));
    const fc = ix.firstContact.get(c.id);
    if (inRange(fc, from, to)) contactDays.push(ix.workdays.between(c.openedDate, fc));
  }

  const routes = ROUTES.map((route) => {
    const rs = s.routes.filter((r) => r.route === route);
    return {
      route,
      label: ROUTE_LABELS[route],
      started: rs.filter((r) => inRange(r.startedDate, from, to)).length,
      completed: rs.filter((r) => r.status === 'afgerond' && inRange(r.endedDate, from, to)).length,
      stopped: rs.filter((r) => r.status === 'gestopt' && inRange(r.endedDate, from, to)).length,
      activeAtEnd: rs.filter((r) => r.startedDate <= to && (r.endedDate === null || r.endedDate > to)).length,
    };
  });

  const recipients = [...new Set([...Object.keys(CONSENT_RECIPIENT_LABELS), ...s.consents.map((c) => c.recipient)])];
  const consentRows = recipients.map((recipient) => ({
    recipient,
    label: CONSENT_RECIPIENT_LABELS[recipient] ?? recipient,
    signed: s.consents.filter((c) => c.recipient === recipient && inRange(c.signedDate, from, to)).length,
    withdrawn: s.consents.filter((c) => c.recipient === recipient && inRange(c.withdrawnDate, from, to)).length,
  }));

  const bm = s.approvals.filter((a) => a.subject === 'budgetbeheer');
  const decidedIn = (d: string) => bm.filter((a) => a.decision === d && inRange(a.decidedDate, from, to));
  const budgetManagement = {
    requested: bm.filter((a) => inRange(a.requestedDate, from, to)).length,
    approved: decidedIn('goedgekeurd').length,
    rejected: decidedIn('afgewezen').length,
    pendingAtEnd: bm.filter((a) => a.requestedDate <= to && (a.decidedDate === null || a.decidedDate > to)).length,
    approvedCostCents: decidedIn('goedgekeurd').reduce((n, a) => n + (a.costCents ?? 0), 0),
  };

  const zm = s.zorgmeldingen.filter((z) => inRange(z.madeDate, from, to));
  const informedBy = (z: (typeof zm)[number]) => (z.tenantInformedDate !== null && z.tenantInformedDate <= to ? z.tenantInformedDate : null);
  const zorgmeldingen = {
    made: zm.length,
    informedOnTime: zm.filter((z) => { const i = informedBy(z); return i !== null && i <= z.informDueDate; }).length,
    informedLate: zm.filter((z) => { const i = informedBy(z); return i !== null && i > z.informDueDate; }).length,
    notInformedOverdue: zm.filter((z) => informedBy(z) === null && z.informDueDate < to).length,
    notInformedWithinTerm: zm.filter((z) => informedBy(z) === null && z.informDueDate >= to).length,
    medianDaysToInform: median(zm.filter((z) => informedBy(z) !== null).map((z) => daysBetween(z.madeDate, informedBy(z)!))),
  };

  const closedCases = s.cases.filter((c) => inRange(c.closedDate, from, to));
  const closedBy = countBy(closedCases, (c) => c.finalResult ?? '(geen eindresultaat)');

  const open = s.cases.filter((c) => ix.isOpenAt(c, to));
  const ages = BACKLOG_BUCKETS.map((b) => ({ label: b.label, count: 0 }));
  for (const c of open) {
    const age = daysBetween(c.openedDate, to);
    ages[BACKLOG_BUCKETS.findIndex((b) => age <= b.maxDays)].count += 1;
  }
  const backlogQueues = countBy(open, (c) => ix.queueAt(c.id, to) ?? '(geen werkvoorraad)');

  // Arrears at intake: the amount on the signal that opened each new case, by its first queue.
  const firstSignal = new Map<number, { id: number; arrearsCents: number }>();
  for (const x of s.signals) {
    if (x.caseId === null) continue;
    const f = firstSignal.get(x.caseId);
    if (!f || x.id < f.id) firstSignal.set(x.caseId, { id: x.id, arrearsCents: x.arrearsCents });
  }
  const arrears = new Map<string, number[]>();
  for (const c of s.cases.filter((c) => inRange(c.openedDate, from, to))) {
    const f = firstSignal.get(c.id);
    if (!f) continue;
    const q = ix.firstQueue(c.id) ?? '(geen werkvoorraad)';
    const list = arrears.get(q) ?? [];
    list.push(f.arrearsCents);
    arrears.set(q, list);
  }

  const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));

  return {
    gemeente: s.gemeente,
    month,
    period: { from, to },
    previousMonth,
    current,
    previous,
    comparison: comparison(current, previous),
    series,
    outcomes: {
      signals: current.signals,
      perPartner,
      perPartnerType: [...tRows.values()].sort((a, b) => a.type.localeCompare(b.type)),
      notPickedUp: sorted(npReasons).map(([reason, count]) => ({
        reason,
        label: (NOT_PICKED_UP_LABELS as Record<string, string>)[reason] ?? reason,
        count,
      })),
      contactAttempts: {
        total: attempts.length,
        reached: reachedCount,
        reachRate: pct(reachedCount, attempts.length),
        casesAttempted: new Set(attempts.map((a) => a.caseId)).size,
        casesReached: new Set(attempts.filter((a) => a.reached).map((a) => a.caseId)).size,
        byKind: sorted(kinds).map(([kind, k]) => ({ kind, attempts: k.attempts, reached: k.reached, reachRate: pct(k.reached, k.attempts) })),
      },
      timing: {
        firstAttempt: { cases: attemptDays.length, medianDays: median(attemptDays), p90Days: percentile(attemptDays, 90) },
        firstContact: { cases: contactDays.length, medianDays: median(contactDays), p90Days: percentile(contactDays, 90) },
      },
      deadlines: deadlineRows(ix, from, to),
      routes,
      consents: {
        signed: consentRows.reduce((n, r) => n + r.signed, 0),
        withdrawn: consentRows.reduce((n, r) => n + r.withdrawn, 0),
        byRecipient: consentRows,
      },
      budgetManagement,
      zorgmeldingen,
      closed: {
        total: closedCases.length,
        byResult: sorted(closedBy).map(([result, count]) => ({ result, count })),
      },
      backlog: {
        total: open.length,
        byAge: ages,
        byQueue: sorted(backlogQueues).map(([queue, count]) => ({ queue, count })),
      },
      arrearsByQueue: sorted(arrears).map(([queue, list]) => ({
        queue,
        cases: list.length,
        totalCents: list.reduce((n, v) => n + v, 0),
        medianCents: (() => {
          const m = median(list);
          return m === null ? null : Math.round(m);
        })(),
      })),
    },
    dataSharing: dataSharingOf(ix, from, to),
    compliance: complianceOf(ix, from, to),
  };
}
