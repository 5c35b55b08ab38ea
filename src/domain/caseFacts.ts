/**
 * What the escalation rules know about a case, derived from its state. Pure. Case states are
 * defined by the casework state machine (src/domain/casework/states.ts).
 */
import type { CaseFactInput } from './facts';
import { workingDaysBetween } from './workdays';
import { CONTACT_STATUSES as CONTACT, ROUTE_ACTIVE_STATUSES as ROUTE_ACTIVE } from './casework/states';

/** Statuses in which an agreed solution route is running (see the casework state machine). */
export const ROUTE_ACTIVE_STATUSES: readonly string[] = ROUTE_ACTIVE;
/** Statuses in which contact with the resident has been made. */
export const CONTACT_STATUSES: readonly string[] = CONTACT;

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
