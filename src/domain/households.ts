/**
 * Household matching and repeat reports. A household is "same address, same person": the same
 * postcode, house number and addition, the same surname (folded: no diacritics, case or
 * tussenvoegsel), and no contradiction in birth date or first initial — a missing birth date or
 * initial matches, since partners do not always deliver them.
 */
import { addMonths } from './dates';
import { foldKey, type NameParts } from './text';

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
        c.identity.nameKey === who.nameKey &&
        compatible(c.identity.birthDate, who.birthDate) &&
        compatible(c.identity.initial, who.initial),
    )
    .map((c) => ({
      c,
      score: (c.identity.birthDate !== null && c.identity.birthDate === who.birthDate ? 2 : 0) +
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
 */
export function assessRepeat(
  prior: PriorSignal[],
  partnerId: number,
  signalDate: string,
  arrearsCents: number,
  lookbackMonths: number,
): RepeatAssessment {
  const from = addMonths(signalDate, -lookbackMonths);
  const inWindow = prior.filter((p) => p.signalDate >= from && p.signalDate <= signalDate);
  const samePartner = inWindow
    .filter((p) => p.partnerId === partnerId)
    .sort((a, b) => b.signalDate.localeCompare(a.signalDate) || b.id - a.id);
  const previous = samePartner[0] ?? null;
  return {
    isRepeat: previous !== null,
    amountIncreased: previous !== null && arrearsCents > previous.arrearsCents,
    previous,
    earlierSignals: inWindow.length,
  };
}
