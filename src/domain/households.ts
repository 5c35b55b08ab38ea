/**
 * Household matching and repeat reports. A household is "same address, same person": the same
 * postcode, house number and addition, the same surname (folded: no diacritics, case or
 * tussenvoegsel), and no contradiction in birth date or first initial — a missing birth date or
 * initial matches, since partners do not always deliver them.
 *
 * A household imported from a DDAS v1.2 delivery has no name (v1.2 minimises the client to address
 * and birth date): its name key is UNKNOWN_NAME_KEY. An unknown name is compatible with any
 * name at the same address, so the first real signal there finds the imported history (and its
 * name completes the household); a known, equal name still wins over an unknown one.
 */
import { addMonths } from './dates';
import { displayName, foldKey, type NameParts } from './text';

export interface HouseholdIdentity {
  nameKey: string;
  initial: string | null;
  birthDate: string | null;
  postcode: string;
  houseNumber: number;
  houseNumberAddition: string | null;
}

export function identityOf(
  person: NameParts & { birthDate: string | null },
  address: { postcode: string; houseNumber: number; houseNumberAddition: string | null },
): HouseholdIdentity {
  return {
    nameKey: foldKey(person.lastName),
    initial: person.initials ? person.initials.slice(0, 1) : null,
    birthDate: person.birthDate,
    postcode: address.postcode,
    houseNumber: address.houseNumber,
    houseNumberAddition: address.houseNumberAddition ? foldKey(address.houseNumberAddition) : null,
  };
}

function compatible<T>(a: T | null, b: T | null): boolean {
  return a === null || b === null || a === b;
}

/**
 * Name key of a household whose name is not known (imported from DDAS v1.2). `foldKey` never
 * yields '?', so a real name (even one without Latin letters, which folds to '') is never "unknown".
 */
export const UNKNOWN_NAME_KEY = '?';
/** How a household without a known name is shown to caseworkers. */
export const UNKNOWN_NAME_LABEL = 'naam onbekend (geïmporteerd)';

export function nameKnown(nameKey: string): boolean {
  return nameKey !== UNKNOWN_NAME_KEY;
}

/** The household's name for screens, or the "unknown (imported)" label. */
export function householdNameLabel(h: NameParts): string {
  return h.lastName.trim() === '' ? UNKNOWN_NAME_LABEL : displayName(h);
}

/**
 * The best matching household among candidates at the same address, or null. An exact match
 * (birth date and initial both known and equal) beats a tolerant one; ties go to the lowest id so
 * the outcome is deterministic.
 */
export function matchHousehold<H extends { id: number; identity: HouseholdIdentity }>(
  candidates: H[],
  who: HouseholdIdentity,
): H | null {
  const scored = candidates
    .filter(
      (c) =>
        c.identity.postcode === who.postcode &&
        c.identity.houseNumber === who.houseNumber &&
        (c.identity.houseNumberAddition ?? '') === (who.houseNumberAddition ?? '') &&
        (c.identity.nameKey === who.nameKey || !nameKnown(c.identity.nameKey) || !nameKnown(who.nameKey)) &&
        compatible(c.identity.birthDate, who.birthDate) &&
        compatible(c.identity.initial, who.initial),
    )
    .map((c) => ({
      c,
      score: (nameKnown(who.nameKey) && c.identity.nameKey === who.nameKey ? 4 : 0) +
        (c.identity.birthDate !== null && c.identity.birthDate === who.birthDate ? 2 : 0) +
        (c.identity.initial !== null && c.identity.initial === who.initial ? 1 : 0),
    }))
    .sort((a, b) => b.score - a.score || a.c.id - b.c.id);
  return scored[0]?.c ?? null;
}

export interface PriorSignal {
  id: number;
  partnerId: number;
  signalDate: string;
  arrearsCents: number;
  /** DDAS partner type of the signal's partner (Huur, Energie, …). */
  partnerType?: string;
  /** Imported from a DDAS delivery (signals.origin 'ddas-import'). */
  imported?: boolean;
}

export interface RepeatAssessment {
  isRepeat: boolean;
  amountIncreased: boolean;
  previous: PriorSignal | null;
  /** Earlier signals of this household from any partner within the look-back. */
  earlierSignals: number;
}

/**
 * A repeat report is a new signal from the same partner about the same household within the
 * look-back period (default 6 months). It is compared with that partner's most recent earlier
 * signal: if the arrears did not increase it is not picked up; if they did, it must be.
 *
 * Imported history (DDAS) names only the partner TYPE, never the organisation, so an imported
 * signal counts as "the same partner" for a new signal from a partner of the same type: without
 * that, the months brought along from the previous system would never make a repeat.
 */
export function assessRepeat(
  prior: PriorSignal[],
  partnerId: number,
  signalDate: string,
  arrearsCents: number,
  lookbackMonths: number,
  partnerType?: string,
): RepeatAssessment {
  const from = addMonths(signalDate, -lookbackMonths);
  const inWindow = prior.filter((p) => p.signalDate >= from && p.signalDate <= signalDate);
  const samePartner = inWindow
    .filter((p) => p.partnerId === partnerId || (partnerType !== undefined && p.imported === true && p.partnerType === partnerType))
    .sort((a, b) => b.signalDate.localeCompare(a.signalDate) || b.id - a.id);
  const previous = samePartner[0] ?? null;
  return {
    isRepeat: previous !== null,
    amountIncreased: previous !== null && arrearsCents > previous.arrearsCents,
    previous,
    earlierSignals: inWindow.length,
  };
}
