/** Builds a knex instance for SQLite (better-sqlite3), PostgreSQL (pg) or SQL Server (mssql). */
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { DbTarget } from '../config';
import { ConfigError } from '../errors';

export const MIGRATIONS_DIR = path.resolve(__dirname, '../../migrations');

/**
 * knex's own console warnings ("Acquire connection error …" with a stack) are silenced: connection
 * problems surface as errors and the CLI turns them into a Dutch message.
 */
const quietLog = { warn() {}, error() {}, deprecate() {}, debug() {} };

/** knex settings for a target; no connection is opened until the first query. */
export function knexConfig(target: DbTarget): Knex.Config {
  return { ...dialectConfig(target), log: quietLog };
}

function dialectConfig(target: DbTarget): Knex.Config {
  if (target.client === 'sqlite') {
    if (target.filename && target.filename !== ':memory:') fs.mkdirSync(path.dirname(target.filename), { recursive: true });
    return {
      client: 'better-sqlite3',
      connection: { filename: target.filename ?? ':memory:' },
      useNullAsDefault: true,
      pool: {
        min: 1,
        max: 1,
        afterCreate(conn: { pragma(s: string): unknown }, done: (err: Error | null, conn: unknown) => void) {
          conn.pragma('foreign_keys = ON');
          conn.pragma('journal_mode = WAL');
          conn.pragma('busy_timeout = 10000');
          done(null, conn);
        },
      },
    };
  }
  if (target.client === 'pg') {
    return { client: 'pg', connection: target.url, pool: { min: 0, max: 5 } };
  }
  return { client: 'mssql', connection: mssqlConnection(target.url), pool: { min: 0, max: 5 } };
}

/** `mssql://user:pass@host:1433/db?encrypt=true&trustServerCertificate=true` → tedious settings. */
export function mssqlConnection(url: string): Knex.MsSqlConnectionConfig {
  let u: URL;
  try {
    u = new URL(url.replace(/^sqlserver:/i, 'mssql:'));
  } catch {
    throw new ConfigError('SQL Server-URL is ongeldig (verwacht mssql://gebruiker:wachtwoord@host:1433/database)');
  }
  const flag = (k: string, d: boolean) => (u.searchParams.has(k) ? u.searchParams.get(k) === 'true' : d);
  return {
    server: u.hostname,
    port: u.port ? Number(u.port) : 1433,
    userName: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')),
    // Batch work takes longer than the driver's 15 s default.
    requestTimeout: 300_000,
    options: { encrypt: flag('encrypt', true), trustServerCertificate: flag('trustServerCertificate', false) },
  };
}

export function openDb(target: DbTarget): Knex {
  return knexFactory(knexConfig(target));
}

export function migrationConfig(): Knex.MigratorConfig {
  return { directory: MIGRATIONS_DIR, loadExtensions: ['.ts'], tableName: 'knex_migrations' };
}

/** Brings the schema up to date. */
export async function migrateLatest(db: Knex): Promise<void> {
  await db.migrate.latest(migrationConfig());
}
