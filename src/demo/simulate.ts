/**
 * Simulated caseworkers for the demo: they work the queues through the SAME casework services a
 * person uses (so every rule, refusal, audit row and sharing-log row is real), at the rates in
 * FACTS.md: about 1 in 5 residents is reached, about 1 in 3 of those accepts help. Deterministic:
 * every choice comes from a hash of the seed, the case id and a label, never from Math.random or
 * the processing order. Clearly labelled: actors are `simulatie:…` and worked cases get
 * `simulated = true`.
 */
import type { Knex } from 'knex';
import {
  FINAL_RESULTS, ROUTE_RESULT, ROUTES, allowedResults, type FinalResult, type Findings, type Role, type Route,
} from '../domain/casework';
import { addDays, amsterdamDate, amsterdamInstant } from '../domain/dates';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from '../domain/workdays';
import { currentQueueEntries } from '../db/cases';
import {
  approvalsOfCase, consentsOfCase, contactAttempts, findingsHistory, openCaseWorks, routeCounts, routesOfCase, zorgmeldingenOfCase, type CaseWork,
} from '../db/casework';
import {
  claimCase, closeCase, currentFindings, decideApprovalStep, finishRoute, makeZorgmelding, markInformed, recordConsent, recordContact,
  recordFindings, requestApproval, startRoute, stopRoute, type CaseworkContext, type CaseworkSettings,
} from '../services/casework';

export const SIM_RATES = {
  /** FACTS.md: residents are reached in about 1 in 5 cases. */
  reached: 0.2,
  /** FACTS.md: about 1 in 3 of those reached accept help. */
  acceptsHelp: 1 / 3,
  /** Share of started routes that fail and are stopped. */
  routeStops: 0.15,
  /** Share of zorgmeldingen where informing the tenant runs late. */
  informLate: 0.3,
};

export const SIM_CASEWORKERS = ['simulatie:casemanager-1', 'simulatie:casemanager-2', 'simulatie:casemanager-3'];
export const SIM_MUNICIPALITY = 'simulatie:gemeente';

export interface SimulationCounts {
  workDate: string;
  claimed: number;
  attempts: number;
  reached: number;
  findings: number;
  consents: number;
  approvals: number;
  routesStarted: number;
  routesFinished: number;
  routesStopped: number;
  zorgmeldingen: number;
  informed: number;
  closed: number;
}

/** A deterministic number in [0, 1) for (seed, case, label). */
export function chance(seed: number, caseId: number, label: string): number {
  let h = (2166136261 ^ seed) >>> 0;
  for (const ch of `${caseId}:${label}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 16777619) >>> 0;
  }
  // mulberry32 finaliser for a good spread
  h = (h + 0x6d2b79f5) >>> 0;
  let t = h;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function pick<T>(xs: readonly T[], r: number): T {
  return xs[Math.min(xs.length - 1, Math.floor(r * xs.length))];
}

/** Findings that lead to each route, in the agreement's order. */
function findingsFor(route: Route, r: number): Partial<Findings> {
  const none = { debtArrangement: 'nee', ownStrength: false, ownNetwork: false, volunteers: false, partnerAgreed: true } as const;
  switch (route) {
    case 'schuldregeling': return { debtArrangement: 'ja', partnerAgreed: true, incomeSource: pick(['Pw', 'ander-inkomen'] as const, r) };
    case 'eigen-kracht': return { debtArrangement: 'tijdelijk-niet', ownStrength: true, partnerAgreed: true, incomeSource: 'ander-inkomen' };
    case 'eigen-netwerk': return { debtArrangement: 'nee', ownStrength: false, ownNetwork: true, partnerAgreed: true, incomeSource: pick(['Pw', 'ander-inkomen'] as const, r) };
    case 'vrijwilliger': return { debtArrangement: 'nee', ownStrength: false, ownNetwork: false, volunteers: true, partnerAgreed: true, incomeSource: 'ander-inkomen' };
    case 'inhouding': return { ...none, incomeSource: pick(['Pw', 'Ioaw', 'Ioaz', 'Bbz'] as const, r) };
    case 'budgetbeheer': return { ...none, incomeSource: 'ander-inkomen' };
  }
}

/** The route the findings point to (the first allowed one in the agreement's order). */
function routeOfFindings(f: Findings): Route | null {
  if (f.debtArrangement === 'ja') return 'schuldregeling';
  if (f.ownStrength) return 'eigen-kracht';
  if (f.ownNetwork) return 'eigen-netwerk';
  if (f.volunteers) return 'vrijwilliger';
  if (f.incomeSource === 'ander-inkomen') return 'budgetbeheer';
  if (f.incomeSource && f.incomeSource !== 'geen-inkomen') return 'inhouding';
  return null;
}

const CONSENT_RECIPIENT: Partial<Record<Route, { recipient: string; name: string | null; categories: string[] }>> = {
  'eigen-netwerk': { recipient: 'netwerk', name: 'familielid', categories: ['naw', 'achterstand'] },
  vrijwilliger: { recipient: 'vrijwilliger', name: 'Humanitas', categories: ['naw', 'huur', 'achterstand'] },
  inhouding: { recipient: 'gemeente-inhouding', name: null, categories: ['naw', 'geboortedatum', 'huur', 'achterstand'] },
  budgetbeheer: { recipient: 'plangroep', name: 'Plangroep', categories: ['naw', 'geboortedatum', 'huur', 'achterstand'] },
};

/**
 * Simulated caseworkers work one working day: every open case (in id order) gets at most its next
 * step. Runs in one transaction; returns what was done.
 */
export async function simulateWorkday(
  db: Knex,
  settings: CaseworkSettings,
  workDate: string,
  opts: { seed: number; routeUse?: Map<Route, number> },
): Promise<SimulationCounts> {
  const counts: SimulationCounts = {
    workDate, claimed: 0, attempts: 0, reached: 0, findings: 0, consents: 0, approvals: 0, routesStarted: 0,
    routesFinished: 0, routesStopped: 0, zorgmeldingen: 0, informed: 0, closed: 0,
  };
  const routeUse = opts.routeUse ?? new Map<Route, number>();
  await db.transaction(async (trx) => {
    if (routeUse.size === 0) {
      for (const r of await routeCounts(trx)) routeUse.set(r.route, r.count);
    }
    const entries = await currentQueueEntries(trx);
    const cases = (await openCaseWorks(trx)).filter((c) => c.openedDate < workDate);
    for (const c of cases) {
      await workCase(trx, settings, workDate, opts.seed, c, entries.get(c.id)?.termWorkdays ?? settings.defaultTermWorkdays, routeUse, counts);
    }
  });
  return counts;
}

async function workCase(
  db: Knex.Transaction,
  settings: CaseworkSettings,
  date: string,
  seed: number,
  c: CaseWork,
  termWorkdays: number,
  routeUse: Map<Route, number>,
  n: SimulationCounts,
): Promise<void> {
  const r = (label: string) => chance(seed, c.id, label);
  const worker = c.assignedTo ?? SIM_CASEWORKERS[c.id % SIM_CASEWORKERS.length];
  const ctx = (role: Role = 'casemanager', actor = worker, hour = 10): CaseworkContext => ({
    db, who: { actor, role, simulated: true }, now: amsterdamInstant(date, `${String(hour).padStart(2, '0')}:00`), date, settings,
  });
  if (c.assignedTo === null) {
    await claimCase(ctx('casemanager', worker, 9), c.id);
    n.claimed += 1;
  }
  const age = workingDaysBetween(c.openedDate, date);

  // The zorgmelding is a required action: it comes first, whatever the state.
  if (c.zorgmeldingRequired && c.zorgmeldingMadeAt === null) {
    await makeZorgmelding(ctx(), c.id);
    n.zorgmeldingen += 1;
    return;
  }
  const openZm = c.zorgmeldingMadeAt ? (await zorgmeldingenOfCase(db, c.id)).filter((z) => z.tenantInformedDate === null) : [];
  for (const z of openZm) {
    const lag = r(`inform-late-${z.id}`) < SIM_RATES.informLate ? settings.zorgmeldingInformWorkdays + 3 : 2;
    if (date >= addWorkingDays(z.madeDate, lag)) {
      await markInformed(ctx(), c.id, { date, zorgmeldingId: z.id });
      n.informed += 1;
      return;
    }
  }
  const informPending = openZm.length > 0;

  switch (c.status) {
    case 'nieuw':
    case 'contact-gezocht': {
      const attempts = await contactAttempts(db, c.id);
      const k = attempts.length;
      // Three attempts spread over the term for first contact (phone, letter, home visit).
      const offsets = [1, Math.max(2, Math.ceil(termWorkdays / 3)), Math.max(3, Math.ceil((2 * termWorkdays) / 3))];
      if (k < 3 && age >= offsets[k]) {
        const reachedOn = r('reached') < SIM_RATES.reached ? 1 + Math.floor(r('reached-on') * 3) : 0;
        const reached = reachedOn === k + 1;
        await recordContact(ctx(), c.id, {
          kind: ['Telefoon', 'Brief', 'Huisbezoek'][k], reached, date, dayPart: pick(['Ochtend', 'Middag', 'Avond'] as const, r(`daypart-${k}`)),
          note: reached ? 'Gesproken; vervolgafspraak gemaakt (simulatie)' : null,
        });
        n.attempts += 1;
        if (reached) n.reached += 1;
        return;
      }
      if (k >= 3 && !informPending) {
        const result = c.zorgmeldingMadeAt ? FINAL_RESULTS.zonderInwoner : FINAL_RESULTS.geenContact;
        await closeCase(ctx(), c.id, { result, reason: 'drie contactpogingen zonder resultaat' });
        n.closed += 1;
      }
      return;
    }
    case 'in-contact': {
      const contactAge = workingDaysBetween(c.firstContactDate ?? date, date);
      if (r('accepts') < SIM_RATES.acceptsHelp) {
        if (contactAge < 1) return;
        const route = leastUsedRoute(routeUse, r('route'));
        routeUse.set(route, (routeUse.get(route) ?? 0) + 1);
        await recordFindings(ctx(), c.id, findingsFor(route, r('income')));
        n.findings += 1;
        return;
      }
      if (contactAge < 2 || informPending) return;
      const result = pick([FINAL_RESULTS.regeltZelf, FINAL_RESULTS.regeltZelf, FINAL_RESULTS.zelfBetaald, FINAL_RESULTS.geenReactie, FINAL_RESULTS.quickFix] as FinalResult[], r('decline-result'));
      await closeCase(ctx(), c.id, { result });
      n.closed += 1;
      return;
    }
    case 'onderzoek': {
      const routes = await routesOfCase(db, c.id);
      if (routes.some((x) => x.status === 'gestopt')) {
        if (!informPending) {
          await closeCase(ctx(), c.id, { result: FINAL_RESULTS.geenReactie, reason: 'route gestopt, geen reactie meer' });
          n.closed += 1;
        }
        return;
      }
      const route = routeOfFindings(await currentFindings(db, c.id));
      if (!route) return;
      // The investigation (and agreeing the approach with the landlord) takes a few working days.
      const [first] = await findingsHistory(db, c.id);
      const investigation = 5 + Math.floor(r('investigation') * 15);
      if (first && workingDaysBetween(amsterdamDate(new Date(first.recordedAt)), date) < investigation) return;
      const plan = CONSENT_RECIPIENT[route];
      if (plan) {
        const consents = (await consentsOfCase(db, c.id)).filter((x) => x.recipient === plan.recipient && !x.withdrawnDate);
        if (consents.length === 0) {
          await recordConsent(ctx(), c.id, {
            signedBy: 'inwoner (handtekening op formulier, simulatie)', recipient: plan.recipient, recipientName: plan.name,
            categories: plan.categories, signedDate: date, documentRef: `SIM-${c.id}-${route}`,
          });
          n.consents += 1;
          return;
        }
      }
      if (route === 'budgetbeheer') {
        const approvals = await approvalsOfCase(db, c.id);
        const last = approvals.at(-1);
        if (!last) {
          await requestApproval(ctx(), c.id);
          n.approvals += 1;
          return;
        }
        if (last.decision === 'aangevraagd') {
          if (workingDaysBetween(last.requestedDate, date) >= 2) {
            await decideApprovalStep(ctx('gemeente', SIM_MUNICIPALITY, 11), c.id, { decision: 'goedgekeurd' });
            n.approvals += 1;
          }
          return;
        }
      }
      await startRoute(ctx(), c.id, { route, recipientName: plan?.name ?? null });
      n.routesStarted += 1;
      return;
    }
    case 'route-gekozen':
    case 'doorverwezen': {
      const running = (await routesOfCase(db, c.id)).find((x) => x.status === 'gestart');
      if (!running) return;
      // A debt arrangement takes months to set up; a referral settles in weeks to months.
      const duration = running.route === 'schuldregeling' ? 40 + Math.floor(r('route-duration') * 40)
        : running.route === 'eigen-kracht' ? 5 + Math.floor(r('route-duration') * 10)
        : 10 + Math.floor(r('route-duration') * 30);
      if (workingDaysBetween(running.startedDate, date) < duration) return;
      if (r('route-stops') < SIM_RATES.routeStops) {
        await stopRoute(ctx(), c.id, 'inwoner houdt zich niet aan de afspraken (simulatie)');
        n.routesStopped += 1;
      } else {
        await finishRoute(ctx(), c.id);
        n.routesFinished += 1;
      }
      return;
    }
    case 'geregeld': {
      const routes = await routesOfCase(db, c.id);
      const done = [...routes].reverse().find((x) => x.status === 'afgerond');
      if (!done || informPending) return;
      // Aftercare: the case stays "geregeld" until the landlord confirms the rent is paid again.
      const wait = 20 + Math.floor(r('close-wait') * 25);
      if (workingDaysBetween(done.endedDate ?? date, date) < wait) return;
      const fitting = allowedResults({
        contactMade: true, attempts: 1, zorgmeldingMade: c.zorgmeldingMadeAt !== null, closeDate: date,
        route: { route: done.route, status: 'afgerond', startedDate: done.startedDate, endedDate: done.endedDate },
      });
      const result = fitting.includes(FINAL_RESULTS.quickFix) && r('quick') < 0.5 ? FINAL_RESULTS.quickFix : ROUTE_RESULT[done.route];
      await closeCase(ctx(), c.id, { result });
      n.closed += 1;
      return;
    }
    default:
      return;
  }
}

/** Spreads the few accepted cases over all routes (so the demo shows each), with some chance. */
function leastUsedRoute(use: Map<Route, number>, r: number): Route {
  const min = Math.min(...ROUTES.map((x) => use.get(x) ?? 0));
  const least = ROUTES.filter((x) => (use.get(x) ?? 0) === min);
  return r < 0.75 ? least[0] : pick(ROUTES, (r - 0.75) * 4);
}

/**
 * The day caseworkers work the queues a business date's nightly run filled: the next calendar day,
 * or null when that is no working day (weekend, public holiday: the queue waits).
 */
export function workDayAfter(businessDate: string): string | null {
  const next = addDays(businessDate, 1);
  return isWorkingDay(next) ? next : null;
}
