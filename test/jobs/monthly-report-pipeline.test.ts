/**
 * The report on data that went through the real nightly intake (not hand-inserted rows): its
 * figures equal what the intake recorded and what the manager's summary shows.
 */
import { expect } from 'chai';
import { describeEachDb } from '../support/db';
import { memorySource, report as row, traits } from '../support/factories';
import { testConfig, testContext } from '../support/config';
import { run as runNightly } from '../../jobs/nightly';
import { run as runReport } from '../../jobs/monthly-report';
import { intakeSummary } from '../../src/db/summary';

describeEachDb('monthly report after the nightly intake', (t) => {
  it('counts what the intake recorded', async () => {
    const src = await memorySource([
      row({ partner_code: 'CW', partner_naam: 'Gemeentelijke Kredietbank Één Loket', partner_soort: 'Overige', ...traits.anderAdres(1) }),
      row({ ...traits.anderAdres(2), ...traits.ontruimingDreigt }),
      row({ ...traits.anderAdres(3), ...traits.onderDrempel }),
      row({ ...traits.anderAdres(4), achterstand_bedrag: 'veel' }), // quarantined
      row({ ...traits.anderAdres(5), ...traits.gezinMetKinderen }),
    ]);
    const config = testConfig();
    const ctx = testContext(t().db, config, new Date('2026-03-03T01:00:00Z'));
    const nightly = await runNightly(ctx, { businessDate: '2026-03-02', source: src.reader });
    await src.db.destroy();
    const res = await runReport(testContext(t().db, config, new Date('2026-04-01T06:00:00Z')), { month: '2026-03' });
    const s = res.report.outcomes.signals;
    const summary = await intakeSummary(t().db, { from: '2026-03-01', to: '2026-03-31' }, '2026-03-31');
    expect(s.received).to.equal(nightly.counts.received).and.to.equal(summary.received).and.to.equal(5);
    expect(s.accepted).to.equal(nightly.counts.accepted).and.to.equal(4);
    expect(s.quarantined).to.equal(nightly.counts.quarantined).and.to.equal(1);
    expect(s.pickedUp).to.equal(nightly.counts.pickedUp).and.to.equal(3);
    expect(s.newCases).to.equal(nightly.counts.newCases).and.to.equal(3);
    expect(res.report.outcomes.notPickedUp).to.deep.equal([{ reason: 'drempelbedrag', label: 'onder het drempelbedrag', count: 1 }]);
    expect(res.report.outcomes.perPartner.map((p) => [p.name, p.received])).to.deep.equal([
      ['Gemeentelijke Kredietbank Één Loket', 1], ['Woningcorporatie Eigen Haard', 4],
    ]);
    // Every accepted report carried NAW, reference and arrears; the receipt log says so per partner.
    const naw = res.report.dataSharing.received.filter((r) => r.category === 'naw');
    expect(naw.map((r) => [r.partner, r.records])).to.deep.equal([['Gemeentelijke Kredietbank Één Loket', 1], ['Woningcorporatie Eigen Haard', 3]]);
    // No casework yet: the eviction case's 3-working-day deadline (5 March) and the others' (in March)
    // passed without contact.
    expect(res.report.outcomes.deadlines.map((d) => [d.group, d.due, d.met, d.openOverdue])).to.deep.equal([['spoed', 1, 0, 1], ['regulier', 2, 0, 2]]);
    expect(res.report.current.openBacklog).to.equal(3);
    expect(res.report.compliance.total).to.equal(0);
  });
});
