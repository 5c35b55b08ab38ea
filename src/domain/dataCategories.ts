/**
 * The categories of personal data in the agreement (Bijlage 3), with their Dutch labels: the one list
 * used by the data-sharing log, consents, referrals and the monthly data-sharing report.
 */
export const DATA_CATEGORIES = {
  naw: 'NAW',
  geboortedatum: 'Geboortedatum',
  referentie: 'Referentienummer partner',
  huur: 'Hoogte huur',
  achterstand: 'Hoogte achterstand (huur of vaste lasten)',
  kinderen: 'Aantal minderjarige kinderen',
} as const;

export type DataCategory = keyof typeof DATA_CATEGORIES;

export const DATA_CATEGORY_KEYS = Object.keys(DATA_CATEGORIES) as DataCategory[];
