import { expect } from 'chai';
import { describeEachDb } from '../../support/db';
import { buildMarchFixture } from '../../support/reportFixture';
import { ReportRows } from '../../support/reportRows';
import { loadReportSnapshot } from '../../../src/db/reportData';
import { buildMonthlyReport, caseRef, type MonthlyReport } from '../../../src/domain/reports/model';
import { caseReference } from '../../../src/db/cases';
import { maskSmall, median, percentile } from '../../../src/domain/reports/stats';
import type { Knex } from 'knex';

const RETENTION = { notPickedUpMonths: 6, closedCaseMonths: 12 };

async function report(db: Knex, month = '2026-03', gemeenteCode = '0384'): Promise<MonthlyReport> {
  return buildMonthlyReport(await loadReportSnapshot(db, { month, gemeenteCode, homeGemeente: '0384', retention: RETENTION }));
}

describe('report statistics', () => {
  it('median, nearest-rank percentile and small numbers', () => {
    expect(median([])).to.equal(null);
    expect(median([19, 1, 13])).to.equal(13);
    expect(median([1, 4])).to.equal(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).to.equal(9);
    expect(percentile([1, 3, 2], 90)).to.equal(3);
    expect(maskSmall(0, true)).to.equal(0);
    expect(maskSmall(4, true)).to.equal('<5');
    expect(maskSmall(5, true)).to.equal(5);
    // Larger counts are rounded to fives, so "11 received, 10 accepted, <5 quarantined" cannot be undone.
    expect([7, 8, 11, 12, 13, 140, 139].map((n) => maskSmall(n, true))).to.deep.equal([5, 10, 10, 10, 15, 140, 140]);
    expect(maskSmall(3, false)).to.equal(3);
    expect(caseRef(123)).to.equal(caseReference(123));
  });
});

describeEachDb('monthly report model', (t) => {
  let fx: Awaited<ReturnType<typeof buildMarchFixture>>;
  let r: MonthlyReport;
  beforeEach(async () => {
    fx = await buildMarchFixture(t().db);
    r = await report(t().db);
  });

  it('counts signals received, quarantined, accepted and picked up', () => {
    expect(r.gemeente).to.deep.equal({ code: '0384', name: 'Diemen' });
    expect(r.period).to.deep.equal({ from: '2026-03-01', to: '2026-03-31' });
    expect(r.outcomes.signals).to.deep.equal({
      received: 9, quarantined: 2, accepted: 8, acceptedAfterCorrection: 1, pickedUp: 5, notPickedUp: 3, repeats: 1, newCases: 4,
    });
    expect(r.outcomes.notPickedUp).to.deep.equal([
      { reason: 'drempelbedrag', label: 'onder het drempelbedrag', count: 2 },
      { reason: 'herhaalmelding', label: 'herhaalmelding zonder hoger bedrag', count: 1 },
    ]);
  });

  it('splits signals per partner and partner type', () => {
    expect(r.outcomes.perPartner).to.deep.equal([
      { code: 'CW', name: 'Gemeentelijke Kredietbank Één Loket', type: 'Overige', received: 1, quarantined: 0, accepted: 2, pickedUp: 1, notPickedUp: 1 },
      { code: '(onbekend)', name: 'partner onbekend of onleesbaar', type: '—', received: 1, quarantined: 1, accepted: 0, pickedUp: 0, notPickedUp: 0 },
      { code: 'VF', name: 'Vattenfall', type: 'Energie', received: 2, quarantined: 0, accepted: 2, pickedUp: 1, notPickedUp: 1 },
      { code: 'EH', name: 'Woningcorporatie Eigen Haard', type: 'Huur', received: 5, quarantined: 1, accepted: 4, pickedUp: 3, notPickedUp: 1 },
    ]);
    expect(r.outcomes.perPartnerType.map((x) => [x.type, x.received, x.accepted])).to.deep.equal([
      ['—', 1, 0], ['Energie', 2, 2], ['Huur', 5, 4], ['Overige', 1, 2],
    ]);
  });

  it('counts contact attempts by kind and the reach rate', () => {
    expect(r.outcomes.contactAttempts).to.deep.equal({
      total: 7, reached: 3, reachRate: 42.9, casesAttempted: 4, casesReached: 3,
      byKind: [
        { kind: 'Brief', attempts: 1, reached: 0, reachRate: 0 },
        { kind: 'Huisbezoek', attempts: 2, reached: 1, reachRate: 50 },
        { kind: 'Telefoon', attempts: 4, reached: 2, reachRate: 50 },
      ],
    });
  });

  it('measures working days to first attempt and first contact (median, p90)', () => {
    // First attempts in March: c1 1, c2 3 (Tue→Fri), c4 2. First contacts: c0 19, c1 1, c2 13.
    expect(r.outcomes.timing).to.deep.equal({
      firstAttempt: { cases: 3, medianDays: 2, p90Days: 3 },
      firstContact: { cases: 3, medianDays: 13, p90Days: 19 },
    });
  });

  it('checks deadline compliance: 3 working days when eviction threatens, the strictest deadline otherwise', () => {
    expect(r.outcomes.deadlines).to.deep.equal([
      { group: 'spoed', label: 'Dreigende ontruiming (3 werkdagen)', due: 1, met: 0, late: 0, openOverdue: 1, pctMet: 0 },
      { group: 'regulier', label: 'Overige zaken (10/20 werkdagen)', due: 3, met: 2, late: 1, openOverdue: 0, pctMet: 66.7 },
    ]);
  });

  it('counts routes, consents and budget-management approvals with their cost', () => {
    const routes = Object.fromEntries(r.outcomes.routes.map((x) => [x.route, [x.started, x.completed, x.stopped, x.activeAtEnd]]));
    expect(routes).to.deep.equal({
      schuldregeling: [0, 0, 1, 0], 'eigen-kracht': [0, 0, 0, 0], 'eigen-netwerk': [1, 1, 0, 0],
      vrijwilliger: [1, 0, 0, 1], inhouding: [0, 0, 0, 0], budgetbeheer: [2, 0, 0, 2],
    });
    expect(r.outcomes.consents.signed).to.equal(3);
    expect(r.outcomes.consents.withdrawn).to.equal(1);
    expect(r.outcomes.consents.byRecipient.map((x) => [x.recipient, x.signed, x.withdrawn])).to.deep.equal([
      ['netwerk', 1, 0], ['vrijwilliger', 0, 1], ['gemeente-inhouding', 0, 0], ['plangroep', 2, 0],
    ]);
    expect(r.outcomes.budgetManagement).to.deep.equal({ requested: 3, approved: 2, rejected: 1, pendingAtEnd: 1, approvedCostCents: 215_050 });
  });

  it('counts zorgmeldingen and how soon the tenant was informed', () => {
    expect(r.outcomes.zorgmeldingen).to.deep.equal({
      made: 4, informedOnTime: 1, informedLate: 1, notInformedOverdue: 1, notInformedWithinTerm: 1, medianDaysToInform: 2.5,
    });
  });

  it('counts closed cases by national final result, the open backlog by age and arrears per queue', () => {
    expect(r.outcomes.closed).to.deep.equal({
      total: 2,
      byResult: [
        { result: '(Budget)advies en/of quick fix', count: 1 },
        { result: 'Definitief geen contact kunnen krijgen', count: 1 },
      ],
    });
    expect(r.outcomes.backlog.total).to.equal(5);
    expect(r.outcomes.backlog.byAge.map((b) => b.count)).to.deep.equal([0, 3, 1, 0, 1]);
    expect(r.outcomes.backlog.byQueue).to.deep.equal([
      { queue: 'prioriteit', count: 1 }, { queue: 'regulier', count: 3 }, { queue: 'spoed', count: 1 },
    ]);
    expect(r.outcomes.arrearsByQueue).to.deep.equal([
      { queue: 'regulier', cases: 3, totalCents: 470_000, medianCents: 170_000 },
      { queue: 'spoed', cases: 1, totalCents: 340_000, medianCents: 340_000 },
    ]);
  });

  it('compares with the previous month and gives a 12-month series', () => {
    const cmp = Object.fromEntries(r.comparison.map((c) => [c.key, [c.current, c.previous, c.difference]]));
    expect(cmp.received).to.deep.equal([9, 3, 6]);
    expect(cmp.accepted).to.deep.equal([8, 2, 6]);
    expect(cmp.newCases).to.deep.equal([4, 1, 3]);
    expect(cmp.attempts).to.deep.equal([7, 1, 6]);
    expect(cmp.reachRate).to.deep.equal([42.9, 0, 42.9]);
    expect(cmp.deadlinePct).to.deep.equal([50, 0, 50]);
    expect(cmp.closed).to.deep.equal([2, 0, 2]);
    expect(cmp.backlog).to.deep.equal([5, 3, 2]);
    expect(r.series).to.have.length(12);
    expect(r.series[0].month).to.equal('2025-04');
    expect(r.series[11].month).to.equal('2026-03');
    expect(r.series.find((m) => m.month === '2025-11')!.signals.newCases).to.equal(1);
  });

  it('accounts for data received, passed on, viewed and removed', () => {
    const ds = r.dataSharing;
    expect(ds.received.map((x) => [x.category, x.partner, x.records])).to.deep.equal([
      ['naw', 'Gemeentelijke Kredietbank Één Loket', 1], ['naw', 'Vattenfall', 1], ['naw', 'Woningcorporatie Eigen Haard', 2],
      ['referentie', 'Woningcorporatie Eigen Haard', 2], ['achterstand', 'Woningcorporatie Eigen Haard', 2],
    ]);
    expect(ds.receivedByCategory.map((x) => [x.categoryLabel, x.records])).to.deep.equal([
      ['NAW', 4], ['Referentienummer partner', 2], ['Hoogte achterstand (huur of vaste lasten)', 2],
    ]);
    expect(ds.passedOn.map((p) => [p.date, p.counterparty, p.category, p.records, p.basis, p.caseRef])).to.deep.equal([
      ['2026-03-05', 'netwerk', 'naw', 1, `toestemming nr. 1`, caseRef(fx.cases.c0)],
      ['2026-03-05', 'netwerk', 'achterstand', 1, `toestemming nr. 1`, caseRef(fx.cases.c0)],
      ['2026-03-10', 'plangroep', 'huur', 1, `toestemming nr. 2`, caseRef(fx.cases.c1)],
      ['2026-03-12', 'vrijwilliger:Humanitas', 'naw', 1, '—', caseRef(fx.cases.c2)],
      ['2026-03-16', 'netwerk', 'kinderen', 1, `toestemming nr. 1`, caseRef(fx.cases.c0)],
      ['2026-03-18', 'gemeente-zorgmelding', 'naw', 1, 'Wgs art. 8; zorgplicht gemeente', caseRef(fx.cases.c4)],
      ['2026-03-31', 'CBS (DDAS)', 'achterstand', 4, 'Wgs art. 8 lid 2', null],
    ]);
    expect(ds.viewsByRole).to.deep.equal([
      { role: 'beheerder', views: 1, actors: 1 },
      { role: 'casemanager', views: 4, actors: 2 },
    ]);
    expect(ds.removed.map((x) => [x.categoryLabel, x.records])).to.deep.equal([['NAW', 3], ['Geboortedatum', 2]]);
    expect(ds.removedTotal).to.equal(5);
  });

  it('lists every compliance violation', () => {
    const c = r.compliance;
    expect(c.checks.map((k) => [k.kind, k.count])).to.deep.equal([
      ['zonder-toestemming', 3], ['zonder-goedkeuring', 1], ['huurder-niet-geinformeerd', 2], ['bewaartermijn', 2],
    ]);
    expect(c.total).to.equal(8);
    expect(c.violations.map((v) => [v.kind, v.reference, v.date])).to.deep.equal([
      ['bewaartermijn', '(geen zaak)', '2026-02-15'],
      ['bewaartermijn', caseRef(fx.cases.c7), '2026-03-01'],
      ['huurder-niet-geinformeerd', caseRef(fx.cases.c1), '2026-03-04'],
      ['huurder-niet-geinformeerd', caseRef(fx.cases.c2), '2026-03-25'],
      ['zonder-goedkeuring', caseRef(fx.cases.c2), '2026-03-25'],
      ['zonder-toestemming', caseRef(fx.cases.c2), '2026-03-12'],
      ['zonder-toestemming', caseRef(fx.cases.c2), '2026-03-12'],
      ['zonder-toestemming', caseRef(fx.cases.c0), '2026-03-16'],
    ]);
    expect(c.violations[7].detail).to.contain('dekt categorie "Aantal minderjarige kinderen" niet');
    // No personal data anywhere in the model.
    const json = JSON.stringify(r);
    for (const pd of ['Bërg', 'Zoë', 'Özdemir', 'REF-1', '1111AB', 'anna', 'bram', 'carla']) expect(json).not.to.contain(pd);
  });

  it('gives the same numbers for another municipality only from its own cases', async () => {
    const ams = await report(t().db, '2026-03', '0363');
    expect(ams.gemeente.name).to.equal('Amsterdam');
    expect(ams.outcomes.signals).to.deep.equal({
      received: 2, quarantined: 1, accepted: 1, acceptedAfterCorrection: 0, pickedUp: 1, notPickedUp: 0, repeats: 0, newCases: 1,
    });
    expect(ams.outcomes.contactAttempts.total).to.equal(1);
    expect(ams.dataSharing.received).to.deep.equal([]);
    expect(ams.compliance.total).to.equal(0);
  });

  it('is deterministic: the same data gives the same report', async () => {
    expect(JSON.stringify(await report(t().db))).to.equal(JSON.stringify(r));
  });
});

describeEachDb('monthly report model without violations', (t) => {
  it('says zero for every check', async () => {
    const rows = new ReportRows(t().db);
    const p = await rows.partner('EH', 'Woningcorporatie Eigen Haard', 'Huur');
    const h = await rows.household();
    const c = await rows.case(h, '2026-03-02');
    await rows.signal({ partnerId: p, householdId: h, businessDate: '2026-03-02', caseId: c });
    const r = await report(t().db);
    expect(r.compliance.total).to.equal(0);
    expect(r.compliance.checks.every((k) => k.count === 0)).to.equal(true);
    expect(r.compliance.checks).to.have.length(4);
    expect(r.outcomes.timing.firstContact).to.deep.equal({ cases: 0, medianDays: null, p90Days: null });
  });
});
