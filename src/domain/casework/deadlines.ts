/**
 * Deadlines of a case: first contact (Wgs art. 4: 3 working days when eviction threatens, the
 * configured default otherwise; the queue entry holds the deadline the rules chose) and the
 * "huurder geïnformeerd" task after a zorgmelding. Pure: callers pass today.
 */
import { addWorkingDays } from '../workdays';

/** Wgs art. 4: a threatening situation (eviction) gets the first conversation within 3 working days. */
export const THREATENING_TERM_WORKDAYS = 3;

export function contactTermWorkdays(evictionThreatened: boolean, defaultTermWorkdays: number): number {
  return evictionThreatened ? Math.min(THREATENING_TERM_WORKDAYS, defaultTermWorkdays) : defaultTermWorkdays;
}

/**
 * The deadline for first contact: the queue entry's deadline (chosen by the rules) but never later
 * than the statutory 3 working days when eviction threatens.
 */
export function contactDeadline(
  c: { openedDate: string; evictionThreatened: boolean },
  queueDeadline: string | null,
  defaultTermWorkdays: number,
): string {
  const statutory = addWorkingDays(c.openedDate, contactTermWorkdays(c.evictionThreatened, defaultTermWorkdays));
  if (queueDeadline === null) return statutory;
  return c.evictionThreatened && statutory < queueDeadline ? statutory : queueDeadline;
}

export function informDueDate(madeDate: string, informWorkdays: number): string {
  return addWorkingDays(madeDate, informWorkdays);
}

export type TaskKind = 'eerste-contact' | 'zorgmelding' | 'huurder-informeren';

export interface OpenTask {
  kind: TaskKind;
  label: string;
  due: string | null;
  overdue: boolean;
  zorgmeldingId?: number;
}

/** The open tasks of a case and which of them are overdue on `today`. */
export function openTasks(
  c: {
    closedDate: string | null;
    firstContactDate: string | null;
    contactDeadline: string;
    zorgmeldingRequired: boolean;
    zorgmeldingMadeAt: string | null;
  },
  zorgmeldingen: Array<{ id: number; informDueDate: string; tenantInformedDate: string | null }>,
  today: string,
): OpenTask[] {
  const tasks: OpenTask[] = [];
  if (c.closedDate === null && c.firstContactDate === null) {
    tasks.push({ kind: 'eerste-contact', label: 'Eerste contact met de inwoner', due: c.contactDeadline, overdue: c.contactDeadline < today });
  }
  if (c.closedDate === null && c.zorgmeldingRequired && c.zorgmeldingMadeAt === null) {
    // Required by the rules: due at once.
    tasks.push({ kind: 'zorgmelding', label: 'Zorgmelding doen (vereist door de regels)', due: null, overdue: true });
  }
  for (const z of zorgmeldingen) {
    if (z.tenantInformedDate === null) {
      tasks.push({
        kind: 'huurder-informeren', label: `Huurder informeren over zorgmelding ${z.id}`, due: z.informDueDate,
        overdue: z.informDueDate < today, zorgmeldingId: z.id,
      });
    }
  }
  return tasks;
}
