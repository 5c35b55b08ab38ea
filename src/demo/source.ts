/** Writes generated demo rows into the demo source database (a table shaped like a municipality's). */
import type { Knex } from 'knex';
import { insertChunked } from '../db/rows';
import type { DemoRow } from './generator';

export async function writeDemoSource(db: Knex, table: string, rows: DemoRow[]): Promise<void> {
  await db.schema.dropTableIfExists(table);
  await db.schema.createTable(table, (t) => {
    t.integer('melding_id').primary();
    t.string('ontvangen_op', 19).notNullable();
    for (const col of [
      'gemeentecode', 'partner_code', 'partner_naam', 'partner_soort', 'referentie', 'signaaldatum',
      'achterstand_sinds', 'achterstand_bedrag', 'maandhuur', 'minderjarige_kinderen', 'crisis',
      'warme_overdracht', 'ontruiming_dreigt', 'ontruimingsdatum', 'voorletters', 'voornaam',
      'tussenvoegsel', 'achternaam', 'geboortedatum', 'straat', 'huisnummer', 'huisnummer_toevoeging',
      'postcode', 'woonplaats',
    ]) {
      t.string(col, 200);
    }
    t.index(['ontvangen_op']);
  });
  await db.transaction(async (trx) => insertChunked(trx, table, rows as unknown as Record<string, unknown>[]));
}

export async function demoSourceRowCount(db: Knex, table: string): Promise<number> {
  if (!(await db.schema.hasTable(table))) return 0;
  const row = (await db(table).count({ n: '*' }).first()) as { n: unknown };
  return Number(row.n);
}

export async function demoSourceDateRange(db: Knex, table: string): Promise<{ from: string; to: string } | null> {
  if (!(await db.schema.hasTable(table))) return null;
  const row = (await db(table).min({ lo: 'ontvangen_op' }).max({ hi: 'ontvangen_op' }).first()) as { lo: string | null; hi: string | null };
  if (!row.lo || !row.hi) return null;
  return { from: row.lo.slice(0, 10), to: row.hi.slice(0, 10) };
}
