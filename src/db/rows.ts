/**
 * Shared helpers of the repository layer: driver differences are normalised here (SQLite returns
 * booleans as 0/1, pg returns bigint and count(*) as strings) and SQL Server's limits respected.
 */
import type { Knex } from 'knex';

export type Db = Knex | Knex.Transaction;

export function toBool(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 'true';
}

export function toInt(v: unknown): number {
  if (v === null || v === undefined) throw new Error(`expected a number, got ${String(v)}`);
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`expected a number, got ${String(v)}`);
  return n;
}

export function toIntOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : toInt(v);
}

export function toStrOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

/** SQL Server allows 2100 parameters per statement; stay well below. */
export const MAX_PARAMS = 2000;

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Inserts rows in chunks that respect SQL Server's parameter (2100) and row (1000) limits. */
export async function insertChunked(db: Db, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]).length || 1;
  const size = Math.max(1, Math.min(1000, Math.floor(MAX_PARAMS / columns)));
  for (const part of chunk(rows, size)) await db(table).insert(part);
}

/** `whereIn` over any number of ids, chunked under the parameter limit. */
export async function selectWhereIn<T>(
  ids: number[],
  query: (part: number[]) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  for (const part of chunk(ids, MAX_PARAMS)) out.push(...(await query(part)));
  return out;
}

/** Inserts one row and returns its generated id on every supported database. */
export async function insertReturningId(db: Db, table: string, row: Record<string, unknown>): Promise<number> {
  const result = await db(table).insert(row).returning('id');
  const first = result[0] as unknown;
  return toInt(typeof first === 'object' && first !== null ? (first as { id: unknown }).id : first);
}

/** count(*) as a number whatever the driver returns. */
export async function countRows(q: Knex.QueryBuilder): Promise<number> {
  const row = (await q.count({ n: '*' }).first()) as { n: unknown } | undefined;
  return row ? toInt(row.n) : 0;
}
