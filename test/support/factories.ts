/**
 * Synthetic report rows in the demo source's shape, with named traits. Every person here is made
 * up; names carry diacritics and tussenvoegsels on purpose.
 */
import knexFactory, { type Knex } from 'knex';
import type { DemoRow } from '../../src/demo/generator';
import { writeDemoSource } from '../../src/demo/source';
import { SourceReader } from '../../src/source/reader';
import { DEFAULT_SOURCE_COLUMNS } from '../../src/config';

export type RowInput = Partial<Omit<DemoRow, 'melding_id'>>;

let seq = 0;

/** A valid rent report: €850 rent, €1.700 arrears (2 months), no children reported. */
export function report(overrides: RowInput = {}): Omit<DemoRow, 'melding_id'> {
  seq += 1;
  return {
    ontvangen_op: '2026-03-02 09:15:00',
    gemeentecode: '0384',
    partner_code: 'EH',
    partner_naam: 'Woningcorporatie Eigen Haard',
    partner_soort: 'Huur',
    referentie: `EH-${String(1000000 + seq)}`,
    signaaldatum: '02-03-2026',
    achterstand_sinds: '2026-01-01',
    achterstand_bedrag: '1.700,00',
    maandhuur: '850,00',
    minderjarige_kinderen: '0',
    crisis: 'N',
    warme_overdracht: 'N',
    ontruiming_dreigt: 'N',
    ontruimingsdatum: null,
    voorletters: 'J.',
    voornaam: 'Jeroen',
    tussenvoegsel: 'van den',
    achternaam: 'Bërg',
    geboortedatum: '14-05-1980',
    straat: 'Ouddiemerlaan',
    huisnummer: '12',
    huisnummer_toevoeging: 'A',
    postcode: '1111 AB',
    woonplaats: 'Diemen',
    ...overrides,
  };
}

/** Named traits, as a caseworker would describe the situation. */
export const traits = {
  gezinMetKinderen: { minderjarige_kinderen: '2' } as RowInput,
  kinderenOnbekend: { minderjarige_kinderen: null } as RowInput,
  ontruimingDreigt: { ontruiming_dreigt: 'J', ontruimingsdatum: '2026-03-20' } as RowInput,
  onderDrempel: { achterstand_bedrag: '74,99' } as RowInput,
  drieMaandenAchterstand: { achterstand_bedrag: '2.550,00' } as RowInput,
  eenMaandAchterstand: { achterstand_bedrag: '850,00' } as RowInput,
  anderAdres: (n: number): RowInput => ({ huisnummer: String(100 + n), huisnummer_toevoeging: null, achternaam: `Persoon${n}` }),
};

/** An in-memory source database holding the given rows (ids in order). */
export async function memorySource(rows: Array<Omit<DemoRow, 'melding_id'>>): Promise<{ db: Knex; reader: SourceReader; add(more: Array<Omit<DemoRow, 'melding_id'>>): Promise<void> }> {
  const db = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
  let all = rows.map((r, i) => ({ melding_id: i + 1, ...r }));
  await writeDemoSource(db, 'meldingen', all);
  return {
    db,
    reader: new SourceReader(db, 'meldingen', DEFAULT_SOURCE_COLUMNS),
    async add(more) {
      const start = all.length;
      all = [...all, ...more.map((r, i) => ({ melding_id: start + i + 1, ...r }))];
      await writeDemoSource(db, 'meldingen', all);
    },
  };
}
