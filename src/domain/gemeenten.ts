/** Municipalities the demo and the reports know by CBS code (sizes from CBS, rounded). */
export interface Gemeente {
  code: string;
  name: string;
  inhabitants: number;
  /** Postcode digit ranges used by the demo generator. */
  postcodes: Array<[number, number]>;
  cities: string[];
}

export const GEMEENTEN: readonly Gemeente[] = [
  { code: '0384', name: 'Diemen', inhabitants: 32_000, postcodes: [[1111, 1113]], cities: ['Diemen'] },
  { code: '0363', name: 'Amsterdam', inhabitants: 930_000, postcodes: [[1011, 1109]], cities: ['Amsterdam'] },
  { code: '0599', name: 'Rotterdam', inhabitants: 670_000, postcodes: [[3011, 3089]], cities: ['Rotterdam'] },
  { code: '0518', name: "'s-Gravenhage", inhabitants: 560_000, postcodes: [[2491, 2599]], cities: ["'s-Gravenhage"] },
  { code: '0344', name: 'Utrecht', inhabitants: 370_000, postcodes: [[3511, 3585]], cities: ['Utrecht'] },
  { code: '1900', name: 'Súdwest-Fryslân', inhabitants: 92_000, postcodes: [[8600, 8766]], cities: ['Sneek', 'Bolsward', 'Workum', 'IJlst', 'Wommels'] },
];

export function findGemeente(code: string): Gemeente | null {
  return GEMEENTEN.find((g) => g.code === code) ?? null;
}

/** Signals per 1,000 inhabitants per month (Divosa monitor 2023). */
export const SIGNALS_PER_1000_PER_MONTH = 4.0;
