import { expect } from 'chai';
import knexFactory from 'knex';
import { generateDemo, demoPeriod } from '../../src/demo/generator';
import { writeDemoSource } from '../../src/demo/source';
import { findGemeente } from '../../src/domain/gemeenten';
import { validateReport, type RawReport } from '../../src/domain/intake';
import { DEFAULT_SOURCE_COLUMNS } from '../../src/config';
import { SourceReader } from '../../src/source/reader';
import { run } from '../../jobs/nightly';
import { dateRange } from '../../src/domain/dates';
import { PG_URL, postgresTestDb, sqliteTestDb, type TestDb } from '../support/db';
import { testConfig, testContext } from '../support/config';
import { contentSnapshot } from '../support/snapshot';

const diemen = findGemeente('0384')!;

/** Demo rows as the reader would map them (column → canonical field). */
function asRaw(row: Record<string, unknown>): RawReport {
  const out: Record<string, unknown> = {};
  for (const [field, col] of Object.entries(DEFAULT_SOURCE_COLUMNS)) out[field] = row[col];
  return out as RawReport;
}

describe('demo/generator', () => {
  const rows = generateDemo({ seed: 7, endDate: '2026-06-30', months: 3, gemeente: diemen });

  it('is deterministic for a seed and differs for another seed', () => {
    expect(generateDemo({ seed: 7, endDate: '2026-06-30', months: 3, gemeente: diemen })).to.deep.equal(rows);
    expect(generateDemo({ seed: 8, endDate: '2026-06-30', months: 3, gemeente: diemen })).to.not.deep.equal(rows);
  });

  it('is sized from the Divosa monitor: ~4 per 1,000 inhabitants a month, about a fifth from landlords', () => {
    const perMonth = rows.length / 3;
    expect(perMonth).to.be.within(100, 170); // Diemen: ~130
    const rent = rows.filter((r) => ['EH', 'YM', 'RD', 'DK'].includes(r.partner_code)).length / 3;
    expect(rent).to.be.within(18, 45); // ~25-30
    expect(rows.every((r) => r.ontvangen_op >= '2026-04-01' && r.ontvangen_op < '2026-07-01')).to.equal(true);
    expect(demoPeriod('2026-06-30', 3)).to.deep.equal({ from: '2026-04-01', to: '2026-06-30' });
    // Source ids follow arrival order.
    expect(rows.map((r) => r.melding_id)).to.deep.equal(rows.map((_, i) => i + 1));
    expect([...rows].sort((a, b) => a.ontvangen_op.localeCompare(b.ontvangen_op)).map((r) => r.melding_id)).to.deep.equal(rows.map((r) => r.melding_id));
  });

  it('contains the messy reality partners deliver', () => {
    const amounts = rows.map((r) => r.achterstand_bedrag);
    expect(amounts.some((a) => /^\d{1,3}(\.\d{3})+,\d{2}$/.test(a))).to.equal(true); // 1.250,50
    expect(amounts.some((a) => a.startsWith('€ '))).to.equal(true);
    expect(amounts.some((a) => /^\d+\.\d{2}$/.test(a))).to.equal(true); // 1250.50
    const postcodes = new Set(rows.map((r) => (/^\d{4} [A-Z]{2}$/.test(r.postcode) ? 'spaced' : /^\d{4}[a-z]{2}$/.test(r.postcode) ? 'lower' : /-/.test(r.postcode) ? 'dash' : 'other')));
    expect([...postcodes].sort()).to.include.members(['dash', 'lower', 'spaced']);
    expect(rows.some((r) => /^\d+[- ]?[A-Za-z]+$/.test(r.huisnummer))).to.equal(true); // 12a / 12-A
    expect(rows.some((r) => r.huisnummer_toevoeging !== null)).to.equal(true);
    expect(rows.some((r) => r.tussenvoegsel !== null)).to.equal(true);
    expect(rows.some((r) => /^(van|de|den|ter|in) /.test(r.achternaam ?? ''))).to.equal(true);
    expect(rows.some((r) => /[À-ɏḀ-ỿ]/.test(`${r.achternaam}${r.voornaam ?? ''}`))).to.equal(true);
    expect(rows.some((r) => r.geboortedatum === null)).to.equal(true);
    expect(rows.some((r) => r.minderjarige_kinderen === null && ['EH', 'YM', 'RD', 'DK'].includes(r.partner_code))).to.equal(true);
    expect(rows.some((r) => Number(r.minderjarige_kinderen) > 0)).to.equal(true);
    expect(rows.some((r) => r.minderjarige_kinderen === '0')).to.equal(true);
    expect(rows.some((r) => r.ontruimingsdatum !== null)).to.equal(true);

    const outcomes = rows.map((r) => validateReport(asRaw(r as unknown as Record<string, unknown>), "2026-07-01"));
    const bad = outcomes.filter((o) => !o.ok);
    expect(bad.length).to.equal(5);
    const messages = bad.flatMap((o) => (o.ok ? [] : o.problems.map((p) => p.field))).sort();
    expect(messages).to.include.members(['lastName', 'birthDate', 'arrearsAmount', 'postcode', 'houseNumber', 'signalDate']);
    const cents = outcomes.flatMap((o) => (o.ok ? [o.report.arrearsCents] : []));
    expect(cents.some((c) => c < 7500)).to.equal(true); // below the threshold
    // Repeats: the same household and partner again, with the same and with a higher amount.
    const key = (r: (typeof rows)[number]) => `${r.partner_code}|${r.postcode.replace(/[\s-]/g, '').toUpperCase()}|${r.huisnummer.replace(/\D.*$/, '')}`;
    const seen = new Map<string, string[]>();
    for (const r of rows) seen.set(key(r), [...(seen.get(key(r)) ?? []), r.achterstand_bedrag]);
    const repeated = [...seen.values()].filter((v) => v.length > 1);
    expect(repeated.length).to.be.greaterThan(5);
    expect(repeated.some((v) => v[0] === v[1])).to.equal(true);
    expect(repeated.some((v) => v[0] !== v[1])).to.equal(true);
  });
});

describe('demo data on SQLite and PostgreSQL', function () {
  before(function () {
    if (!PG_URL) this.skip();
  });

  it('gives the same cases and queues on both databases', async () => {
    const month = generateDemo({ seed: 11, endDate: '2026-02-28', months: 1, gemeente: diemen });
    const src = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
    await writeDemoSource(src, 'meldingen', month);
    const reader = new SourceReader(src, 'meldingen', DEFAULT_SOURCE_COLUMNS);
    const config = testConfig();
    const snapshots: unknown[] = [];
    for (const make of [sqliteTestDb, () => postgresTestDb(PG_URL!)]) {
      const t: TestDb = await make();
      for (const date of dateRange('2026-02-01', '2026-02-28')) {
        await run(testContext(t.db, config, new Date(`${date}T23:00:00Z`)), { businessDate: date, source: reader });
      }
      snapshots.push(await contentSnapshot(t.db));
      await t.close();
    }
    await src.destroy();
    const [lite, pg] = snapshots as Array<Record<string, unknown[]>>;
    expect((lite.signals as unknown[]).length).to.be.greaterThan(90);
    expect((lite.cases as unknown[]).length).to.be.greaterThan(50);
    expect(pg).to.deep.equal(lite);
  });
});
