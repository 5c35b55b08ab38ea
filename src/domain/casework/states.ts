/**
 * The case lifecycle as an explicit state machine (Bijlage 3, steps 3–8). Pure: callers pass the
 * case, the actor and the date. Every step is checked here for the state it may start from and for
 * who may take it; the step-specific conditions (consent, approval, findings) live in `routes.ts`.
 *
 *   nieuw ──contactpoging (niet bereikt)──▶ contact-gezocht
 *   nieuw / contact-gezocht ──contactpoging (bereikt)──▶ in-contact
 *   in-contact ──bevinding──▶ onderzoek
 *   onderzoek ──route starten──▶ route-gekozen (schuldregeling, eigen kracht)
 *                                doorverwezen  (eigen netwerk, vrijwilliger, inhouding, budgetbeheer)
 *   route-gekozen / doorverwezen ──route afronden──▶ geregeld
 *   route-gekozen / doorverwezen / geregeld ──route stoppen──▶ onderzoek
 *   elke open status ──afsluiten (passend eindresultaat)──▶ afgesloten
 */

export const CASE_STATUSES = [
  'nieuw',
  'contact-gezocht',
  'in-contact',
  'onderzoek',
  'route-gekozen',
  'doorverwezen',
  'geregeld',
  'afgesloten',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const STATUS_LABELS: Record<CaseStatus, string> = {
  nieuw: 'Nieuw (nog geen contactpoging)',
  'contact-gezocht': 'Contact gezocht (nog niet bereikt)',
  'in-contact': 'In contact met de inwoner',
  onderzoek: 'Onderzoek naar de oplossingsroute',
  'route-gekozen': 'Route gekozen (schuldregeling of eigen kracht)',
  doorverwezen: 'Doorverwezen (netwerk, vrijwilliger, inhouding of budgetbeheer)',
  geregeld: 'Geregeld (route afgerond, nog niet afgesloten)',
  afgesloten: 'Afgesloten',
};

/** Statuses in which an agreed solution route is running (fact `oplossingsrouteActief`). */
export const ROUTE_ACTIVE_STATUSES: readonly CaseStatus[] = ['route-gekozen', 'doorverwezen', 'geregeld'];
/** Statuses in which contact with the resident has been made (fact `contactGelegd`). */
export const CONTACT_STATUSES: readonly CaseStatus[] = ['in-contact', 'onderzoek', ...ROUTE_ACTIVE_STATUSES];
export const OPEN_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter((s) => s !== 'afgesloten');

/** DDAS v1.2 EnumContactsoort (exact strings). */
export const CONTACT_KINDS = [
  'Administratief', 'Afspraak op locatie', 'Brief', 'Huisbezoek', 'Kaartje', 'Mail', 'Onbekend', 'Overige', 'SMS/Whatsapp', 'Telefoon',
] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];
/** DDAS v1.2 EnumDagdeel. */
export const DAY_PARTS = ['Ochtend', 'Middag', 'Avond'] as const;
export type DayPart = (typeof DAY_PARTS)[number];

/** Case-insensitive match on the national code list (`telefoon` → `Telefoon`). */
export function parseContactKind(input: string): ContactKind | null {
  const s = input.trim().toLowerCase();
  return CONTACT_KINDS.find((k) => k.toLowerCase() === s) ?? (s === 'sms' || s === 'whatsapp' ? 'SMS/Whatsapp' : null);
}

export function parseDayPart(input: string): DayPart | null {
  const s = input.trim().toLowerCase();
  return DAY_PARTS.find((k) => k.toLowerCase() === s) ?? null;
}

export const ROLES = ['casemanager', 'coördinator', 'gemeente'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  casemanager: 'casemanager',
  'coördinator': 'coördinator',
  gemeente: 'gemeente (beoordelaar budgetbeheer)',
};

/** Accepts `coordinator` without the diaeresis, as people type it. */
export function parseRole(input: string): Role | null {
  const s = input.trim().toLowerCase().replace('ö', 'o');
  if (s === 'casemanager' || s === 'behandelaar') return 'casemanager';
  if (s === 'coordinator') return 'coördinator';
  if (s === 'gemeente') return 'gemeente';
  return null;
}

export type Step =
  | 'bekijken'
  | 'claimen'
  | 'contactpoging'
  | 'bevinding'
  | 'toestemming'
  | 'toestemming-intrekken'
  | 'route-starten'
  | 'route-afronden'
  | 'route-stoppen'
  | 'goedkeuring-aanvragen'
  | 'goedkeuring-besluiten'
  | 'zorgmelding'
  | 'huurder-geinformeerd'
  | 'afsluiten';

export const STEP_LABELS: Record<Step, string> = {
  bekijken: 'zaak bekijken',
  claimen: 'zaak oppakken',
  contactpoging: 'contactpoging vastleggen',
  bevinding: 'onderzoeksbevinding vastleggen',
  toestemming: 'schriftelijke toestemming vastleggen',
  'toestemming-intrekken': 'toestemming intrekken',
  'route-starten': 'route starten',
  'route-afronden': 'route afronden',
  'route-stoppen': 'route stoppen',
  'goedkeuring-aanvragen': 'goedkeuring budgetbeheer aanvragen',
  'goedkeuring-besluiten': 'besluiten over budgetbeheer',
  zorgmelding: 'zorgmelding doen',
  'huurder-geinformeerd': 'huurder geïnformeerd over zorgmelding',
  afsluiten: 'zaak afsluiten',
};

const ALL_OPEN = OPEN_STATUSES;
const AFTER_CONTACT: readonly CaseStatus[] = CONTACT_STATUSES;

/** From which statuses a step may be taken. */
export const STEP_FROM: Record<Step, readonly CaseStatus[]> = {
  bekijken: CASE_STATUSES,
  claimen: ALL_OPEN,
  contactpoging: ALL_OPEN,
  bevinding: ['in-contact', 'onderzoek'],
  toestemming: AFTER_CONTACT,
  'toestemming-intrekken': CASE_STATUSES,
  'route-starten': ['onderzoek'],
  'route-afronden': ['route-gekozen', 'doorverwezen'],
  'route-stoppen': ['route-gekozen', 'doorverwezen'],
  'goedkeuring-aanvragen': ['onderzoek'],
  'goedkeuring-besluiten': ALL_OPEN,
  zorgmelding: ALL_OPEN,
  'huurder-geinformeerd': CASE_STATUSES,
  afsluiten: ALL_OPEN,
};

/** Which roles may take a step. Only the municipality decides on budget management. */
export const STEP_ROLES: Record<Step, readonly Role[]> = {
  bekijken: ['casemanager', 'coördinator'],
  claimen: ['casemanager', 'coördinator'],
  contactpoging: ['casemanager', 'coördinator'],
  bevinding: ['casemanager', 'coördinator'],
  toestemming: ['casemanager', 'coördinator'],
  'toestemming-intrekken': ['casemanager', 'coördinator'],
  'route-starten': ['casemanager', 'coördinator'],
  'route-afronden': ['casemanager', 'coördinator'],
  'route-stoppen': ['casemanager', 'coördinator'],
  'goedkeuring-aanvragen': ['casemanager', 'coördinator'],
  'goedkeuring-besluiten': ['gemeente'],
  zorgmelding: ['casemanager', 'coördinator'],
  'huurder-geinformeerd': ['casemanager', 'coördinator'],
  afsluiten: ['casemanager', 'coördinator'],
};

/** Steps a casemanager may only take on a case assigned to them (a coordinator may act on any). */
const NEEDS_ASSIGNMENT: ReadonlySet<Step> = new Set<Step>([
  'contactpoging', 'bevinding', 'toestemming', 'toestemming-intrekken', 'route-starten', 'route-afronden',
  'route-stoppen', 'goedkeuring-aanvragen', 'zorgmelding', 'huurder-geinformeerd', 'afsluiten',
]);

export interface Actor {
  actor: string;
  role: Role;
}

export function isCaseStatus(s: string): s is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(s);
}

/**
 * The general conditions of a step: role, assignment and the state it starts from. Returns the
 * missing conditions in Dutch (empty = allowed).
 */
export function stepConditions(
  step: Step,
  c: { status: string; assignedTo: string | null },
  who: Actor,
): string[] {
  const missing: string[] = [];
  if (!STEP_ROLES[step].includes(who.role)) {
    missing.push(
      `Rol ${who.role} mag niet: ${STEP_LABELS[step]} (alleen ${STEP_ROLES[step].join(' of ')})`,
    );
  }
  if (!isCaseStatus(c.status)) {
    missing.push(`Onbekende zaakstatus "${c.status}"`);
    return missing;
  }
  if (!STEP_FROM[step].includes(c.status)) {
    const early = (step === 'route-starten' || step === 'goedkeuring-aanvragen') && ['nieuw', 'contact-gezocht', 'in-contact'].includes(c.status);
    missing.push(
      early
        ? `${capitalise(STEP_LABELS[step])} kan pas na onderzoek: leg eerst de bevindingen vast (status nu "${c.status}")`
        : c.status === 'afgesloten'
        ? `De zaak is afgesloten: ${STEP_LABELS[step]} kan niet meer`
        : `${capitalise(STEP_LABELS[step])} kan niet in status "${c.status}" (wel in: ${STEP_FROM[step].join(', ')})`,
    );
  }
  if (who.role === 'casemanager' && NEEDS_ASSIGNMENT.has(step) && c.assignedTo !== who.actor) {
    missing.push(
      c.assignedTo === null
        ? 'De zaak is nog niet opgepakt: pak haar eerst op (case claim)'
        : `De zaak is toegewezen aan ${c.assignedTo}, niet aan u`,
    );
  }
  return missing;
}

/** The status after recording a contact attempt. */
export function statusAfterContact(status: CaseStatus, reached: boolean): CaseStatus {
  if (status === 'nieuw') return reached ? 'in-contact' : 'contact-gezocht';
  if (status === 'contact-gezocht' && reached) return 'in-contact';
  return status;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
