/**
 * One scheduler tick in its own process, for the test with two schedulers on one SQLite file
 * (better-sqlite3 is synchronous: two "processes" in one Node process would block each other).
 * Usage: node bin/run-ts.js test/support/schedulerProcess.ts <db file> <source file> <ISO now> <holder> <batch size>
 * Prints the tick's outcomes as JSON.
 */
import knexFactory from 'knex';
import { knexConfig } from '../../src/db/connection';
import { silentLogger } from '../../src/logging';
import { Scheduler } from '../../src/scheduler/scheduler';
import { nightlyJob } from '../../src/scheduler/jobs';
import { SourceReader } from '../../src/source/reader';
import { DEFAULT_SOURCE_COLUMNS } from '../../src/config';
import { testConfig } from './config';

async function main(): Promise<void> {
  const [dbFile, sourceFile, iso, holder, batchSize] = process.argv.slice(2);
  const db = knexFactory(knexConfig({ client: 'sqlite', url: `sqlite:${dbFile}`, filename: dbFile }));
  const source = knexFactory(knexConfig({ client: 'sqlite', url: `sqlite:${sourceFile}`, filename: sourceFile }));
  try {
    const reader = new SourceReader(source, 'meldingen', DEFAULT_SOURCE_COLUMNS);
    const now = new Date(iso);
    const s = new Scheduler({ db, config: testConfig({ VS_BATCH_SIZE: batchSize }), logger: silentLogger(), jobs: { nightly: nightlyJob(() => reader) }, holder, now: () => now });
    process.stdout.write(JSON.stringify(await s.tick()));
  } finally {
    await db.destroy();
    await source.destroy();
  }
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e));
  process.exit(1);
});
