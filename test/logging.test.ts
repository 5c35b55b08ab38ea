import { expect } from 'chai';
import { Writable } from 'node:stream';
import { sqliteTestDb } from './support/db';
import { testConfig } from './support/config';
import { createLogger, maskValues, safeError } from '../src/logging';
import { generateDemo, type DemoRow } from '../src/demo/generator';
import { resolveGemeente } from '../src/demo/ensure';
import { writeDemoSource } from '../src/demo/source';
import { run as runNightly } from '../jobs/nightly';
import { run as runRetention } from '../jobs/retention';
import { Scheduler } from '../src/scheduler/scheduler';
import { nightlyJob, retentionJob } from '../src/scheduler/jobs';
import { buildStatus } from '../src/scheduler/status';
import { addDays, amsterdamInstant, dateRange, parseDate } from '../src/domain/dates';
import { SourceReader } from '../src/source/reader';
import { DEFAULT_SOURCE_COLUMNS } from '../src/config';
import knexFactory from 'knex';
import { knexConfig } from '../src/db/connection';

/** Every way a value may be written: as delivered, and normalised (postcode without space, ISO and Dutch dates). */
function variants(row: DemoRow): Array<{ field: string; value: string }> {
  const out: Array<{ field: string; value: string }> = [];
  const add = (field: string, v: string | null) => {
    if (v && v.trim().length >= 3) out.push({ field, value: v.trim() });
  };
  add('voornaam', row.voornaam);
  add('achternaam', row.achternaam);
  add('straat', row.straat);
  add('referentie', row.referentie);
  if (row.postcode) {
    const pc = row.postcode.replace(/\s+/g, '').toUpperCase();
    add('postcode', row.postcode);
    if (/^\d{4}[A-Z]{2}$/.test(pc)) {
      add('postcode', pc);
      add('postcode', `${pc.slice(0, 4)} ${pc.slice(4)}`);
    }
  }
  if (row.geboortedatum) {
    add('geboortedatum', row.geboortedatum);
    const iso = parseDate(row.geboortedatum);
    if (iso.ok) {
      add('geboortedatum', iso.value);
      add('geboortedatum', iso.value.split('-').reverse().join('-'));
    }
  }
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('logging', () => {
  it('masks values quoted in error messages and keeps type and code', () => {
    const e = Object.assign(new Error('insert into "households" (last_name) values (\'Özdemir\') - Key (postcode)=(1111 AB) already exists'), { code: '23505' });
    const s = safeError(e);
    expect(s.code).to.equal('23505');
    expect(s.message).to.equal('insert into "…" (last_name) values (\'…\') - Key (postcode)=(…) already exists');
    expect(maskValues('"0123 XX" is geen postcode')).to.equal('"…" is geen postcode');
  });

  it('redacts personal keys at any of the first levels', () => {
    const chunks: string[] = [];
    const logger = createLogger('debug', new Writable({ write(c, _e, cb) { chunks.push(String(c)); cb(); } }));
    logger.info({ lastName: 'Bërg', row: { postcode: '1111 AB', birth_date: '1980-05-14' }, count: 3 }, 'test');
    const line = JSON.parse(chunks.join(''));
    expect(line).to.deep.include({ lastName: '[verwijderd]', row: { postcode: '[verwijderd]', birth_date: '[verwijderd]' }, count: 3 });
  });

  it('a full demo run at debug level logs no name, postcode, birth date, street or reference of the demo data', async function () {
    this.timeout(240_000);
    const endDate = '2026-11-30';
    const rows = generateDemo({ seed: 2026, months: 3, endDate, gemeente: resolveGemeente('0384') });
    const { db, close } = await sqliteTestDb();
    const sourceDb = knexFactory(knexConfig({ client: 'sqlite', url: 'sqlite::memory:', filename: ':memory:' }));
    const chunks: string[] = [];
    const logger = createLogger('debug', new Writable({ write(c, _e, cb) { chunks.push(String(c)); cb(); } }));
    try {
      await writeDemoSource(sourceDb, 'meldingen', rows);
      const source = new SourceReader(sourceDb, 'meldingen', DEFAULT_SOURCE_COLUMNS);
      const config = testConfig({ VS_LOG_LEVEL: 'debug', VS_BATCH_SIZE: '7' });
      const dates = dateRange(rows.map((r) => r.ontvangen_op.slice(0, 10)).sort()[0], addDays(endDate, -1));
      for (const d of dates) {
        const now = amsterdamInstant(addDays(d, 1), '01:30:00');
        await runNightly({ db, config, logger, now: () => now, dryRun: false }, { businessDate: d, source });
      }
      // The scheduler catches up the last day and applies retention; then status and a retention far ahead.
      const now = amsterdamInstant('2026-12-01', '05:00:00');
      const s = new Scheduler({ db, config, logger, jobs: { nightly: nightlyJob(() => source), retention: retentionJob() }, holder: 'log-test', now: () => now });
      const outcomes = await s.tick();
      expect(outcomes.map((o) => `${o.job}:${o.key}:${o.status}`)).to.deep.equal(['nachtelijke-verwerking:2026-11-30:geslaagd', 'bewaartermijnen:2026-12-01:geslaagd']);
      await buildStatus(db, config, s.plans, now, { retention: 'bewaartermijnen', monthlyAvailable: false });
      const later = amsterdamInstant('2028-01-01', '04:30:00');
      const removed = await runRetention({ db, config, logger, now: () => later, dryRun: false }, {});
      expect(removed.counts.huishoudens).to.be.greaterThan(0);
      expect(removed.counts.quarantaine).to.be.greaterThan(0);
    } finally {
      await sourceDb.destroy();
      await close();
    }
    const log = chunks.join('');
    const lines = log.trim().split('\n');
    // The log is real: every run, every batch, the retention counts.
    expect(lines.length).to.be.greaterThan(250);
    expect(lines.filter((l) => l.includes('"batch verwerkt"')).length).to.be.greaterThan(80);
    expect(log).to.include('"bewaartermijnen toegepast"');
    const found: string[] = [];
    const checked = new Set<string>();
    for (const row of rows) {
      for (const { field, value } of variants(row)) {
        if (checked.has(value)) continue;
        checked.add(value);
        const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(value)}(?![\\p{L}\\p{N}])`, 'u');
        if (re.test(log)) found.push(`${field}: ${value}`);
      }
    }
    expect(checked.size).to.be.greaterThan(1000);
    expect(found).to.deep.equal([]);
  });
});
