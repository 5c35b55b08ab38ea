/** Compliance checks on plain snapshots (no database): the edges of each rule. */
import { expect } from 'chai';
import { buildMonthlyReport } from '../../../src/domain/reports/model';
import type { ReportSnapshot } from '../../../src/domain/reports/snapshot';

function snapshot(over: Partial<ReportSnapshot>): ReportSnapshot {
  return {
    gemeente: { code: '1900', name: 'Súdwest-Fryslân' }, month: '2026-03', seriesFrom: '2026-01', partners: [], signals: [], quarantine: [],
    cases: [], queueEntries: [], contactAttempts: [], routes: [], consents: [], approvals: [], zorgmeldingen: [], sharing: [], views: [],
    retention: [], retentionPolicy: { notPickedUpMonths: 6, closedCaseMonths: 12 }, ...over,
  };
}
const kinds = (s: ReportSnapshot) => buildMonthlyReport(s).compliance.violations.map((v) => `${v.kind} ${v.reference} ${v.date}`);
const household = (o: Partial<ReportSnapshot['retention'][number]>) => ({
  householdId: 1, anonymisedDate: null, lastNotPickedUpDate: null, lastClosedDate: null, closedCaseIds: [], openCases: 0, ...o,
});

describe('compliance checks', () => {
  it('retention: past the term at the end of the month, unless anonymised by then or a case is open', () => {
    expect(kinds(snapshot({ retention: [household({ lastNotPickedUpDate: '2025-10-01' })] }))).to.deep.equal([]);
    // Kept until 31-03 (the month's last day) is not yet past the term at the end of March.
    expect(kinds(snapshot({ retention: [household({ lastClosedDate: '2025-03-31', closedCaseIds: [4] })] }))).to.deep.equal([]);
    expect(kinds(snapshot({ retention: [household({ lastNotPickedUpDate: '2025-09-30' })] }))).to.deep.equal(['bewaartermijn (geen zaak) 2026-03-30']);
    expect(kinds(snapshot({ retention: [household({ lastNotPickedUpDate: '2025-09-29' })] }))).to.deep.equal(['bewaartermijn (geen zaak) 2026-03-29']);
    expect(kinds(snapshot({ retention: [household({ lastNotPickedUpDate: '2025-01-01', anonymisedDate: '2026-03-31' })] }))).to.deep.equal([]);
    expect(kinds(snapshot({ retention: [household({ lastNotPickedUpDate: '2025-01-01', anonymisedDate: '2026-04-01' })] }))).to.have.length(1);
    expect(kinds(snapshot({ retention: [household({ lastNotPickedUpDate: '2025-01-01', openCases: 1 })] }))).to.deep.equal([]);
    // The later of the two terms counts: a recent closed case keeps an old not-picked-up signal.
    expect(kinds(snapshot({ retention: [household({ lastNotPickedUpDate: '2025-01-01', lastClosedDate: '2025-06-01', closedCaseIds: [7] })] }))).to.deep.equal([]);
    expect(kinds(snapshot({ retention: [household({ lastClosedDate: '2025-03-15', closedCaseIds: [3, 7] })] }))).to.deep.equal(['bewaartermijn VS-000007 2026-03-15']);
  });

  it('consent: the right recipient, signed before, not withdrawn, covering the category', () => {
    const consent = { id: 1, caseId: 5, recipient: 'plangroep', categories: ['naw'], signedDate: '2026-03-10', withdrawnDate: '2026-03-20' };
    const route = (startedDate: string, o = {}) => ({ id: 1, caseId: 5, route: 'budgetbeheer', status: 'gestart', startedDate, endedDate: null, consentId: 1, approvalId: 9, ...o });
    const approval = { id: 9, caseId: 5, subject: 'budgetbeheer', requestedDate: '2026-03-01', decision: 'goedgekeurd', decidedDate: '2026-03-09', costCents: 1 };
    const base = { consents: [consent], approvals: [approval] };
    expect(kinds(snapshot({ ...base, routes: [route('2026-03-12')] }))).to.deep.equal([]);
    expect(kinds(snapshot({ ...base, routes: [route('2026-03-09')] }))).to.deep.equal(['zonder-toestemming VS-000005 2026-03-09']);
    expect(kinds(snapshot({ ...base, routes: [route('2026-03-20')] }))).to.deep.equal(['zonder-toestemming VS-000005 2026-03-20']);
    expect(kinds(snapshot({ ...base, routes: [route('2026-03-12', { route: 'vrijwilliger', approvalId: null })] }))).to.deep.equal(['zonder-toestemming VS-000005 2026-03-12']);
    // Schuldregeling and eigen kracht pass nothing on: no consent needed.
    expect(kinds(snapshot({ routes: [route('2026-03-12', { route: 'schuldregeling', consentId: null, approvalId: null })] }))).to.deep.equal([]);
    // Approval decided after the start, or not approved.
    expect(kinds(snapshot({ consents: [consent], approvals: [{ ...approval, decidedDate: '2026-03-13' }], routes: [route('2026-03-12')] }))).to.deep.equal(['zonder-goedkeuring VS-000005 2026-03-12']);
    const share = (o = {}) => ({ id: 1, date: '2026-03-12', direction: 'doorgegeven', counterparty: 'plangroep', partnerId: null, category: 'naw', recordCount: 1, legalBasis: null, consentId: 1, caseId: 5, ...o });
    expect(kinds(snapshot({ ...base, sharing: [share()] }))).to.deep.equal([]);
    expect(kinds(snapshot({ ...base, sharing: [share({ category: 'huur' })] }))).to.deep.equal(['zonder-toestemming VS-000005 2026-03-12']);
    expect(kinds(snapshot({ ...base, sharing: [share({ consentId: null, legalBasis: 'Wgs art. 8' })] }))).to.deep.equal(['zonder-toestemming VS-000005 2026-03-12']);
    expect(kinds(snapshot({ ...base, sharing: [share({ counterparty: 'gemeente-zorgmelding', consentId: null, legalBasis: 'Wgs art. 8' })] }))).to.deep.equal([]);
    expect(kinds(snapshot({ ...base, sharing: [share({ counterparty: 'gemeente-zorgmelding', consentId: null })] }))).to.deep.equal(['zonder-toestemming VS-000005 2026-03-12']);
    // Outside the month: not this month's violation.
    expect(kinds(snapshot({ ...base, sharing: [share({ date: '2026-04-01', category: 'huur' })] }))).to.deep.equal([]);
  });

  it('tenant informed: late or still not informed after the due date; an older overdue one stays listed', () => {
    const z = (o = {}) => ({ id: 1, caseId: 2, madeDate: '2026-03-02', informDueDate: '2026-03-04', tenantInformedDate: null, ...o });
    expect(kinds(snapshot({ zorgmeldingen: [z({ tenantInformedDate: '2026-03-04' })] }))).to.deep.equal([]);
    expect(kinds(snapshot({ zorgmeldingen: [z({ tenantInformedDate: '2026-03-05' })] }))).to.deep.equal(['huurder-niet-geinformeerd VS-000002 2026-03-04']);
    expect(kinds(snapshot({ zorgmeldingen: [z({ madeDate: '2026-01-10', informDueDate: '2026-01-14' })] }))).to.deep.equal(['huurder-niet-geinformeerd VS-000002 2026-01-14']);
    // Informed late in an earlier month: reported then, not again now.
    expect(kinds(snapshot({ zorgmeldingen: [z({ madeDate: '2026-01-10', informDueDate: '2026-01-14', tenantInformedDate: '2026-02-01' })] }))).to.deep.equal([]);
    // Informed after the month end: at the end of March it was still overdue.
    expect(kinds(snapshot({ zorgmeldingen: [z({ tenantInformedDate: '2026-04-02' })] }))).to.deep.equal(['huurder-niet-geinformeerd VS-000002 2026-03-04']);
  });
});
