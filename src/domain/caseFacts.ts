/**
 * What the escalation rules know about a case, derived from its state. Pure. Case states are
 * defined by the casework process; until a case has left "nieuw" no contact has been made.
 */
import type { CaseFactInput } from './facts';
import { workingDaysBetween } from './workdays';

/** Statuses in which an agreed solution route is running (see the casework state machine). */
export const ROUTE_ACTIVE_STATUSES = ['route-gekozen', 'doorverwezen', 'geregeld'];
/** Statuses in which contact with the resident has been made. */
export const CONTACT_STATUSES = ['in-contact', 'onderzoek', ...ROUTE_ACTIVE_STATUSES];

export function caseFactInput(
  c: { status: string; openedDate: string; zorgmeldingDone: boolean },
  deadline: string,
  businessDate: string,
): CaseFactInput {
  return {
    openedDate: c.openedDate,
    workdaysToDeadline: workingDaysBetween(businessDate, deadline),
    contactMade: CONTACT_STATUSES.includes(c.status),
    routeActive: ROUTE_ACTIVE_STATUSES.includes(c.status),
    zorgmeldingDone: c.zorgmeldingDone,
  };
}
