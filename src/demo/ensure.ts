/** Creates the demo source when it is empty (never overwrites an existing one unless asked). */
import type { Knex } from 'knex';
import { findGemeente, type Gemeente } from '../domain/gemeenten';
import { UsageError } from '../errors';
import { generateDemo, type DemoRow } from './generator';
import { demoSourceDateRange, demoSourceRowCount, writeDemoSource } from './source';

export interface DemoRequest {
  seed: number;
  months: number;
  endDate: string;
  gemeenteCode: string;
  inhabitants?: number;
}

export function resolveGemeente(code: string, inhabitants?: number): Gemeente {
  const g = findGemeente(code);
  if (g) return inhabitants ? { ...g, inhabitants } : g;
  if (!inhabitants) {
    throw new UsageError(`Gemeentecode ${code} is onbekend in de demo; geef het aantal inwoners mee met --inwoners`);
  }
  return { code, name: `Gemeente ${code}`, inhabitants, postcodes: [[1000, 9999]], cities: [`Gemeente ${code}`] };
}

export async function createDemoSource(db: Knex, table: string, req: DemoRequest): Promise<DemoRow[]> {
  const rows = generateDemo({
    seed: req.seed,
    months: req.months,
    endDate: req.endDate,
    gemeente: resolveGemeente(req.gemeenteCode, req.inhabitants),
  });
  await writeDemoSource(db, table, rows);
  return rows;
}

/** The demo source's date range, generating it first when it does not exist yet. */
export async function ensureDemoSource(
  db: Knex,
  table: string,
  req: DemoRequest,
): Promise<{ created: boolean; rows: number; from: string; to: string }> {
  const existing = await demoSourceRowCount(db, table);
  if (existing === 0) await createDemoSource(db, table, req);
  const range = (await demoSourceDateRange(db, table))!;
  return { created: existing === 0, rows: await demoSourceRowCount(db, table), ...range };
}
