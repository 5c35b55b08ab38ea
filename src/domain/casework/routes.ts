/**
 * The solution routes of the agreement (Bijlage 3, steps 3–7) in their agreed order, which routes
 * the investigation findings allow (with the Dutch reason why the others are not available), and
 * whether a written consent covers a referral. Pure.
 */
import { DATA_CATEGORY_KEYS, type DataCategory } from '../dataCategories';

export const ROUTES = ['schuldregeling', 'eigen-kracht', 'eigen-netwerk', 'vrijwilliger', 'inhouding', 'budgetbeheer'] as const;
export type Route = (typeof ROUTES)[number];

export const ROUTE_LABELS: Record<Route, string> = {
  schuldregeling: 'Schuldregeling',
  'eigen-kracht': 'Eigen kracht',
  'eigen-netwerk': 'Eigen netwerk',
  vrijwilliger: 'Vrijwilliger (bijv. Humanitas)',
  inhouding: 'Inhouding huur op uitkering (gemeente)',
  budgetbeheer: 'Budgetbeheer bij Plangroep',
};

export const CONSENT_RECIPIENTS = ['netwerk', 'vrijwilliger', 'gemeente-inhouding', 'plangroep'] as const;
export type ConsentRecipient = (typeof CONSENT_RECIPIENTS)[number];

export const RECIPIENT_LABELS: Record<ConsentRecipient, string> = {
  netwerk: 'eigen netwerk',
  vrijwilliger: 'vrijwilliger',
  'gemeente-inhouding': 'gemeente (inhouding op uitkering)',
  plangroep: 'Plangroep (budgetbeheer)',
};

/** Personal data categories (as in the data-sharing log) that may be passed on: all of the agreement's. */
export const SHAREABLE_CATEGORIES = DATA_CATEGORY_KEYS;
export type ShareableCategory = DataCategory;

export interface RouteDefinition {
  route: Route;
  /** Whose consent a referral needs; null = no personal data leaves the Uitvoerder. */
  recipient: ConsentRecipient | null;
  /** A named recipient is needed (Humanitas, the network contact). */
  needsRecipientName: boolean;
  /** Default categories passed on at the referral. */
  categories: readonly ShareableCategory[];
  /** Status of the case while the route runs. */
  status: 'route-gekozen' | 'doorverwezen';
  /** Counterparty in the data-sharing log. */
  counterparty: (recipientName: string | null) => string | null;
}

export const ROUTE_DEFINITIONS: Record<Route, RouteDefinition> = {
  schuldregeling: {
    route: 'schuldregeling', recipient: null, needsRecipientName: false, categories: [], status: 'route-gekozen',
    counterparty: () => null,
  },
  'eigen-kracht': {
    route: 'eigen-kracht', recipient: null, needsRecipientName: false, categories: [], status: 'route-gekozen',
    counterparty: () => null,
  },
  'eigen-netwerk': {
    route: 'eigen-netwerk', recipient: 'netwerk', needsRecipientName: true, categories: ['naw', 'achterstand'], status: 'doorverwezen',
    // The network contact is a private person: their name stays out of the log.
    counterparty: () => 'netwerk',
  },
  vrijwilliger: {
    route: 'vrijwilliger', recipient: 'vrijwilliger', needsRecipientName: true, categories: ['naw', 'huur', 'achterstand'], status: 'doorverwezen',
    // The log's counterparty column holds 60 characters.
    counterparty: (name) => `vrijwilliger:${name ?? 'onbekend'}`.slice(0, 60),
  },
  inhouding: {
    route: 'inhouding', recipient: 'gemeente-inhouding', needsRecipientName: false,
    categories: ['naw', 'geboortedatum', 'huur', 'achterstand'], status: 'doorverwezen',
    counterparty: () => 'gemeente:inhouding',
  },
  budgetbeheer: {
    route: 'budgetbeheer', recipient: 'plangroep', needsRecipientName: false,
    categories: ['naw', 'geboortedatum', 'huur', 'achterstand'], status: 'doorverwezen',
    counterparty: () => 'plangroep',
  },
};

export const DEBT_ARRANGEMENT_VALUES = ['ja', 'nee', 'tijdelijk-niet'] as const;
export type DebtArrangement = (typeof DEBT_ARRANGEMENT_VALUES)[number];
export const BENEFITS = ['Pw', 'Ioaw', 'Ioaz', 'Bbz'] as const;
export const INCOME_SOURCES = [...BENEFITS, 'ander-inkomen', 'geen-inkomen'] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];

/** The investigation findings as they stand (null = not investigated yet). */
export interface Findings {
  debtArrangement: DebtArrangement | null;
  ownStrength: boolean | null;
  ownNetwork: boolean | null;
  volunteers: boolean | null;
  incomeSource: IncomeSource | null;
  partnerAgreed: boolean | null;
}

export const EMPTY_FINDINGS: Findings = {
  debtArrangement: null, ownStrength: null, ownNetwork: null, volunteers: null, incomeSource: null, partnerAgreed: null,
};

export function isBenefit(s: IncomeSource | null): boolean {
  return s !== null && (BENEFITS as readonly string[]).includes(s);
}

export interface RouteOption {
  route: Route;
  available: boolean;
  /** Why the route is not available (empty when it is). */
  reasons: string[];
  /** What still has to happen before it can start (consent, approval); shown, checked at start. */
  needs: string[];
}

/**
 * Which routes the findings allow, in the agreement's order. A later route is only open when the
 * earlier ones are not possible: schuldregeling first; then own strength / network / volunteers;
 * then withholding from a Pw/Ioaw/Ioaz/Bbz benefit; then budget management for other income.
 */
export function routeOptions(f: Findings): RouteOption[] {
  const out: RouteOption[] = [];
  const selfHelp = f.ownStrength === true || f.ownNetwork === true || f.volunteers === true;
  for (const route of ROUTES) {
    const reasons: string[] = [];
    const needs: string[] = [];
    const def = ROUTE_DEFINITIONS[route];
    if (f.debtArrangement === null) reasons.push('Nog niet onderzocht of een schuldregeling mogelijk is');
    if (route === 'schuldregeling') {
      if (f.debtArrangement === 'nee') reasons.push('Schuldregeling is volgens het onderzoek niet mogelijk');
      if (f.debtArrangement === 'tijdelijk-niet') reasons.push('Schuldregeling is volgens het onderzoek tijdelijk niet mogelijk');
    } else {
      if (f.debtArrangement === 'ja') reasons.push('Eerst schuldregeling: die is volgens het onderzoek mogelijk');
    }
    if (route === 'eigen-kracht' || route === 'eigen-netwerk' || route === 'vrijwilliger') {
      const [value, label] =
        route === 'eigen-kracht' ? [f.ownStrength, 'op eigen kracht betalen'] :
        route === 'eigen-netwerk' ? [f.ownNetwork, 'met het eigen netwerk betalen'] :
        [f.volunteers, 'met hulp van vrijwilligers betalen'];
      if (value === null) reasons.push(`Nog niet onderzocht of de inwoner kan ${label}`);
      else if (value === false) reasons.push(`De inwoner kan volgens het onderzoek niet ${label}`);
      if (f.partnerAgreed !== true) reasons.push('Aanpak nog niet afgestemd met de verhuurder (bevinding "afgestemd")');
    }
    if (route === 'inhouding' || route === 'budgetbeheer') {
      if (selfHelp) reasons.push('Niet nodig: de inwoner kan op eigen kracht, met het netwerk of met vrijwilligers betalen');
      else if (f.ownStrength === null || f.ownNetwork === null || f.volunteers === null) {
        reasons.push('Eerst onderzoeken of eigen kracht, eigen netwerk of vrijwilligers mogelijk zijn');
      }
      if (f.incomeSource === null) reasons.push('Inkomensbron nog niet vastgelegd');
    }
    if (route === 'inhouding' && f.incomeSource !== null && !isBenefit(f.incomeSource)) {
      reasons.push(`Inhouding alleen bij een uitkering op grond van de Pw, Ioaw, Ioaz of Bbz (inkomen: ${f.incomeSource})`);
    }
    if (route === 'budgetbeheer' && f.incomeSource !== null) {
      if (isBenefit(f.incomeSource)) {
        reasons.push(`Budgetbeheer niet bij een ${f.incomeSource}-uitkering: gebruik inhouding op de uitkering`);
      } else if (f.incomeSource !== 'ander-inkomen') {
        reasons.push('Budgetbeheer alleen bij een andere inkomensbron dan een uitkering (inkomen: geen inkomen)');
      }
    }
    if (def.recipient) needs.push(`schriftelijke toestemming voor ${RECIPIENT_LABELS[def.recipient]}`);
    if (route === 'budgetbeheer') needs.push('goedkeuring van de gemeente (kosten voor de gemeente, gratis voor de huurder)');
    out.push({ route, available: reasons.length === 0, reasons, needs });
  }
  return out;
}

/** Merges new findings onto the current ones (a field not given keeps its value). */
export function mergeFindings(current: Findings, update: Partial<Findings>): Findings {
  const out: Findings = { ...current };
  for (const k of Object.keys(update) as Array<keyof Findings>) {
    if (update[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = update[k];
  }
  return out;
}

export interface ConsentLike {
  id: number;
  recipient: ConsentRecipient;
  recipientName: string | null;
  dataCategories: string[];
  signedDate: string;
  withdrawnDate: string | null;
}

const sameName = (a: string | null, b: string | null) =>
  (a ?? '').trim().toLocaleLowerCase('nl') === (b ?? '').trim().toLocaleLowerCase('nl');

/** How to name the recipient in a message: "Humanitas", "het eigen netwerk", "de gemeente (inhouding)". */
export function recipientPhrase(route: Route, name: string | null): string {
  const recipientName = name?.trim() || null;
  switch (route) {
    case 'vrijwilliger': return recipientName ?? 'een vrijwilliger';
    case 'eigen-netwerk': return recipientName ? `${recipientName} (eigen netwerk)` : 'het eigen netwerk';
    case 'inhouding': return 'de gemeente (inhouding op de uitkering)';
    case 'budgetbeheer': return 'Plangroep (budgetbeheer)';
    default: return ROUTE_LABELS[route];
  }
}

/**
 * Why a consent does not cover a referral (empty = it does): right recipient (and name), every
 * category passed on, signed on or before the referral date, not withdrawn.
 */
export function consentGaps(
  consent: ConsentLike,
  referral: { route: Route; recipientName: string | null; categories: readonly string[]; date: string },
): string[] {
  const def = ROUTE_DEFINITIONS[referral.route];
  const gaps: string[] = [];
  const to = recipientPhrase(referral.route, referral.recipientName);
  if (def.recipient === null) return gaps;
  if (consent.recipient !== def.recipient || (def.needsRecipientName && !sameName(consent.recipientName, referral.recipientName))) {
    gaps.push(
      `Toestemming ${consent.id} geldt voor ${consent.recipientName ?? RECIPIENT_LABELS[consent.recipient]}, niet voor ${to}`,
    );
  }
  const uncovered = referral.categories.filter((c) => !consent.dataCategories.includes(c));
  if (uncovered.length) gaps.push(`Toestemming ${consent.id} dekt niet het doorgeven van: ${uncovered.join(', ')}`);
  if (consent.signedDate > referral.date) gaps.push(`Toestemming ${consent.id} is pas getekend na de doorverwijzing (${consent.signedDate})`);
  if (consent.withdrawnDate !== null && consent.withdrawnDate <= referral.date) {
    gaps.push(`Toestemming ${consent.id} is ingetrokken op ${consent.withdrawnDate}`);
  }
  return gaps;
}

/**
 * Picks the consent that covers a referral, or explains why none does. With an explicit consent id
 * only that one is considered.
 */
export function findCoveringConsent(
  consents: ConsentLike[],
  referral: { route: Route; recipientName: string | null; categories: readonly string[]; date: string },
  consentId?: number,
): { consent: ConsentLike | null; missing: string[] } {
  const def = ROUTE_DEFINITIONS[referral.route];
  if (def.recipient === null) return { consent: null, missing: [] };
  const to = recipientPhrase(referral.route, referral.recipientName);
  if (consentId !== undefined) {
    const c = consents.find((x) => x.id === consentId);
    if (!c) return { consent: null, missing: [`Toestemming ${consentId} hoort niet bij deze zaak`] };
    const gaps = consentGaps(c, referral);
    return gaps.length ? { consent: null, missing: gaps } : { consent: c, missing: [] };
  }
  const ordered = [...consents].sort((a, b) => b.signedDate.localeCompare(a.signedDate) || b.id - a.id);
  for (const c of ordered) if (consentGaps(c, referral).length === 0) return { consent: c, missing: [] };
  const forRecipient = ordered.filter(
    (c) => c.recipient === def.recipient && (!def.needsRecipientName || sameName(c.recipientName, referral.recipientName)),
  );
  if (forRecipient.length === 0) return { consent: null, missing: [`Geen schriftelijke toestemming voor doorverwijzing naar ${to}`] };
  return { consent: null, missing: [`Geen geldige schriftelijke toestemming voor doorverwijzing naar ${to}`, ...consentGaps(forRecipient[0], referral)] };
}

export function isRoute(s: string): s is Route {
  return (ROUTES as readonly string[]).includes(s);
}
