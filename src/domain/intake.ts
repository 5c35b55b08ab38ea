/**
 * Validation and parsing of one partner report (a row from the central reporting point, after the
 * column mapping). Every problem of a row is reported at once, in Dutch, naming the field; a row
 * with problems is quarantined by the caller, never dropped.
 */
import * as yup from 'yup';
import { formatCents, parseAmountToCents } from './money';
import { addMonths, parseDate } from './dates';
import { cleanText, normaliseHouseNumber, normaliseName, normalisePostcode, type NameParts } from './text';

/** The canonical fields of a report, with the Dutch label used in messages. */
export const REPORT_FIELDS = {
  sourceRowId: 'Meldingnummer',
  receivedAt: 'Ontvangen op',
  gemeenteCode: 'Gemeentecode',
  partnerCode: 'Partnercode',
  partnerName: 'Partnernaam',
  partnerType: 'Soort partner',
  partnerReference: 'Referentienummer partner',
  signalDate: 'Signaaldatum',
  arrearsSince: 'Achterstand sinds',
  arrearsAmount: 'Achterstandsbedrag',
  monthlyRent: 'Maandhuur',
  minorChildren: 'Aantal minderjarige kinderen',
  crisis: 'Crisissignaal',
  warmHandover: 'Warme overdracht',
  evictionThreatened: 'Ontruiming dreigt',
  evictionDate: 'Ontruimingsdatum',
  initials: 'Voorletters',
  firstName: 'Voornaam',
  prefix: 'Tussenvoegsel',
  lastName: 'Achternaam',
  birthDate: 'Geboortedatum',
  street: 'Straat',
  houseNumber: 'Huisnummer',
  houseNumberAddition: 'Huisnummertoevoeging',
  postcode: 'Postcode',
  city: 'Woonplaats',
} as const;

export type ReportField = keyof typeof REPORT_FIELDS;
export type RawReport = Partial<Record<ReportField, unknown>>;

/** Partner types of the national DDAS standard (EnumSignaalpartner). */
export const PARTNER_TYPES = [
  'Belastingdienst', 'CAK Eigen bijdrage', 'CAK Zorgverzekeringen', 'Dienst Toeslagen', 'DUO',
  'Energie', 'Huur', 'Hypotheek', 'Overige', 'Water', 'Zorg',
] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

export interface IntakeReport {
  gemeenteCode: string | null;
  partner: { code: string; name: string; type: PartnerType };
  partnerReference: string;
  signalDate: string;
  arrearsSince: string | null;
  arrearsCents: number;
  monthlyRentCents: number | null;
  /** null: the partner did not say (unknown is not the same as none). */
  minorChildren: number | null;
  crisis: boolean;
  warmHandover: boolean;
  evictionThreatened: boolean;
  evictionDate: string | null;
  person: NameParts & { birthDate: string | null };
  address: {
    street: string | null;
    houseNumber: number;
    houseNumberAddition: string | null;
    postcode: string;
    city: string | null;
  };
}

export interface FieldProblem {
  field: ReportField;
  message: string;
}

export type ValidationOutcome =
  | { ok: true; report: IntakeReport }
  | { ok: false; problems: FieldProblem[] };

const TRUE_WORDS = new Set(['j', 'ja', 'y', 'yes', 'true', '1', 'waar', 'x']);
const FALSE_WORDS = new Set(['n', 'nee', 'no', 'false', '0', 'onwaar', '']);

/** `J`/`N`, `ja`/`nee`, 1/0, true/false → boolean; null when unreadable. */
export function parseFlag(input: unknown): boolean | null {
  if (input === null || input === undefined) return false;
  if (typeof input === 'boolean') return input;
  if (typeof input === 'number') return input === 1 ? true : input === 0 ? false : null;
  const s = cleanText(input).toLowerCase();
  if (TRUE_WORDS.has(s)) return true;
  if (FALSE_WORDS.has(s)) return false;
  return null;
}

function isBlank(v: unknown): boolean {
  return v === null || v === undefined || cleanText(v) === '';
}

function label(field: ReportField): string {
  return REPORT_FIELDS[field];
}

/**
 * The yup schema for a raw report. `businessDate` is "today" for this run: it is passed in per
 * validation, never computed when the module loads.
 */
function reportSchema(businessDate: string) {
  const required = (field: ReportField) =>
    yup.mixed().nullable().test('required', `${label(field)} ontbreekt`, (v) => !isBlank(v));
  const amount = (field: ReportField, opts: { required: boolean; allowNegative: boolean; maxCents: number }) =>
    yup.mixed().nullable().test('amount', function (v) {
      if (isBlank(v)) return opts.required ? this.createError({ message: `${label(field)} ontbreekt` }) : true;
      const r = parseAmountToCents(v);
      if (!r.ok) return this.createError({ message: `${label(field)}: ${r.error}` });
      if (!opts.allowNegative && r.value < 0) {
        return this.createError({ message: `${label(field)} is negatief (${cleanText(v)}): dat is een tegoed, geen achterstand` });
      }
      if (r.value > opts.maxCents) {
        return this.createError({ message: `${label(field)} ${cleanText(v)} is onwaarschijnlijk hoog (meer dan ${formatCents(opts.maxCents)})` });
      }
      return true;
    });
  const date = (field: ReportField, opts: { required: boolean; notAfter?: string; notBefore?: string }) =>
    yup.mixed().nullable().test('date', function (v) {
      if (isBlank(v)) return opts.required ? this.createError({ message: `${label(field)} ontbreekt` }) : true;
      const r = parseDate(v);
      if (!r.ok) return this.createError({ message: `${label(field)}: ${r.error}` });
      if (opts.notAfter && r.value > opts.notAfter) {
        return this.createError({ message: `${label(field)} ligt in de toekomst (${cleanText(v)})` });
      }
      if (opts.notBefore && r.value < opts.notBefore) {
        return this.createError({ message: `${label(field)} is onwaarschijnlijk vroeg (${cleanText(v)})` });
      }
      return true;
    });
  const flag = (field: ReportField) =>
    yup.mixed().nullable().test('flag', `${label(field)} is geen ja/nee-waarde`, (v) => parseFlag(v) !== null);

  return yup.object({
    partnerCode: required('partnerCode'),
    partnerType: yup.mixed().nullable().test('type', function (v) {
      if (isBlank(v)) return true; // defaults to Huur: the reporting point is for landlords
      return resolvePartnerType(v) !== null
        ? true
        : this.createError({ message: `${label('partnerType')} "${cleanText(v)}" is onbekend (toegestaan: ${PARTNER_TYPES.join(', ')})` });
    }),
    partnerReference: required('partnerReference'),
    signalDate: date('signalDate', { required: true, notAfter: businessDate, notBefore: '2000-01-01' }),
    arrearsSince: date('arrearsSince', { required: false, notAfter: businessDate, notBefore: '1990-01-01' }),
    arrearsAmount: amount('arrearsAmount', { required: true, allowNegative: false, maxCents: MAX_ARREARS_CENTS }),
    monthlyRent: amount('monthlyRent', { required: false, allowNegative: false, maxCents: MAX_RENT_CENTS }),
    minorChildren: yup.mixed().nullable().test('children', function (v) {
      if (isBlank(v)) return true;
      const s = cleanText(v);
      if (!/^\d{1,2}$/.test(s)) {
        return this.createError({ message: `${label('minorChildren')} "${s}" is geen geheel aantal` });
      }
      return true;
    }),
    crisis: flag('crisis'),
    warmHandover: flag('warmHandover'),
    evictionThreatened: flag('evictionThreatened'),
    evictionDate: date('evictionDate', { required: false, notBefore: '2000-01-01' }),
    lastName: yup.mixed().nullable().test('name', function (v) {
      const s = cleanText(v);
      if (s === '') return this.createError({ message: `${label('lastName')} ontbreekt` });
      if (!/\p{L}/u.test(s)) return this.createError({ message: `${label('lastName')} "${s}" bevat geen letters` });
      return true;
    }),
    birthDate: yup.mixed().nullable().test('birth', function (v) {
      if (isBlank(v)) return true;
      const r = parseDate(v);
      if (!r.ok) return this.createError({ message: `${label('birthDate')}: ${r.error}` });
      if (r.value > businessDate) return this.createError({ message: `${label('birthDate')} ligt in de toekomst (${cleanText(v)})` });
      if (r.value < '1900-01-01') return this.createError({ message: `${label('birthDate')} is onwaarschijnlijk vroeg (${cleanText(v)})` });
      // A tenant with a rental contract is an adult; younger than 16 is a data error.
      if (r.value > addMonths(businessDate, -16 * 12)) {
        return this.createError({ message: `${label('birthDate')} ${cleanText(v)} geeft een huurder jonger dan 16 jaar` });
      }
      return true;
    }),
    houseNumber: yup.mixed().nullable().test('hn', function (v) {
      if (isBlank(v)) return this.createError({ message: `${label('houseNumber')} ontbreekt` });
      return normaliseHouseNumber(v, this.parent.houseNumberAddition) !== null
        ? true
        : this.createError({ message: `${label('houseNumber')} "${cleanText(v)}" is geen huisnummer` });
    }),
    postcode: yup.mixed().nullable().test('pc', function (v) {
      if (isBlank(v)) return this.createError({ message: `${label('postcode')} ontbreekt` });
      return normalisePostcode(v) !== null
        ? true
        : this.createError({ message: `${label('postcode')} "${cleanText(v)}" is geen Nederlandse postcode` });
    }),
  });
}

/** Larger amounts are data errors (and would not fit the integer cents columns). */
export const MAX_ARREARS_CENTS = 100_000_000; // € 1.000.000,00
export const MAX_RENT_CENTS = 10_000_000; // € 100.000,00

/** Longest text per field, as the database stores it (NVARCHAR sizes in the migrations). */
export const MAX_LENGTHS: Partial<Record<ReportField, number>> = {
  partnerCode: 64,
  partnerName: 200,
  partnerReference: 100,
  initials: 40,
  firstName: 200,
  prefix: 40,
  lastName: 200,
  street: 200,
  city: 100,
  houseNumberAddition: 20,
};

/** Maps a partner type as delivered (`huur`, `Woningcorporatie`, `HUUR`) to the national list. */
export function resolvePartnerType(v: unknown): PartnerType | null {
  const s = cleanText(v).toLowerCase();
  if (s === '') return 'Huur';
  const direct = PARTNER_TYPES.find((t) => t.toLowerCase() === s);
  if (direct) return direct;
  if (['woningcorporatie', 'verhuurder', 'corporatie', 'woningbouwvereniging'].includes(s)) return 'Huur';
  if (['zorgverzekeraar'].includes(s)) return 'Zorg';
  if (['energieleverancier'].includes(s)) return 'Energie';
  if (['drinkwaterbedrijf', 'waterbedrijf'].includes(s)) return 'Water';
  return null;
}

/**
 * Validates a raw report and, when valid, parses it into an IntakeReport (cents, ISO dates,
 * normalised name and address). `businessDate` is the date the nightly run processes.
 */
export function validateReport(raw: RawReport, businessDate: string): ValidationOutcome {
  const problems: FieldProblem[] = [];
  try {
    reportSchema(businessDate).validateSync(raw, { abortEarly: false });
  } catch (e) {
    if (!(e instanceof yup.ValidationError)) throw e;
    for (const inner of e.inner) problems.push({ field: (inner.path ?? 'sourceRowId') as ReportField, message: inner.message });
  }
  for (const [field, max] of Object.entries(MAX_LENGTHS) as Array<[ReportField, number]>) {
    const len = [...cleanText(raw[field])].length;
    if (len > max && !problems.some((p) => p.field === field)) {
      problems.push({ field, message: `${label(field)} is te lang (${len} tekens, hoogstens ${max})` });
    }
  }
  if (!isBlank(raw.gemeenteCode) && !/^\d{4}$/.test(cleanText(raw.gemeenteCode))) {
    problems.push({ field: 'gemeenteCode', message: `${label('gemeenteCode')} "${cleanText(raw.gemeenteCode).slice(0, 20)}" is geen CBS-gemeentecode van 4 cijfers` });
  }
  if (problems.length) return { ok: false, problems };
  const cents = (v: unknown) => {
    const r = parseAmountToCents(v);
    return r.ok ? r.value : null;
  };
  const date = (v: unknown) => {
    if (isBlank(v)) return null;
    const r = parseDate(v);
    return r.ok ? r.value : null;
  };
  const hn = normaliseHouseNumber(raw.houseNumber, raw.houseNumberAddition)!;
  const partnerCode = cleanText(raw.partnerCode);
  return {
    ok: true,
    report: {
      gemeenteCode: cleanText(raw.gemeenteCode) || null,
      partner: {
        code: partnerCode,
        name: cleanText(raw.partnerName) || partnerCode,
        type: resolvePartnerType(raw.partnerType)!,
      },
      partnerReference: cleanText(raw.partnerReference),
      signalDate: date(raw.signalDate)!,
      arrearsSince: date(raw.arrearsSince),
      arrearsCents: cents(raw.arrearsAmount)!,
      monthlyRentCents: isBlank(raw.monthlyRent) ? null : cents(raw.monthlyRent),
      minorChildren: isBlank(raw.minorChildren) ? null : Number(cleanText(raw.minorChildren)),
      crisis: parseFlag(raw.crisis)!,
      warmHandover: parseFlag(raw.warmHandover)!,
      evictionThreatened: parseFlag(raw.evictionThreatened)! || !isBlank(raw.evictionDate),
      evictionDate: date(raw.evictionDate),
      person: {
        ...normaliseName({
          initials: raw.initials,
          firstName: raw.firstName,
          prefix: raw.prefix,
          lastName: raw.lastName,
        }),
        birthDate: date(raw.birthDate),
      },
      address: {
        street: cleanText(raw.street) || null,
        houseNumber: hn.number,
        houseNumberAddition: hn.addition,
        postcode: normalisePostcode(raw.postcode)!,
        city: cleanText(raw.city) || null,
      },
    },
  };
}
