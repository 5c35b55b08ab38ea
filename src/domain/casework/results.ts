/**
 * Closing a case: the national final results (DDAS v1.2 EnumEindresultaat, exact strings), which of
 * them fit the case as it stands (route taken, contact made, zorgmelding), the default mapped from
 * the route (FACTS.md), and the feedback the partner may get. Pure.
 */
import { addDays } from '../dates';
import type { Route } from './routes';

export const FINAL_RESULTS = {
  quickFix: '(Budget)advies en/of quick fix',
  geenContact: 'Definitief geen contact kunnen krijgen',
  geenReactie: 'Geen reactie na eerder contact',
  alBekend: 'Inwoner al bekend bij schuldhulpverlening',
  anderTraject: 'Inwoner heeft al een ander lopend traject',
  zelfBetaald: 'Inwoner heeft zelf al betaald/betalingsregeling getroffen',
  overleden: 'Inwoner is overleden',
  regeltZelf: 'Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering',
  onterecht: 'Niet opgepakt: onterecht signaal',
  geenInwoner: 'Persoon is geen inwoner (meer) in de gemeente',
  verwijzing: 'Vervolghulp en/of verwijzing',
  financieel: 'Vervolghulp en/of verwijzing financieel',
  nietFinancieel: 'Vervolghulp en/of verwijzing niet financieel',
  zonderInwoner: 'Verwijzing zonder tussenkomst inwoner',
} as const;
export type FinalResultCode = keyof typeof FINAL_RESULTS;
export type FinalResult = (typeof FINAL_RESULTS)[FinalResultCode];

/** Short codes for the command line (`--resultaat financieel`); the exact string is stored. */
export const RESULT_CODES: Record<string, FinalResultCode> = {
  'quick-fix': 'quickFix', 'geen-contact': 'geenContact', 'geen-reactie': 'geenReactie', 'al-bekend': 'alBekend',
  'ander-traject': 'anderTraject', 'zelf-betaald': 'zelfBetaald', overleden: 'overleden', 'regelt-zelf': 'regeltZelf',
  onterecht: 'onterecht', 'geen-inwoner': 'geenInwoner', verwijzing: 'verwijzing', financieel: 'financieel',
  'niet-financieel': 'nietFinancieel', 'zonder-inwoner': 'zonderInwoner',
};

/** Accepts a short code or the exact DDAS string. */
export function parseFinalResult(input: string): FinalResult | null {
  const s = input.trim();
  const byCode = RESULT_CODES[s.toLowerCase()];
  if (byCode) return FINAL_RESULTS[byCode];
  const exact = (Object.values(FINAL_RESULTS) as string[]).find((r) => r.toLowerCase() === s.toLowerCase());
  return (exact as FinalResult | undefined) ?? null;
}

/** Route → final result (FACTS.md): financial follow-up help for the referrals to help with paying. */
export const ROUTE_RESULT: Record<Route, FinalResult> = {
  schuldregeling: FINAL_RESULTS.financieel,
  vrijwilliger: FINAL_RESULTS.financieel,
  inhouding: FINAL_RESULTS.financieel,
  budgetbeheer: FINAL_RESULTS.financieel,
  // Own strength after advice: the resident pays again themselves.
  'eigen-kracht': FINAL_RESULTS.quickFix,
  // Handed over to the resident's own network: a referral, not professional financial help.
  'eigen-netwerk': FINAL_RESULTS.verwijzing,
};

/** Arrears cleared within this many days of accepting help count as a quick fix (FACTS.md). */
export const QUICK_FIX_DAYS = 30;

export interface ClosingContext {
  contactMade: boolean;
  attempts: number;
  /** The route that counts (the last one not stopped), if any. */
  route: { route: Route; status: 'gestart' | 'afgerond'; startedDate: string; endedDate: string | null } | null;
  zorgmeldingMade: boolean;
  closeDate: string;
}

/** The final results that fit the case, the default first. */
export function allowedResults(c: ClosingContext): FinalResult[] {
  const r = FINAL_RESULTS;
  const always: FinalResult[] = [r.overleden, r.geenInwoner];
  if (c.route) {
    const out: FinalResult[] = [ROUTE_RESULT[c.route.route]];
    const end = c.route.endedDate ?? c.closeDate;
    if (c.route.status === 'afgerond' && end <= addDays(c.route.startedDate, QUICK_FIX_DAYS)) out.push(r.quickFix);
    return unique([...out, ...always]);
  }
  const out: FinalResult[] = [];
  if (c.zorgmeldingMade) out.push(r.zonderInwoner);
  if (c.contactMade) {
    out.push(r.regeltZelf, r.zelfBetaald, r.quickFix, r.geenReactie, r.nietFinancieel, r.alBekend, r.anderTraject, r.onterecht);
  } else {
    if (c.attempts > 0) out.push(r.geenContact);
    out.push(r.zelfBetaald, r.alBekend, r.anderTraject, r.onterecht);
  }
  return unique([...out, ...always]);
}

/** Why a result does not fit (empty = it fits). */
export function resultMisfit(result: FinalResult, c: ClosingContext): string[] {
  if (allowedResults(c).includes(result)) return [];
  const r = FINAL_RESULTS;
  if (c.route) {
    return [`Eindresultaat "${result}" past niet bij route ${c.route.route} (passend: ${allowedResults(c).map((x) => `"${x}"`).join(', ')})`];
  }
  if (result === r.geenContact && c.contactMade) return ['Er is contact geweest met de inwoner: kies "Geen reactie na eerder contact" of een ander resultaat'];
  if (result === r.geenContact) return ['Nog geen contactpoging vastgelegd: "Definitief geen contact" vraagt minstens één poging'];
  if (result === r.zonderInwoner) return ['"Verwijzing zonder tussenkomst inwoner" kan alleen na een zorgmelding'];
  if ((Object.values(ROUTE_RESULT) as string[]).includes(result) && result !== r.quickFix) {
    return [`Eindresultaat "${result}" vraagt een gestarte route (geen route op deze zaak)`];
  }
  return [`Eindresultaat "${result}" past niet bij deze zaak (passend: ${allowedResults(c).map((x) => `"${x}"`).join(', ')})`];
}

/**
 * What the partner may be told (FACTS: picked up or not, and only the standard reasons — never the
 * content of the help, never an "other reason").
 */
export const PARTNER_FEEDBACK_VALUES = [
  'opgepakt',
  'niet-opgepakt',
  'niet-opgepakt:herhaalmelding',
  'niet-opgepakt:drempelbedrag',
  'niet-opgepakt:overleden',
  'niet-opgepakt:geen-inwoner',
] as const;
export type PartnerFeedback = (typeof PARTNER_FEEDBACK_VALUES)[number];

export const PARTNER_FEEDBACK_LABELS: Record<PartnerFeedback, string> = {
  opgepakt: 'Opgepakt',
  'niet-opgepakt': 'Niet opgepakt',
  'niet-opgepakt:herhaalmelding': 'Niet opgepakt: herhaalmelding',
  'niet-opgepakt:drempelbedrag': 'Niet opgepakt: onder het drempelbedrag',
  'niet-opgepakt:overleden': 'Niet opgepakt: inwoner is overleden',
  'niet-opgepakt:geen-inwoner': 'Niet opgepakt: geen inwoner (meer) van de gemeente',
};

/** The feedback that follows from a final result. */
export function partnerFeedbackFor(result: FinalResult): PartnerFeedback {
  switch (result) {
    case FINAL_RESULTS.overleden: return 'niet-opgepakt:overleden';
    case FINAL_RESULTS.geenInwoner: return 'niet-opgepakt:geen-inwoner';
    case FINAL_RESULTS.onterecht:
    case FINAL_RESULTS.alBekend: return 'niet-opgepakt';
    default: return 'opgepakt';
  }
}

/**
 * Checks a caseworker's choice of feedback: only the allowed values, and no reason that the final
 * result does not support (the partner may learn the standard reason, nothing more).
 */
export function feedbackMisfit(chosen: string, result: FinalResult): string[] {
  if (!(PARTNER_FEEDBACK_VALUES as readonly string[]).includes(chosen)) {
    return [`Terugkoppeling "${chosen}" is niet toegestaan; de partner mag alleen horen: ${PARTNER_FEEDBACK_VALUES.join(', ')}`];
  }
  const derived = partnerFeedbackFor(result);
  if (chosen === derived) return [];
  if (chosen.startsWith('niet-opgepakt:') || derived.startsWith('niet-opgepakt:')) {
    return [`Terugkoppeling "${chosen}" past niet bij eindresultaat "${result}" (wel: ${derived})`];
  }
  return [];
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
