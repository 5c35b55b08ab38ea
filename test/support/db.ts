/**
 * Fresh, migrated databases for tests: SQLite in memory always, and PostgreSQL when VS_TEST_PG_URL
 * is set (each database gets its own schema, dropped afterwards). `describeEachDb` runs the same
 * tests on each.
 */
import { randomBytes } from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import { knexConfig, migrateLatest } from '../../src/db/connection';

export interface TestDb {
  kind: 'sqlite' | 'postgres';
  db: Knex;
  close(): Promise<void>;
}

export async function sqliteTestDb(): Promise<TestDb> {
  const db = knexFactory(knexConfig({ client: 'sqlite', url: 'sqlite::memory:', filename: ':memory:' }));
  await migrateLatest(db);
  return { kind: 'sqlite', db, close: () => db.destroy() };
}

export async function postgresTestDb(url: string): Promise<TestDb> {
  const schema = `vs_test_${randomBytes(6).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  await admin.raw(`create schema ${schema}`);
  await admin.destroy();
  const db = knexFactory({ client: 'pg', connection: url, searchPath: [schema], pool: { min: 0, max: 4 } });
  await migrateLatest(db);
  return {
    kind: 'postgres',
    db,
    async close() {
      await db.raw(`drop schema ${schema} cascade`);
      await db.destroy();
    },
  };
}

export const PG_URL = process.env.VS_TEST_PG_URL;

export function testDbKinds(): Array<{ kind: TestDb['kind']; create: () => Promise<TestDb> }> {
  const kinds: Array<{ kind: TestDb['kind']; create: () => Promise<TestDb> }> = [{ kind: 'sqlite', create: sqliteTestDb }];
  if (PG_URL) kinds.push({ kind: 'postgres', create: () => postgresTestDb(PG_URL) });
  return kinds;
}

/**
 * Runs a suite once per database kind with a freshly migrated database for every test:
 * `describeEachDb('intake', (t) => { it('…', async () => { t().db … }) })`.
 */
export function describeEachDb(title: string, body: (current: () => TestDb) => void): void {
  for (const k of testDbKinds()) {
    describe(`${title} [${k.kind}]`, function () {
      let current: TestDb | null = null;
      beforeEach(async function () {
        current = await k.create();
      });
      afterEach(async function () {
        await current?.close();
        current = null;
      });
      body(() => {
        if (!current) throw new Error('no test database');
        return current;
      });
    });
  }
}
