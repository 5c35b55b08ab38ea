/**
 * SQL Server cannot run here, so its dialect is checked through knex's query compiler: the
 * migrations produce NVARCHAR columns and no constructs SQL Server refuses, batch inserts stay under
 * 2,100 parameters, and the source query pages with TOP.
 */
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { MIGRATIONS_DIR } from '../../src/db/connection';
import { chunk, MAX_PARAMS } from '../../src/db/rows';
import { SourceReader } from '../../src/source/reader';
import { DEFAULT_SOURCE_COLUMNS } from '../../src/config';
import { REPO_ROOT } from '../support/config';

const mssql = knexFactory({ client: 'mssql' });

/** Runs a migration's `up` against a recorder that compiles every schema call to SQL Server SQL. */
async function compileMigration(file: string): Promise<string[]> {
  const sql: string[] = [];
  const recorder = {
    schema: new Proxy(
      {},
      {
        get(_t, method: string) {
          return (...args: unknown[]) => {
            const builder = (mssql.schema as unknown as Record<string, (...a: unknown[]) => Knex.SchemaBuilder>)[method](...args);
            for (const q of builder.toSQL() as unknown as Array<{ sql: string }>) sql.push(q.sql);
            return Promise.resolve();
          };
        },
      },
    ),
  } as unknown as Knex;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(MIGRATIONS_DIR, file)) as { up(k: Knex): Promise<void> };
  await mod.up(recorder);
  return sql;
}

describe('SQL Server dialect (compiled, not executed)', () => {
  it('compiles every migration to SQL Server DDL with NVARCHAR text and no cascades', async () => {
    const files = fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.ts')).sort();
    expect(files.length).to.be.greaterThan(1);
    for (const f of files) {
      const sql = (await compileMigration(f)).join('\n');
      expect(sql, f).to.not.match(/on delete cascade/i);
      if (f.includes('initial')) {
        expect(sql).to.contain('CREATE TABLE [households]');
        expect(sql).to.match(/\[last_name\] nvarchar\(200\) not null/i);
        expect(sql).to.match(/\[raw_json\] nvarchar\(max\) not null/i);
        expect(sql).to.match(/\[crisis\] bit not null CONSTRAINT \[signals_crisis_default\] DEFAULT '0'/);
      }
    }
  });

  it('keeps batch inserts under the 2,100-parameter limit', () => {
    const row = Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`c${i}`, i]));
    const rows = Array.from({ length: 500 }, () => row);
    const size = Math.max(1, Math.min(1000, Math.floor(MAX_PARAMS / 26)));
    for (const part of chunk(rows, size)) {
      const q = mssql('signals').insert(part).toSQL();
      expect(q.bindings.length).to.be.at.most(2099);
    }
    // Without chunking the same insert would exceed the limit.
    expect(mssql('signals').insert(rows).toSQL().bindings.length).to.be.greaterThan(2100);
  });

  it('reads the source with TOP, ordered by the row id above the watermark', () => {
    const reader = new SourceReader(mssql, 'dbo.meldingen', DEFAULT_SOURCE_COLUMNS);
    // Compile the same query the reader runs.
    const q = (reader as unknown as { db: Knex }).db('dbo.meldingen')
      .select({ sourceRowId: 'melding_id', arrearsAmount: 'achterstand_bedrag' })
      .where('melding_id', '>', 41)
      .andWhere('ontvangen_op', '<', '2026-03-03 00:00:00')
      .orderBy('melding_id')
      .limit(500)
      .toSQL();
    expect(q.sql).to.match(/^select top \(\?\) \[melding_id\] as \[sourceRowId\]/);
    expect(q.sql).to.contain('from [dbo].[meldingen]');
    expect(q.sql).to.contain('order by [melding_id] asc');
  });

  it('uses no upsert construct SQL Server lacks (onConflict / merge helpers)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    for (const d of ['src', 'jobs', 'migrations']) walk(path.join(REPO_ROOT, d));
    const offenders = files.filter((f) => /\.onConflict\(|\.merge\(\)/.test(fs.readFileSync(f, 'utf8')));
    expect(offenders).to.deep.equal([]);
  });
});
