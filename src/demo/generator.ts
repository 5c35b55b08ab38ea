/**
 * Deterministic demo data for the central reporting point, shaped the way real partners deliver it:
 * Dutch amounts in several notations, postcodes in every shape, house-number additions, names with
 * tussenvoegsels and diacritics, missing optional fields, repeat reports (same and higher amount),
 * signals below the threshold, families with and without minor children, threatened evictions, and a
 * few rows that are plainly wrong. Sized from the Divosa monitor: 4 signals per 1,000 inhabitants a
 * month, about a fifth of them from landlords. Every person is synthetic (faker, nl locale).
 */
import type * as FakerLib from '@faker-js/faker';
import { addDays, addMonths, dateRange, dayOfWeek } from '../domain/dates';
import { SIGNALS_PER_1000_PER_MONTH, type Gemeente } from '../domain/gemeenten';
import type { PartnerType } from '../domain/intake';

export interface DemoPartner {
  code: string;
  name: string;
  /** As the partner writes its type in the source (not always the national term). */
  typeAsDelivered: string;
  type: PartnerType;
  /** How this partner writes amounts. */
  amountStyle: 'nl' | 'nl-plain' | 'euro-sign' | 'dot-decimal' | 'whole';
  weight: number;
}

/** Partner mix: landlords send about 20% of all signals (Divosa); the rest are fixed-cost partners. */
export const DEFAULT_PARTNERS: readonly DemoPartner[] = [
  { code: 'EH', name: 'Woningcorporatie Eigen Haard', typeAsDelivered: 'Huur', type: 'Huur', amountStyle: 'nl', weight: 8 },
  { code: 'YM', name: 'Ymere', typeAsDelivered: 'woningcorporatie', type: 'Huur', amountStyle: 'euro-sign', weight: 6 },
  { code: 'RD', name: 'Rochdale', typeAsDelivered: 'Huur', type: 'Huur', amountStyle: 'nl-plain', weight: 4 },
  { code: 'DK', name: 'De Key Wonen & Zorg', typeAsDelivered: 'HUUR', type: 'Huur', amountStyle: 'dot-decimal', weight: 4 },
  { code: 'VF', name: 'Vattenfall', typeAsDelivered: 'Energie', type: 'Energie', amountStyle: 'dot-decimal', weight: 14 },
  { code: 'EC', name: 'Eneco', typeAsDelivered: 'Energie', type: 'Energie', amountStyle: 'nl', weight: 10 },
  { code: 'WN', name: 'Waternet', typeAsDelivered: 'Water', type: 'Water', amountStyle: 'whole', weight: 16 },
  { code: 'ZK', name: 'Zilveren Kruis', typeAsDelivered: 'Zorg', type: 'Zorg', amountStyle: 'nl', weight: 22 },
  { code: 'ZZ', name: 'Zorg en Zekerheid', typeAsDelivered: 'zorgverzekeraar', type: 'Zorg', amountStyle: 'nl-plain', weight: 12 },
  { code: 'CW', name: 'Gemeentelijke Kredietbank Één Loket', typeAsDelivered: 'Overige', type: 'Overige', amountStyle: 'nl', weight: 4 },
];

/** Surnames with diacritics as Dutch municipalities meet them (synthetic combinations). */
const EXTRA_SURNAMES = [
  'Özdemir', 'Çelik', 'Yılmaz', 'Şahin', 'Müller', 'Nguyễn', 'Jiménez', 'Kowalczyk', 'Ćosić',
  'Ramdin', 'El Amrani', 'Doğan', 'Bakır', 'Gültekin', 'Lefèvre', 'Ångström', 'Dvořák',
];
const EXTRA_FIRSTNAMES = ['Zoë', 'Renée', 'Mariëlle', 'Chloë', 'Noël', 'Ömer', 'Şükrü', 'Anaïs', 'Joël', 'Daniëlle', 'Aliyé'];

export interface DemoOptions {
  seed: number;
  /** Last day of the demo period (inclusive). */
  endDate: string;
  months: number;
  gemeente: Gemeente;
  partners?: readonly DemoPartner[];
  /** Inhabitants; default the municipality's. */
  inhabitants?: number;
}

/** One row of the demo source table, as text the way it arrives. */
export interface DemoRow {
  melding_id: number;
  ontvangen_op: string;
  gemeentecode: string;
  partner_code: string;
  partner_naam: string;
  partner_soort: string;
  referentie: string;
  signaaldatum: string;
  achterstand_sinds: string | null;
  achterstand_bedrag: string;
  maandhuur: string | null;
  minderjarige_kinderen: string | null;
  crisis: string | null;
  warme_overdracht: string | null;
  ontruiming_dreigt: string | null;
  ontruimingsdatum: string | null;
  voorletters: string | null;
  voornaam: string | null;
  tussenvoegsel: string | null;
  achternaam: string | null;
  geboortedatum: string | null;
  straat: string | null;
  huisnummer: string;
  huisnummer_toevoeging: string | null;
  postcode: string;
  woonplaats: string | null;
}

interface Person {
  firstName: string;
  lastName: string; // may start with a tussenvoegsel
  birthDate: string | null;
  street: string;
  houseNumber: number;
  addition: string | null;
  postcode: string;
  city: string;
  monthlyRentCents: number;
  children: number | null;
  lastSignal: Map<string, { date: string; cents: number }>;
}

export function demoPeriod(endDate: string, months: number): { from: string; to: string } {
  return { from: addMonths(addDays(endDate, 1), -months), to: endDate };
}

export function generateDemo(opts: DemoOptions): DemoRow[] {
  // faker (with its Dutch locale) is loaded only when demo data is generated: it is large.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Faker, base, en, nl } = require('@faker-js/faker') as typeof FakerLib;
  const f = new Faker({ locale: [nl, en, base] });
  f.seed(opts.seed);
  const partners = opts.partners ?? DEFAULT_PARTNERS;
  const inhabitants = opts.inhabitants ?? opts.gemeente.inhabitants;
  const perMonth = (inhabitants / 1000) * SIGNALS_PER_1000_PER_MONTH;
  const { from, to } = demoPeriod(opts.endDate, opts.months);
  const days = dateRange(from, to);
  const workdays = days.filter((d) => dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6);
  // ~21.7 weekdays a month; a few signals also arrive in the weekend.
  const perWorkday = (perMonth * 0.97) / 21.7;
  const perWeekendDay = (perMonth * 0.03) / 8.7;

  const rows: Omit<DemoRow, 'melding_id'>[] = [];
  const pick = <T>(xs: readonly T[]) => xs[f.number.int({ min: 0, max: xs.length - 1 })];
  const chance = (p: number) => f.number.float({ min: 0, max: 1 }) < p;
  const poisson = (lambda: number) => {
    const l = Math.exp(-lambda);
    let k = 0;
    let p = 1;
    do {
      k += 1;
      p *= f.number.float({ min: 0, max: 1 });
    } while (p > l);
    return k - 1;
  };
  const pickPartner = (type?: PartnerType) => {
    const pool = type ? partners.filter((p) => p.type === type) : partners;
    const w = pool.reduce((s, p) => s + p.weight, 0);
    let r = f.number.float({ min: 0, max: w });
    for (const p of pool) {
      r -= p.weight;
      if (r <= 0) return p;
    }
    return pool[pool.length - 1];
  };

  const newPerson = (onDate: string): Person => {
    const [lo, hi] = pick(opts.gemeente.postcodes);
    const digits = f.number.int({ min: lo, max: hi });
    const letters = f.string.fromCharacters('ABCEGHJKLMNPRTVWXZ', 2);
    const age = f.number.int({ min: 19, max: 84 });
    const birth = addDays(addMonths(onDate, -12 * age), -f.number.int({ min: 0, max: 364 }));
    const withChildren = chance(0.3);
    return {
      firstName: chance(0.12) ? pick(EXTRA_FIRSTNAMES) : f.person.firstName(),
      lastName: chance(0.15) ? pick(EXTRA_SURNAMES) : f.person.lastName(),
      birthDate: chance(0.82) ? birth : null,
      street: f.location.street(),
      houseNumber: f.number.int({ min: 1, max: 240 }),
      addition: chance(0.25) ? pick(['A', 'B', 'hs', '1', '2', '3', 'bis', 'II']) : null,
      postcode: `${digits}${letters}`,
      city: pick(opts.gemeente.cities),
      monthlyRentCents: f.number.int({ min: 520, max: 1250 }) * 100 + pick([0, 0, 50, 25, 99]),
      children: withChildren ? f.number.int({ min: 1, max: 4 }) : chance(0.7) ? 0 : null,
      lastSignal: new Map(),
    };
  };

  const formatAmount = (cents: number, style: DemoPartner['amountStyle']): string => {
    const euros = Math.floor(cents / 100);
    const c = String(cents % 100).padStart(2, '0');
    const grouped = String(euros).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    switch (style) {
      case 'nl': return `${grouped},${c}`;
      case 'nl-plain': return `${euros},${c}`;
      case 'euro-sign': return `€ ${grouped},${c}`;
      case 'dot-decimal': return `${euros}.${c}`;
      case 'whole': return String(Math.round(cents / 100));
    }
  };
  const formatPostcode = (pc: string) => {
    const d = pc.slice(0, 4);
    const l = pc.slice(4);
    return pick([`${d} ${l}`, `${d}${l}`, `${d}${l.toLowerCase()}`, ` ${d} ${l.toLowerCase()} `, `${d}-${l}`]);
  };
  const formatDate = (iso: string, dutch: boolean) => (dutch ? `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}` : iso);

  const amountFor = (p: DemoPartner, person: Person): number => {
    if (chance(0.07)) return f.number.int({ min: 1500, max: 7450 }); // below the €75 threshold
    switch (p.type) {
      case 'Huur': {
        const months = pick([1, 1, 1.5, 2, 2, 2.5, 3, 4]);
        return Math.round(person.monthlyRentCents * months) + f.number.int({ min: 0, max: 4000 });
      }
      case 'Energie': return f.number.int({ min: 9000, max: 95000 });
      case 'Water': return f.number.int({ min: 6000, max: 32000 });
      case 'Zorg': return f.number.int({ min: 14000, max: 160000 });
      default: return f.number.int({ min: 8000, max: 60000 });
    }
  };

  let seq = 0;
  const emit = (day: string, p: DemoPartner, person: Person, cents: number) => {
    seq += 1;
    const isHuur = p.type === 'Huur';
    const dutchDates = p.amountStyle === 'nl' || p.amountStyle === 'euro-sign';
    const hour = f.number.int({ min: 7, max: 19 });
    const minute = f.number.int({ min: 0, max: 59 });
    const second = f.number.int({ min: 0, max: 59 });
    const eviction = isHuur && chance(0.09);
    const evictionDate = eviction && chance(0.6) ? addDays(day, f.number.int({ min: 10, max: 60 })) : null;
    const since = addDays(day, -f.number.int({ min: 30, max: 110 }));
    const inlineAddition = person.addition !== null && chance(0.5);
    const sep = pick(['', '-', ' ']);
    const houseNumber = inlineAddition ? `${person.houseNumber}${sep}${person.addition}` : String(person.houseNumber);
    // Some partners put the tussenvoegsel in its own column, others leave it in the surname.
    const m = /^((?:[a-z']+ )+)(.+)$/.exec(person.lastName);
    const splitPrefix = m !== null && chance(0.6);
    const initials = person.firstName.slice(0, 1) + (chance(0.3) ? f.string.fromCharacters('ABCDEGHJKLMPRSTW', 1) : '');
    rows.push({
      ontvangen_op: `${day} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}`,
      gemeentecode: opts.gemeente.code,
      partner_code: p.code,
      partner_naam: p.name,
      partner_soort: p.typeAsDelivered,
      referentie: `${p.code}-${f.string.numeric(7)}`,
      signaaldatum: formatDate(chance(0.85) ? day : addDays(day, -f.number.int({ min: 1, max: 3 })), dutchDates),
      achterstand_sinds: chance(0.8) ? formatDate(since, dutchDates) : null,
      achterstand_bedrag: formatAmount(cents, p.amountStyle),
      maandhuur: isHuur && chance(0.85) ? formatAmount(person.monthlyRentCents, p.amountStyle === 'whole' ? 'nl' : p.amountStyle) : null,
      minderjarige_kinderen: isHuur && person.children !== null ? String(person.children) : null,
      crisis: chance(0.03) ? 'J' : pick(['N', 'N', null, '0']),
      warme_overdracht: chance(0.04) ? 'J' : pick(['N', null]),
      ontruiming_dreigt: isHuur ? (eviction ? pick(['J', 'ja', '1']) : pick(['N', 'nee', '0', null])) : null,
      ontruimingsdatum: evictionDate ? formatDate(evictionDate, dutchDates) : null,
      voorletters: chance(0.7) ? pick([initials.split('').join('.') + '.', initials, initials.split('').join(' ')]) : null,
      voornaam: chance(0.5) ? person.firstName : null,
      tussenvoegsel: splitPrefix ? m![1].trim() : null,
      achternaam: splitPrefix ? m![2] : person.lastName,
      geboortedatum: person.birthDate ? formatDate(person.birthDate, dutchDates) : null,
      straat: chance(0.95) ? person.street : null,
      huisnummer: houseNumber,
      huisnummer_toevoeging: person.addition !== null && !inlineAddition ? person.addition : null,
      postcode: formatPostcode(person.postcode),
      woonplaats: chance(0.9) ? person.city : null,
    });
    person.lastSignal.set(p.code, { date: day, cents });
    recentEvents.push({ person, date: day });
  };

  // Signals of the last 6 months, oldest first: a sliding window instead of a scan over everyone.
  const recentEvents: Array<{ person: Person; date: string }> = [];
  let windowStart = 0;
  for (const day of days) {
    const horizon = addMonths(day, -6);
    while (windowStart < recentEvents.length && recentEvents[windowStart].date < horizon) windowStart += 1;
    const before = recentEvents.length;
    const weekend = dayOfWeek(day) === 0 || dayOfWeek(day) === 6;
    const n = poisson(weekend ? perWeekendDay : perWorkday);
    for (let i = 0; i < n; i++) {
      // ~40% of addresses had another signal in the previous 6 months (Divosa).
      if (before > windowStart && chance(0.38)) {
        const person = recentEvents[f.number.int({ min: windowStart, max: before - 1 })].person;
        const previous = [...person.lastSignal.entries()].filter(([, s]) => s.date < day);
        if (previous.length === 0) continue;
        const [code, last] = pick(previous);
        const same = partners.find((p) => p.code === code)!;
        if (chance(0.7)) {
          // Repeat report from the same partner: same amount, or a higher one.
          const cents = chance(0.5) ? last.cents : last.cents + f.number.int({ min: 2500, max: 60000 });
          emit(day, same, person, cents);
        } else {
          const other = pickPartner();
          emit(day, other, person, amountFor(other, person));
        }
      } else {
        const person = newPerson(day);
        const p = pickPartner();
        emit(day, p, person, amountFor(p, person));
      }
    }
  }

  // Plainly wrong rows, each kind at least once, on working days spread over the period.
  const bad = (k: number) => workdays[Math.min(workdays.length - 1, Math.floor(((k + 1) * workdays.length) / 7))];
  const corrupt: Array<(r: Omit<DemoRow, 'melding_id'>) => void> = [
    (r) => { r.achternaam = null; r.voorletters = null; r.voornaam = null; },
    (r) => { r.geboortedatum = formatDate(addDays(opts.endDate, 400), false); },
    (r) => { r.achterstand_bedrag = pick(['12,3,4', 'onbekend', '1.25.0']); },
    (r) => { r.postcode = '0123 AB'; r.huisnummer = 'nvt'; },
    (r) => { r.signaaldatum = '31-02-2026'; r.achterstand_bedrag = '-85,00'; },
  ];
  corrupt.forEach((c, k) => {
    const day = bad(k);
    const p = pickPartner('Huur');
    const person = newPerson(day);
    emit(day, p, person, amountFor(p, person));
    c(rows[rows.length - 1]);
  });
  // A name with a control character and odd spacing: cleaned at intake, not refused.
  const tidy = newPerson(workdays[0] ?? from);
  emit(workdays[0] ?? from, pickPartner('Huur'), tidy, amountFor(partners[0], tidy));
  rows[rows.length - 1].achternaam = `  ${tidy.lastName}\u0007 `;

  // Source ids follow arrival order, as an identity column in the reporting point would.
  rows.sort((a, b) => a.ontvangen_op.localeCompare(b.ontvangen_op) || a.referentie.localeCompare(b.referentie));
  return rows.map((r, i) => ({ melding_id: i + 1, ...r }));
}
