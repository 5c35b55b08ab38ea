/**
 * The fact registry: the one table of every fact a rule file may use. The rule validator, the CLI
 * help and the README's vocabulary for policy staff are all generated from it, so they cannot drift.
 * Facts reach the engine as typed numbers, booleans, strings or null ("onbekend"), never as text
 * that merely looks like a number.
 */
import { PARTNER_TYPES, type IntakeReport } from './intake';
import { ageInYears, daysBetween } from './dates';

export type FactType = 'bedrag' | 'getal' | 'jaNee' | 'keuze';
export type Phase = 'intake' | 'escalatie';

export interface FactDefinition {
  name: string;
  label: string;
  type: FactType;
  unit: string;
  /** May be null when the partner did not deliver what the fact is derived from. */
  nullable: boolean;
  /** For `keuze` facts: the allowed values. */
  values?: readonly string[];
  phases: readonly Phase[];
  description: string;
  example: unknown;
}

export const OPERATORS_BY_TYPE: Record<FactType, readonly string[]> = {
  bedrag: ['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'],
  getal: ['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'],
  jaNee: ['equal', 'notEqual'],
  keuze: ['equal', 'notEqual', 'in', 'notIn'],
};

export const OPERATOR_LABELS: Record<string, string> = {
  equal: 'is gelijk aan',
  notEqual: 'is niet gelijk aan',
  lessThan: 'is kleiner dan',
  lessThanInclusive: 'is kleiner dan of gelijk aan',
  greaterThan: 'is groter dan',
  greaterThanInclusive: 'is groter dan of gelijk aan',
  in: 'is een van',
  notIn: 'is geen van',
};

const BOTH: readonly Phase[] = ['intake', 'escalatie'];

export const CHILDREN_VALUES = ['ja', 'nee', 'onbekend'] as const;

export const FACTS: readonly FactDefinition[] = [
  { name: 'achterstandBedrag', label: 'Huurachterstand', type: 'bedrag', unit: 'euro', nullable: false, phases: BOTH,
    description: 'De gemelde huurachterstand in euro (bij een zaak: van de laatste melding).', example: 75 },
  { name: 'maandhuur', label: 'Maandhuur', type: 'bedrag', unit: 'euro', nullable: true, phases: BOTH,
    description: 'De maandhuur in euro; null als de verhuurder die niet meestuurde.', example: 850 },
  { name: 'achterstandInMaanden', label: 'Achterstand in maanden huur', type: 'getal', unit: 'maanden', nullable: true, phases: BOTH,
    description: 'Huurachterstand gedeeld door maandhuur, op twee decimalen; null als de maandhuur onbekend is.', example: 2 },
  { name: 'dagenAchterstand', label: 'Dagen sinds begin achterstand', type: 'getal', unit: 'dagen', nullable: true, phases: BOTH,
    description: 'Aantal dagen tussen "achterstand sinds" en de verwerkingsdatum; null als onbekend.', example: 60 },
  { name: 'minderjarigeKinderen', label: 'Aantal minderjarige kinderen', type: 'getal', unit: 'kinderen', nullable: true, phases: BOTH,
    description: 'Aantal inwonende minderjarige kinderen; null als de verhuurder het niet weet.', example: 2 },
  { name: 'kinderen', label: 'Minderjarige kinderen in huis', type: 'keuze', unit: '', nullable: false, values: CHILDREN_VALUES, phases: BOTH,
    description: '"ja" (1 of meer), "nee" (0 gemeld) of "onbekend" (niet gemeld).', example: 'ja' },
  { name: 'ontruimingDreigt', label: 'Ontruiming dreigt', type: 'jaNee', unit: '', nullable: false, phases: BOTH,
    description: 'De verhuurder meldt een dreigende ontruiming (of gaf een ontruimingsdatum).', example: true },
  { name: 'dagenTotOntruiming', label: 'Dagen tot ontruimingsdatum', type: 'getal', unit: 'dagen', nullable: true, phases: BOTH,
    description: 'Dagen van de verwerkingsdatum tot de ontruimingsdatum; null als er geen datum is.', example: 14 },
  { name: 'crisissignaal', label: 'Crisissignaal', type: 'jaNee', unit: '', nullable: false, phases: BOTH,
    description: 'De partner markeerde de melding als crisis.', example: true },
  { name: 'warmeOverdracht', label: 'Warme overdracht', type: 'jaNee', unit: '', nullable: false, phases: BOTH,
    description: 'De partner heeft al contact en vraagt de inwoner op te pakken.', example: false },
  { name: 'soortPartner', label: 'Soort signaalpartner', type: 'keuze', unit: '', nullable: false, values: PARTNER_TYPES, phases: BOTH,
    description: 'Soort partner volgens de landelijke standaard (DDAS).', example: 'Huur' },
  { name: 'herhaalmelding', label: 'Herhaalmelding', type: 'jaNee', unit: '', nullable: false, phases: BOTH,
    description: 'Dezelfde partner meldde dit huishouden al binnen de terugkijkperiode.', example: true },
  { name: 'bedragGestegen', label: 'Bedrag gestegen', type: 'jaNee', unit: '', nullable: false, phases: BOTH,
    description: 'Bij een herhaalmelding: de achterstand is hoger dan bij de vorige melding van deze partner.', example: false },
  { name: 'leeftijd', label: 'Leeftijd', type: 'getal', unit: 'jaar', nullable: true, phases: BOTH,
    description: 'Leeftijd van de huurder op de verwerkingsdatum; null als de geboortedatum onbekend is.', example: 23 },
  { name: 'eerdereMeldingen', label: 'Eerdere meldingen (alle partners)', type: 'getal', unit: 'meldingen', nullable: false, phases: BOTH,
    description: 'Aantal eerdere meldingen over dit huishouden binnen de terugkijkperiode, van alle partners.', example: 1 },
  { name: 'openZaak', label: 'Lopende zaak', type: 'jaNee', unit: '', nullable: false, phases: ['intake'],
    description: 'Er loopt al een zaak voor dit huishouden; de melding wordt daaraan toegevoegd.', example: false },
  { name: 'dagenOpen', label: 'Dagen zaak open', type: 'getal', unit: 'dagen', nullable: false, phases: ['escalatie'],
    description: 'Dagen sinds de zaak werd geopend.', example: 10 },
  { name: 'werkdagenTotTermijn', label: 'Werkdagen tot termijn', type: 'getal', unit: 'werkdagen', nullable: false, phases: ['escalatie'],
    description: 'Werkdagen tot de termijn voor eerste contact; negatief als die verstreken is.', example: -2 },
  { name: 'contactGelegd', label: 'Contact gelegd', type: 'jaNee', unit: '', nullable: false, phases: ['escalatie'],
    description: 'Er is contact geweest met de inwoner.', example: false },
  { name: 'oplossingsrouteActief', label: 'Oplossingsroute actief', type: 'jaNee', unit: '', nullable: false, phases: ['escalatie'],
    description: 'Er loopt een afgesproken route (schuldregeling, eigen kracht, netwerk, vrijwilliger, inhouding, budgetbeheer).', example: false },
  { name: 'zorgmeldingGedaan', label: 'Zorgmelding gedaan', type: 'jaNee', unit: '', nullable: false, phases: ['escalatie'],
    description: 'Voor deze zaak is al een zorgmelding gedaan.', example: false },
];

export const FACTS_BY_NAME: ReadonlyMap<string, FactDefinition> = new Map(FACTS.map((f) => [f.name, f]));

export type FactValues = Record<string, number | boolean | string | null>;

/** What the intake needs to know about the household's history to derive the facts. */
export interface HistoryFacts {
  isRepeat: boolean;
  amountIncreased: boolean;
  earlierSignals: number;
  openCase: boolean;
}

const euros = (cents: number) => cents / 100;

/** What the signal facts are derived from (an IntakeReport or a stored signal). */
export interface SignalFactInput {
  arrearsCents: number;
  monthlyRentCents: number | null;
  arrearsSince: string | null;
  minorChildren: number | null;
  evictionThreatened: boolean;
  evictionDate: string | null;
  crisis: boolean;
  warmHandover: boolean;
  partnerType: string;
  birthDate: string | null;
}

export function factInputOf(report: IntakeReport): SignalFactInput {
  return {
    arrearsCents: report.arrearsCents,
    monthlyRentCents: report.monthlyRentCents,
    arrearsSince: report.arrearsSince,
    minorChildren: report.minorChildren,
    evictionThreatened: report.evictionThreatened,
    evictionDate: report.evictionDate,
    crisis: report.crisis,
    warmHandover: report.warmHandover,
    partnerType: report.partner.type,
    birthDate: report.person.birthDate,
  };
}

/** Derives the facts of one signal, as of `businessDate`. Pure: no clock, no database. */
export function deriveSignalFacts(s: SignalFactInput, history: HistoryFacts, businessDate: string): FactValues {
  const rent = s.monthlyRentCents;
  return {
    achterstandBedrag: euros(s.arrearsCents),
    maandhuur: rent === null ? null : euros(rent),
    achterstandInMaanden: rent && rent > 0 ? Math.round((s.arrearsCents / rent) * 100) / 100 : null,
    dagenAchterstand: s.arrearsSince ? daysBetween(s.arrearsSince, businessDate) : null,
    minderjarigeKinderen: s.minorChildren,
    kinderen: s.minorChildren === null ? 'onbekend' : s.minorChildren > 0 ? 'ja' : 'nee',
    ontruimingDreigt: s.evictionThreatened,
    dagenTotOntruiming: s.evictionDate ? daysBetween(businessDate, s.evictionDate) : null,
    crisissignaal: s.crisis,
    warmeOverdracht: s.warmHandover,
    soortPartner: s.partnerType,
    herhaalmelding: history.isRepeat,
    bedragGestegen: history.isRepeat && history.amountIncreased,
    leeftijd: s.birthDate ? ageInYears(s.birthDate, businessDate) : null,
    eerdereMeldingen: history.earlierSignals,
    openZaak: history.openCase,
  };
}

/** Case-level facts for the escalation rules. */
export interface CaseFactInput {
  openedDate: string;
  workdaysToDeadline: number;
  contactMade: boolean;
  routeActive: boolean;
  zorgmeldingDone: boolean;
}

export function deriveCaseFacts(signalFacts: FactValues, c: CaseFactInput, businessDate: string): FactValues {
  const { openZaak: _ignored, ...rest } = signalFacts;
  return {
    ...rest,
    dagenOpen: daysBetween(c.openedDate, businessDate),
    werkdagenTotTermijn: c.workdaysToDeadline,
    contactGelegd: c.contactMade,
    oplossingsrouteActief: c.routeActive,
    zorgmeldingGedaan: c.zorgmeldingDone,
  };
}

/** Facts available in a phase (the engine gets exactly these). */
export function factsForPhase(phase: Phase): FactDefinition[] {
  return FACTS.filter((f) => f.phases.includes(phase));
}
