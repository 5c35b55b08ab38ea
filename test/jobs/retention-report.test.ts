/**
 * Retention removes personal data but keeps what the reports count: the monthly report model of an
 * earlier month is the same before and after the retention job anonymised its records.
 */
import { expect } from 'chai';
import { describeEachDb } from '../support/db';
import { testConfig, testContext } from '../support/config';
import { buildMarchFixture } from '../support/reportFixture';
import { run as runRetention } from '../../jobs/retention';
import { loadReportSnapshot } from '../../src/db/reportData';
import { buildMonthlyReport } from '../../src/domain/reports/model';

describeEachDb('retention and the monthly report', (t) => {
  it('leaves the totals of an earlier month unchanged', async () => {
    const { db } = t();
    await buildMarchFixture(db);
    const config = testConfig();
    const scope = { month: '2026-03', gemeenteCode: '0384', homeGemeente: '0384', retention: config.retention };
    const before = buildMonthlyReport(await loadReportSnapshot(db, scope));
    expect(before.outcomes.signals.received).to.be.greaterThan(0);

    const anonymised = async () => Number(((await db('households').whereNotNull('anonymised_at').count({ n: '*' }).first()) as { n: unknown }).n);
    const anonymisedBefore = await anonymised();
    // Two years on, everything of March 2026 is past every retention period.
    const result = await runRetention(testContext(db, config, new Date('2028-04-01T03:00:00Z')), { asOf: '2028-04-01' });
    expect(result.counts.huishoudens).to.be.greaterThan(0);
    expect((await anonymised()) - anonymisedBefore).to.equal(result.counts.huishoudens);

    const after = buildMonthlyReport(await loadReportSnapshot(db, scope));
    expect(after.outcomes).to.deep.equal(before.outcomes);
    expect(after.current).to.deep.equal(before.current);
    expect(after.dataSharing.received).to.deep.equal(before.dataSharing.received);
    expect(after.dataSharing.passedOn).to.deep.equal(before.dataSharing.passedOn);
  });
});
