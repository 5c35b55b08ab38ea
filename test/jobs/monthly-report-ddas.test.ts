/**
 * The monthly report job also writes the national DDAS delivery: on demo data run through the real
 * nightly intake it validates against v1.2 (our validator, and the official schema when the shared
 * reference folder is present), and the report's totals equal the delivery's counts.
 */
import { expect } from 'chai';
import fs from 'node:fs';
import knexFactory from 'knex';
import { describeEachDb } from '../support/db';
import { testConfig, testContext } from '../support/config';
import { ajvValidate, sharedDdasAvailable } from '../support/ddas';
import { generateDemo } from '../../src/demo/generator';
import { writeDemoSource } from '../../src/demo/source';
import { findGemeente } from '../../src/domain/gemeenten';
import { SourceReader } from '../../src/source/reader';
import { DEFAULT_SOURCE_COLUMNS } from '../../src/config';
import { dateRange } from '../../src/domain/dates';
import { run as runNightly } from '../../jobs/nightly';
import { run as runReport } from '../../jobs/monthly-report';
import { errorsOf, validateDdas } from '../../src/domain/ddas/validate';
import { importDdas } from '../../src/services/ddasImport';

describeEachDb('monthly report with the DDAS delivery', (t) => {
  it('writes a valid v1.2 delivery whose counts equal the report', async () => {
    const rows = generateDemo({ seed: 5, endDate: '2026-02-28', months: 1, gemeente: findGemeente('0384')! });
    const src = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
    await writeDemoSource(src, 'meldingen', rows);
    const reader = new SourceReader(src, 'meldingen', DEFAULT_SOURCE_COLUMNS);
    const config = testConfig();
    for (const date of dateRange('2026-02-01', '2026-02-28')) {
      await runNightly(testContext(t().db, config, new Date(`${date}T23:30:00Z`)), { businessDate: date, source: reader });
    }
    await src.destroy();
    const res = await runReport(testContext(t().db, config, new Date('2026-03-01T05:00:00Z')), { month: '2026-02' });
    expect(res.files.json).to.match(/ddas-vroegsignalering-0384-2026-02-v1\.2\.json$/);
    const delivery = JSON.parse(fs.readFileSync(res.files.json!, 'utf8'));
    expect(errorsOf(validateDdas(delivery, '1.2'))).to.deep.equal([]);
    if (sharedDdasAvailable()) expect(ajvValidate('1.2', delivery)).to.deep.equal({ ok: true, errors: [] });

    const signals = delivery.leveringen[0].vroegsignalen as Array<{ status?: string; client: Record<string, unknown> }>;
    const s = res.report.outcomes.signals;
    expect(s.accepted).to.be.greaterThan(80);
    expect(signals.length).to.equal(s.accepted);
    expect(signals.filter((x) => x.status === 'Opgepakt').length).to.equal(s.pickedUp);
    expect(signals.filter((x) => x.status !== 'Opgepakt').length).to.equal(s.notPickedUp);
    const repeats = res.report.outcomes.notPickedUp.find((r) => r.reason === 'herhaalmelding')?.count ?? 0;
    expect(signals.filter((x) => x.status === 'Niet opgepakt: herhaalde melding').length).to.equal(repeats);
    // The v1.2 client is minimised: no names, never a BSN from our own intake.
    for (const x of signals) expect(Object.keys(x.client).sort()).to.satisfy((k: string[]) => k.every((f) => ['postcode', 'huisnummer', 'huisnummertoevoeging', 'geboortedatum'].includes(f)));
    // And the delivery is logged as shared with CBS.
    const cbs = await t().db('data_sharing_log').where({ direction: 'gerapporteerd', counterparty: 'cbs', category: 'naw' }).first();
    expect(Number(cbs.record_count)).to.equal(signals.length);

    // Importing our own delivery back would count every signal twice: it is refused as a whole.
    const before = await t().db('signals').count({ n: '*' }).first();
    let err: Error | null = null;
    await importDdas(t().db, {
      fileName: 'eigen.json', content: fs.readFileSync(res.files.json!), bsnKey: 'x'.repeat(32), actor: 'test', now: new Date('2026-03-02T10:00:00Z'),
    }).catch((e: Error) => { err = e; });
    expect(String(err)).to.contain('dit is een levering van Vroegsignaal zelf');
    expect(await t().db('signals').count({ n: '*' }).first()).to.deep.equal(before);
  });
});
