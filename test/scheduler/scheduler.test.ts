import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import fs from 'node:fs';
import knexFactory, { type Knex } from 'knex';
import { describeEachDb, PG_URL } from '../support/db';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_ROOT, tempDir, testConfig } from '../support/config';
import { writeDemoSource } from '../../src/demo/source';
import { DEFAULT_SOURCE_COLUMNS } from '../../src/config';
import { memorySource, report } from '../support/factories';
import { knexConfig, migrateLatest } from '../../src/db/connection';
import { createLogger, silentLogger } from '../../src/logging';
import { Scheduler, type TickOutcome } from '../../src/scheduler/scheduler';
import { monthlyReportJob, nightlyJob, type JobRegistry, type ScheduledJob } from '../../src/scheduler/jobs';
import { LeaseBusyError, withLease } from '../../src/scheduler/lease';
import { acquireLease, getLease } from '../../src/db/leases';
import { startRun } from '../../src/db/jobRuns';
import { amsterdamInstant } from '../../src/domain/dates';
import type { Config } from '../../src/config';
import { SourceReader } from '../../src/source/reader';

const NIGHTLY = 'nachtelijke-verwerking';

/** A controllable clock. */
function clockAt(date: string, time: string) {
  const c = { t: amsterdamInstant(date, time), now: () => c.t, set: (d: string, tm: string) => (c.t = amsterdamInstant(d, tm)), add: (min: number) => (c.t = new Date(c.t.getTime() + min * 60_000)) };
  return c;
}

/** A job that records which keys it ran and fails the keys in `failOnce` the first time. */
function fakeNightly(calls: string[], failOnce = new Set<string>()): ScheduledJob {
  return {
    name: NIGHTLY,
    lease: NIGHTLY,
    recordsOwnRun: false,
    async run(_ctx, key) {
      calls.push(key);
      if (failOnce.delete(key)) throw new Error('bron tijdelijk onbereikbaar');
      return { verwerkt: 1 };
    },
  };
}

function scheduler(db: Knex, config: Config, jobs: JobRegistry, now: () => Date, holder = 'test-a'): Scheduler {
  return new Scheduler({ db, config, logger: process.env.DBG ? createLogger('debug').child({ holder }) : silentLogger(), jobs, holder, now });
}

const summary = (o: TickOutcome[]) => o.map((x) => `${x.key}:${x.status}`);

async function runRows(db: Knex): Promise<Array<{ key: string; status: string }>> {
  return (await db('job_runs').where({ job: NIGHTLY }).orderBy('id').select('business_date', 'status')).map((r) => ({ key: String(r.business_date), status: String(r.status) }));
}

describeEachDb('scheduler', (t) => {
  it('catches up three business dates in order after being stopped for three days', async () => {
    const { db } = t();
    const config = testConfig();
    const src = await memorySource([
      report({ ontvangen_op: '2026-03-01 10:00:00', signaaldatum: '2026-03-01' }),
      report({ ontvangen_op: '2026-03-02 10:00:00', huisnummer: '20' }),
      report({ ontvangen_op: '2026-03-03 10:00:00', huisnummer: '30' }),
      report({ ontvangen_op: '2026-03-04 10:00:00', huisnummer: '40' }),
    ]);
    try {
      const clock = clockAt('2026-03-02', '02:00:00');
      const jobs = { nightly: nightlyJob(() => src.reader) };
      expect(summary(await scheduler(db, config, jobs, clock.now).tick())).to.deep.equal(['2026-03-01:geslaagd']);
      // The process was down 2, 3 and 4 March; it starts again on 5 March.
      clock.set('2026-03-05', '09:00:00');
      const outcomes = await scheduler(db, config, jobs, clock.now).tick();
      expect(summary(outcomes)).to.deep.equal(['2026-03-02:geslaagd', '2026-03-03:geslaagd', '2026-03-04:geslaagd']);
      expect(await runRows(db)).to.deep.equal(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04'].map((key) => ({ key, status: 'geslaagd' })));
      // Each report carries the business date of the day it arrived.
      const signals = await db('signals').orderBy('id').select('business_date');
      expect(signals.map((s) => s.business_date)).to.deep.equal(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04']);
      // Nothing more to do, and nothing done twice.
      expect(await scheduler(db, config, jobs, clock.now).tick()).to.deep.equal([]);
      expect(await getLease(db, NIGHTLY)).to.equal(null);
    } finally {
      await src.db.destroy();
    }
  });

  it('retries a failed run after the retry delay, and the later dates still run', async () => {
    const { db } = t();
    const config = testConfig({ VS_RETRY_MINUTES: '15' });
    const calls: string[] = [];
    const jobs = { nightly: fakeNightly(calls, new Set(['2026-03-02'])) };
    const clock = clockAt('2026-03-02', '02:00:00');
    const s = scheduler(db, config, jobs, clock.now);
    expect(summary(await s.tick())).to.deep.equal(['2026-03-01:geslaagd']);
    clock.set('2026-03-05', '02:00:00');
    const first = await s.tick();
    expect(summary(first)).to.deep.equal(['2026-03-02:mislukt', '2026-03-03:geslaagd', '2026-03-04:geslaagd']);
    expect(first[0].error).to.equal('bron tijdelijk onbereikbaar');
    clock.add(5);
    expect(await s.tick()).to.deep.equal([]); // still within the retry delay
    clock.add(11);
    expect(summary(await s.tick())).to.deep.equal(['2026-03-02:geslaagd']);
    expect(calls).to.deep.equal(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-02']);
    const rows = await runRows(db);
    expect(rows.filter((r) => r.status === 'geslaagd').map((r) => r.key).sort()).to.deep.equal(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04']);
    expect(rows.filter((r) => r.status === 'mislukt').map((r) => r.key)).to.deep.equal(['2026-03-02']);
  });

  it('takes over the lease of a dead holder only after it expired, and closes its abandoned run', async () => {
    const { db } = t();
    const config = testConfig({ VS_LEASE_MINUTES: '10' });
    const calls: string[] = [];
    const clock = clockAt('2026-03-02', '02:00:00');
    // A runner on another machine took the lease and died mid-run.
    await acquireLease(db, NIGHTLY, 'dode-host:123:abc', '2026-03-01', clock.now(), 10 * 60_000);
    await startRun(db, NIGHTLY, '2026-03-01', clock.now());
    const s = scheduler(db, config, { nightly: fakeNightly(calls) }, clock.now);
    clock.add(5);
    expect(summary(await s.tick())).to.deep.equal(['2026-03-01:bezet']);
    expect(calls).to.deep.equal([]);
    clock.add(6);
    expect(summary(await s.tick())).to.deep.equal(['2026-03-01:geslaagd']);
    const rows = await db('job_runs').orderBy('id').select('status', 'error');
    expect(rows.map((r) => r.status)).to.deep.equal(['mislukt', 'geslaagd']);
    expect(rows[0].error).to.match(/^Afgebroken/);
    expect(await getLease(db, NIGHTLY)).to.equal(null);
  });

  it('a manual nightly run and the scheduler exclude each other through the lease', async () => {
    const { db } = t();
    const config = testConfig();
    const clock = clockAt('2026-03-02', '02:00:00');
    const manualOpts = { name: NIGHTLY, holder: 'handmatig', scope: '2026-03-01', now: clock.now, ttlMs: 600_000 };
    let refused: unknown = null;
    const job: ScheduledJob = {
      ...fakeNightly([]),
      async run() {
        // While the scheduler works, a manual `nightly` is refused.
        await withLease(db, manualOpts, async () => undefined).catch((e) => (refused = e));
        return {};
      },
    };
    expect(summary(await scheduler(db, config, { nightly: job }, clock.now).tick())).to.deep.equal(['2026-03-01:geslaagd']);
    expect(refused).to.be.instanceOf(LeaseBusyError);
    expect((refused as LeaseBusyError).message).to.match(/bezet door een andere verwerking \(test-a, 01-03-2026/);
    // And while a manual run holds the lease, the scheduler skips this tick.
    clock.set('2026-03-03', '02:00:00');
    const outcome = await withLease(db, { ...manualOpts, scope: '2026-03-02' }, () => scheduler(db, config, { nightly: fakeNightly([]) }, clock.now).tick());
    expect(summary(outcome)).to.deep.equal(['2026-03-02:bezet']);
  });

  it('runs the monthly report for the previous month once the month’s last nightly run succeeded, and records it', async () => {
    const { db } = t();
    const config = testConfig();
    const calls: string[] = [];
    const months: string[] = [];
    // A stand-in with the real job's name and lease; the scheduler records its run.
    const monthly: ScheduledJob = {
      name: 'maandrapportage',
      lease: 'maandrapportage',
      recordsOwnRun: false,
      run: async (_ctx, key) => {
        months.push(key);
        return { rijen: 12, bestand: 'maandrapportage-2026-03.xlsx', groot: { niet: 'bewaard' } };
      },
    };
    expect(monthlyReportJob()).to.include({ name: monthly.name, lease: monthly.lease, recordsOwnRun: true });
    expect(monthly.name).to.equal('maandrapportage');
    const clock = clockAt('2026-03-31', '02:00:00');
    const s = scheduler(db, config, { nightly: fakeNightly(calls), monthly }, clock.now);
    expect(summary(await s.tick())).to.deep.equal(['2026-03-30:geslaagd']);
    // 1 April 2026 is a Wednesday: the report for March runs at 06:00, after the nightly run for 31 March.
    clock.set('2026-04-01', '05:59:00');
    expect(summary(await s.tick())).to.deep.equal(['2026-03-31:geslaagd']);
    clock.set('2026-04-01', '06:00:00');
    expect(summary(await s.tick())).to.deep.equal(['2026-03:geslaagd']);
    expect(months).to.deep.equal(['2026-03']);
    const run = await db('job_runs').where({ job: 'maandrapportage' }).first();
    expect(run).to.include({ business_date: '2026-03', status: 'geslaagd' });
    expect(JSON.parse(run.counts_json)).to.deep.equal({ rijen: 12, bestand: 'maandrapportage-2026-03.xlsx' });
    clock.add(60);
    expect(await s.tick()).to.deep.equal([]);
  });

  it('records a failed run when the nightly job refuses to start (invalid rule set), and retries it after the delay', async () => {
    const { db } = t();
    const rulesDir = tempDir();
    fs.writeFileSync(path.join(rulesDir, 'kapot.json'), '{ "naam": "kapot", ');
    const config = testConfig({ VS_RULES_DIR: rulesDir, VS_RETRY_MINUTES: '15' });
    const src = await memorySource([report({ ontvangen_op: '2026-03-01 10:00:00', signaaldatum: '2026-03-01' })]);
    try {
      const clock = clockAt('2026-03-02', '02:00:00');
      const s = scheduler(db, config, { nightly: nightlyJob(() => src.reader) }, clock.now);
      expect(summary(await s.tick())).to.deep.equal(['2026-03-01:mislukt']);
      const rows = await db('job_runs').select('business_date', 'status', 'error');
      expect(rows).to.have.length(1);
      expect(rows[0]).to.include({ business_date: '2026-03-01', status: 'mislukt' });
      expect(rows[0].error).to.match(/regelset is ongeldig/i);
      clock.add(1);
      expect(await s.tick()).to.deep.equal([]);
      expect(await db('signals').count({ n: '*' }).first().then((r) => Number(r!.n))).to.equal(0);
    } finally {
      await src.db.destroy();
    }
  });

  it('on stop finishes the running batch, records the run, releases the lease; the next start resumes', async () => {
    const { db } = t();
    const config = testConfig({ VS_BATCH_SIZE: '1' });
    const src = await memorySource([1, 2, 3, 4, 5].map((n) => report({ ontvangen_op: '2026-03-01 10:00:00', signaaldatum: '2026-03-01', huisnummer: String(n) })));
    try {
      const clock = clockAt('2026-03-02', '02:00:00');
      let reads = 0;
      let s: Scheduler | null = null;
      let stopped: Promise<void> | null = null;
      const reader = Object.create(src.reader) as SourceReader;
      reader.readBatch = async (...args: Parameters<SourceReader['readBatch']>) => {
        reads += 1;
        if (reads === 2) stopped = s!.stop(); // SIGTERM arrives while batch 2 is being read
        return src.reader.readBatch(...args);
      };
      s = scheduler(db, config, { nightly: nightlyJob(() => reader) }, clock.now);
      const outcome = await s.tick();
      await stopped;
      expect(summary(outcome)).to.deep.equal(['2026-03-01:mislukt']);
      expect(outcome[0].error).to.match(/stopsignaal/);
      expect(await db('signals').count({ n: '*' }).first().then((r) => Number(r!.n))).to.equal(2);
      expect(await getLease(db, NIGHTLY)).to.equal(null);
      expect(s.isStopping).to.equal(true);
      expect(await s.tick()).to.deep.equal([]);
      // The next start goes on where the stopped run ended (the watermark is at batch 2).
      clock.add(20);
      const next = await scheduler(db, config, { nightly: nightlyJob(() => src.reader) }, clock.now).tick();
      expect(summary(next)).to.deep.equal(['2026-03-01:geslaagd']);
      expect(await db('signals').count({ n: '*' }).first().then((r) => Number(r!.n))).to.equal(5);
    } finally {
      await src.db.destroy();
    }
  });
});

const execFileP = promisify(execFile);

/** Ticks of scheduler "B": in a child process on SQLite (a file), in-process on PostgreSQL. */
type TickB = (now: Date) => Promise<TickOutcome[]>;

interface Shared {
  a: Knex;
  tickB: TickB;
  close(): Promise<void>;
}

async function openShared(kind: string, sourceRows: ReturnType<typeof report>[], config: Config): Promise<Shared & { source: SourceReader }> {
  const dir = tempDir();
  const sourceFile = path.join(dir, 'bron.sqlite');
  const sourceDb = knexFactory(knexConfig({ client: 'sqlite', url: `sqlite:${sourceFile}`, filename: sourceFile }));
  await writeDemoSource(sourceDb, 'meldingen', sourceRows.map((r, i) => ({ melding_id: i + 1, ...r })));
  const source = new SourceReader(sourceDb, 'meldingen', DEFAULT_SOURCE_COLUMNS);
  if (kind === 'sqlite-bestand') {
    const filename = path.join(dir, 'gedeeld.sqlite');
    const a = knexFactory(knexConfig({ client: 'sqlite', url: `sqlite:${filename}`, filename }));
    await migrateLatest(a);
    return {
      a,
      source,
      tickB: async (now) => {
        const { stdout } = await execFileP(process.execPath, [
          path.join(REPO_ROOT, 'bin/run-ts.js'), path.join(REPO_ROOT, 'test/support/schedulerProcess.ts'),
          filename, sourceFile, now.toISOString(), 'host-b', String(config.batchSize),
        ], { cwd: REPO_ROOT });
        return JSON.parse(stdout) as TickOutcome[];
      },
      close: async () => {
        await a.destroy();
        await sourceDb.destroy();
      },
    };
  }
  const schema = `vs_test_${randomBytes(6).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: PG_URL, pool: { min: 0, max: 1 } });
  await admin.raw(`create schema ${schema}`);
  const mk = () => knexFactory({ client: 'pg', connection: PG_URL, searchPath: [schema], pool: { min: 0, max: 4 } });
  const a = mk();
  await migrateLatest(a);
  const b = mk();
  let bNow = new Date();
  const schedB = scheduler(b, config, { nightly: nightlyJob(() => source) }, () => bNow, 'host-b');
  return {
    a,
    source,
    tickB: (now) => {
      bNow = now;
      return schedB.tick();
    },
    close: async () => {
      await a.destroy();
      await b.destroy();
      await sourceDb.destroy();
      await admin.raw(`drop schema ${schema} cascade`);
      await admin.destroy();
    },
  };
}

describe('two schedulers on one database', () => {
  const dates = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
  for (const kind of ['sqlite-bestand', ...(PG_URL ? ['postgres'] : [])]) {
    it(`process each business date exactly once [${kind}]`, async () => {
      const config = testConfig({ VS_BATCH_SIZE: '1' });
      const rows = dates.flatMap((d, i) => [1, 2, 3].map((n) => report({ ontvangen_op: `${d} 0${n}:00:00`, signaaldatum: d, huisnummer: String(10 * i + n) })));
      const shared = await openShared(kind, rows, config);
      try {
        const clock = clockAt('2026-03-02', '02:00:00');
        const a = scheduler(shared.a, config, { nightly: nightlyJob(() => shared.source) }, clock.now, 'host-a');
        const outcomes: Array<TickOutcome & { by: string }> = [];
        // Day by day both tick at the same moment; then both catch up after a gap.
        for (const [day, time] of [['2026-03-02', '02:00:00'], ['2026-03-03', '02:00:00'], ['2026-03-07', '02:00:00'], ['2026-03-07', '02:05:00'], ['2026-03-07', '02:10:00']]) {
          clock.set(day, time);
          const [x, y] = await Promise.all([a.tick(), shared.tickB(clock.now())]);
          outcomes.push(...x.map((o) => ({ ...o, by: 'a' })), ...y.map((o) => ({ ...o, by: 'b' })));
        }
        const ok = outcomes.filter((o) => o.status === 'geslaagd').map((o) => o.key).sort();
        expect(ok).to.deep.equal(dates);
        expect(outcomes.filter((o) => o.status === 'mislukt')).to.deep.equal([]);
        const runs = await shared.a('job_runs').orderBy('business_date').select('business_date', 'status');
        expect(runs.map((r) => `${r.business_date}:${r.status}`)).to.deep.equal(dates.map((d) => `${d}:geslaagd`));
        const signals = await shared.a('signals').select('business_date', 'source_row_id').orderBy('id');
        expect(signals).to.have.length(18);
        expect(new Set(signals.map((s) => s.source_row_id)).size).to.equal(18);
        expect(signals.map((s) => s.business_date).sort()).to.deep.equal(dates.flatMap((d) => [d, d, d]));
      } finally {
        await shared.close();
      }
    });
  }
});
