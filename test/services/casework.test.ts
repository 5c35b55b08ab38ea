import { expect } from 'chai';
import type { Knex } from 'knex';
import { describeEachDb } from '../support/db';
import { testConfig, testContext } from '../support/config';
import { memorySource, report, traits } from '../support/factories';
import { run as runNightly } from '../../jobs/nightly';
import {
  caseAuditTrail, caseworkSettings, claimCase, closeCase, decideApprovalStep, finishRoute, makeZorgmelding, markInformed,
  overdueTasks, recordConsent, recordContact, recordFindings, requestApproval, startRoute, stopRoute, viewCase,
  withdrawConsentStep, type CaseworkContext,
} from '../../src/services/casework';
import { FINAL_RESULTS, StepRefusedError, VersionConflictError, type Findings, type Role, type Route } from '../../src/domain/casework';
import { getCaseWork, routesOfCase, sharingOfCase, zorgmeldingenOfCase } from '../../src/db/casework';
import { amsterdamInstant } from '../../src/domain/dates';

const config = testConfig();
const settings = caseworkSettings(config);

function as(db: Knex, actor: string, role: Role, date: string): CaseworkContext {
  return { db, who: { actor, role }, now: amsterdamInstant(date, '10:00'), date, settings };
}

/** Runs the nightly job for 2026-03-02 on the given rows; returns the case ids. */
async function casesFrom(db: Knex, rows = [report()]): Promise<number[]> {
  const src = await memorySource(rows);
  await runNightly(testContext(db, config), { businessDate: '2026-03-02', source: src.reader });
  await src.db.destroy();
  return (await db('cases').select('id').orderBy('id')).map((r) => Number(r.id));
}

async function refused(p: Promise<unknown>, pattern: RegExp): Promise<StepRefusedError> {
  try {
    await p;
  } catch (e) {
    expect(e, String(e)).to.be.instanceOf(StepRefusedError);
    expect((e as Error).message).to.match(pattern);
    return e as StepRefusedError;
  }
  throw new Error(`expected a refusal matching ${pattern}`);
}

/** Claims, reaches the resident on 03-03 and records findings on 04-03. */
async function investigated(db: Knex, id: number, f: Partial<Findings>): Promise<void> {
  await claimCase(as(db, 'anna', 'casemanager', '2026-03-03'), id);
  await recordContact(as(db, 'anna', 'casemanager', '2026-03-03'), id, { kind: 'telefoon', reached: true, date: '2026-03-03', dayPart: 'Ochtend', note: 'Belt terug' });
  await recordFindings(as(db, 'anna', 'casemanager', '2026-03-04'), id, f);
}

const NO_DEBT_ARRANGEMENT = { debtArrangement: 'nee', ownStrength: false, ownNetwork: false, volunteers: false, partnerAgreed: true } as const;

describeEachDb('casework services', (t) => {
  it('walks a case through every route of the agreement, with consent, approval, sharing log and final result', async () => {
    const db = t().db;
    const ids = await casesFrom(db, [1, 2, 3, 4, 5, 6].map((n) => report(traits.anderAdres(n))));
    expect(ids).to.have.length(6);
    const plans: Array<{ route: Route; findings: Partial<Findings>; recipient?: string; consent?: { recipient: string; name?: string } }> = [
      { route: 'schuldregeling', findings: { debtArrangement: 'ja' } },
      { route: 'eigen-kracht', findings: { debtArrangement: 'tijdelijk-niet', ownStrength: true, partnerAgreed: true } },
      { route: 'eigen-netwerk', findings: { debtArrangement: 'nee', ownStrength: false, ownNetwork: true, partnerAgreed: true }, recipient: 'zus Fatima', consent: { recipient: 'netwerk', name: 'zus Fatima' } },
      { route: 'vrijwilliger', findings: { debtArrangement: 'nee', ownStrength: false, ownNetwork: false, volunteers: true, partnerAgreed: true }, recipient: 'Humanitas', consent: { recipient: 'vrijwilliger', name: 'Humanitas' } },
      { route: 'inhouding', findings: { ...NO_DEBT_ARRANGEMENT, incomeSource: 'Pw' }, consent: { recipient: 'gemeente-inhouding' } },
      { route: 'budgetbeheer', findings: { ...NO_DEBT_ARRANGEMENT, incomeSource: 'ander-inkomen' }, consent: { recipient: 'plangroep' } },
    ];
    for (const [i, plan] of plans.entries()) {
      const id = ids[i];
      await investigated(db, id, plan.findings);
      const day = as(db, 'anna', 'casemanager', '2026-03-05');
      if (plan.consent) {
        await recordConsent(day, id, {
          signedBy: 'J. van den Bërg', recipient: plan.consent.recipient, recipientName: plan.consent.name ?? null,
          categories: ['naw', 'geboortedatum', 'huur', 'achterstand'], signedDate: '2026-03-05', documentRef: `DMS-${id}`,
        });
      }
      if (plan.route === 'budgetbeheer') {
        await requestApproval(day, id);
        await decideApprovalStep(as(db, 'wethouder.bureau', 'gemeente', '2026-03-06'), id, { decision: 'goedgekeurd', costCents: 42000 });
      }
      await startRoute(as(db, 'anna', 'casemanager', '2026-03-06'), id, { route: plan.route, recipientName: plan.recipient });
      const running = await getCaseWork(db, id);
      expect(running!.status).to.equal(['schuldregeling', 'eigen-kracht'].includes(plan.route) ? 'route-gekozen' : 'doorverwezen');
      await finishRoute(as(db, 'anna', 'casemanager', '2026-04-20'), id);
      const expected = plan.route === 'eigen-kracht' ? FINAL_RESULTS.quickFix : plan.route === 'eigen-netwerk' ? FINAL_RESULTS.verwijzing : FINAL_RESULTS.financieel;
      const closed = await closeCase(as(db, 'anna', 'casemanager', '2026-04-21'), id, { result: expected });
      expect(closed.partnerFeedback).to.equal('opgepakt');
      const c = (await getCaseWork(db, id))!;
      expect([c.status, c.finalResult, c.closedDate, c.firstContactDate, c.firstAttemptDate]).to.deep.equal(['afgesloten', expected, '2026-04-21', '2026-03-03', '2026-03-03']);
      const sharing = (await sharingOfCase(db, id)).filter((s) => s.direction === 'doorgegeven');
      if (plan.consent) {
        const counterparty = { 'eigen-netwerk': 'netwerk', vrijwilliger: 'vrijwilliger:Humanitas', inhouding: 'gemeente:inhouding', budgetbeheer: 'plangroep' }[plan.route as string];
        expect(sharing.map((s) => s.counterparty)).to.satisfy((xs: string[]) => xs.every((x) => x === counterparty));
        expect(sharing.every((s) => s.consentId !== null && s.businessDate === '2026-03-06' && s.recordCount === 1)).to.equal(true);
        expect(sharing.map((s) => s.category).sort()).to.deep.equal(
          plan.route === 'eigen-netwerk' ? ['achterstand', 'naw'] : plan.route === 'vrijwilliger' ? ['achterstand', 'huur', 'naw'] : ['achterstand', 'geboortedatum', 'huur', 'naw'],
        );
      } else {
        expect(sharing).to.have.length(0);
      }
      const trail = await caseAuditTrail(as(db, 'coco', 'coördinator', '2026-04-22'), id);
      expect(trail.audit.map((a) => a.action)).to.include.members(['zaak.opgepakt', 'zaak.contactpoging', 'zaak.bevinding', 'route.gestart', 'route.afgerond', 'zaak.afgesloten']);
      expect(trail.audit.find((a) => a.action === 'route.gestart')!.actor).to.equal('anna');
    }
    const budget = await db('municipal_approvals').first();
    expect([budget.decision, Number(budget.cost_cents), budget.decided_by]).to.deep.equal(['goedgekeurd', 42000, 'wethouder.bureau']);
  });

  it('refuses each forbidden step and names the missing condition, changing nothing', async () => {
    const db = t().db;
    const [a, b, c, d] = await casesFrom(db, [1, 2, 3, 4].map((n) => report(traits.anderAdres(n))));
    const day = (date: string) => as(db, 'anna', 'casemanager', date);
    // Volunteer route: no consent, consent for another recipient, withdrawn consent.
    await investigated(db, a, { debtArrangement: 'nee', ownStrength: false, ownNetwork: false, volunteers: true, partnerAgreed: true });
    await refused(startRoute(day('2026-03-05'), a, { route: 'vrijwilliger', recipientName: 'Humanitas' }), /Geen schriftelijke toestemming voor doorverwijzing naar Humanitas/);
    await recordConsent(day('2026-03-05'), a, { signedBy: 'J. Bërg', recipient: 'vrijwilliger', recipientName: 'Schuldhulpmaatje', categories: ['naw', 'huur', 'achterstand'], signedDate: '2026-03-05', documentRef: 'D1' });
    await refused(startRoute(day('2026-03-05'), a, { route: 'vrijwilliger', recipientName: 'Humanitas' }), /Geen schriftelijke toestemming voor doorverwijzing naar Humanitas/);
    const consentId = await recordConsent(day('2026-03-05'), a, { signedBy: 'J. Bërg', recipient: 'vrijwilliger', recipientName: 'Humanitas', categories: ['naw'], signedDate: '2026-03-05', documentRef: 'D2' });
    await refused(startRoute(day('2026-03-05'), a, { route: 'vrijwilliger', recipientName: 'Humanitas' }), /dekt niet het doorgeven van: achterstand, huur/);
    await withdrawConsentStep(day('2026-03-06'), a, consentId, { date: '2026-03-06', reason: 'inwoner wil het niet meer' });
    await refused(startRoute(day('2026-03-06'), a, { route: 'vrijwilliger', recipientName: 'Humanitas', categories: ['naw'] }), /ingetrokken op 2026-03-06/);
    expect(await routesOfCase(db, a)).to.have.length(0);
    expect((await sharingOfCase(db, a)).filter((s) => s.direction === 'doorgegeven')).to.have.length(0);

    // Budget management: with a Pw benefit → must use withholding; without approval → refused.
    await investigated(db, b, { ...NO_DEBT_ARRANGEMENT, incomeSource: 'Pw' });
    await refused(requestApproval(day('2026-03-05'), b), /Budgetbeheer niet bij een Pw-uitkering: gebruik inhouding op de uitkering/);
    await refused(startRoute(day('2026-03-05'), b, { route: 'budgetbeheer' }), /gebruik inhouding/);
    await recordFindings(day('2026-03-05'), b, { incomeSource: 'ander-inkomen' });
    await recordConsent(day('2026-03-05'), b, { signedBy: 'J. Bërg', recipient: 'plangroep', categories: ['naw', 'geboortedatum', 'huur', 'achterstand'], signedDate: '2026-03-05', documentRef: 'D3' });
    await refused(startRoute(day('2026-03-05'), b, { route: 'budgetbeheer' }), /Geen goedkeuring van de gemeente voor budgetbeheer/);
    await requestApproval(day('2026-03-05'), b);
    await refused(startRoute(day('2026-03-05'), b, { route: 'budgetbeheer' }), /wacht nog op een besluit/);
    // Only the municipality decides.
    await refused(decideApprovalStep(as(db, 'coco', 'coördinator', '2026-03-06'), b, { decision: 'goedgekeurd' }), /Rol coördinator mag niet: besluiten over budgetbeheer/);
    await decideApprovalStep(as(db, 'gem', 'gemeente', '2026-03-06'), b, { decision: 'afgewezen' });
    await refused(startRoute(day('2026-03-06'), b, { route: 'budgetbeheer' }), /aanvraag is afgewezen/);

    // Withholding without a qualifying benefit.
    await investigated(db, c, { ...NO_DEBT_ARRANGEMENT, incomeSource: 'ander-inkomen' });
    await recordConsent(day('2026-03-05'), c, { signedBy: 'J. Bërg', recipient: 'gemeente-inhouding', categories: ['naw', 'geboortedatum', 'huur', 'achterstand'], signedDate: '2026-03-05', documentRef: 'D4' });
    await refused(startRoute(day('2026-03-05'), c, { route: 'inhouding' }), /Inhouding alleen bij een uitkering op grond van de Pw, Ioaw, Ioaz of Bbz \(inkomen: ander-inkomen\)/);
    // Order of the agreement: a debt arrangement comes first.
    await recordFindings(day('2026-03-05'), c, { debtArrangement: 'ja' });
    await refused(startRoute(day('2026-03-05'), c, { route: 'budgetbeheer' }), /Eerst schuldregeling/);
    // Closing with a result that does not fit the route.
    await startRoute(day('2026-03-06'), c, { route: 'schuldregeling' });
    await refused(closeCase(day('2026-03-09'), c, { result: FINAL_RESULTS.geenContact }), /past niet bij route schuldregeling/);
    await refused(closeCase(day('2026-03-09'), c, { result: FINAL_RESULTS.financieel, partnerFeedback: 'niet-opgepakt:andere-reden' }), /niet toegestaan/);
    expect((await getCaseWork(db, c))!.status).to.equal('route-gekozen');

    // Two caseworkers claiming the same case: the version check lets only the first one have it.
    const v = (await getCaseWork(db, d))!.version;
    await claimCase(as(db, 'anna', 'casemanager', '2026-03-03'), d, { expectedVersion: v });
    try {
      await claimCase(as(db, 'bram', 'casemanager', '2026-03-03'), d, { expectedVersion: v });
      expect.fail('second claim must be refused');
    } catch (e) {
      expect(e).to.be.instanceOf(VersionConflictError);
    }
    await refused(claimCase(as(db, 'bram', 'casemanager', '2026-03-03'), d), /al opgepakt door anna/);
    await refused(recordContact(as(db, 'bram', 'casemanager', '2026-03-03'), d, { kind: 'Telefoon', reached: false, date: '2026-03-03' }), /toegewezen aan anna, niet aan u/);
    expect((await getCaseWork(db, d))!.assignedTo).to.equal('anna');
    // Not reached yet: no findings, no "no contact" result without an attempt.
    await refused(recordFindings(day('2026-03-03'), d, { debtArrangement: 'ja' }), /kan niet in status "nieuw"/);
    await refused(closeCase(day('2026-03-03'), d, { result: FINAL_RESULTS.geenContact }), /minstens één poging/);
    await recordContact(day('2026-03-03'), d, { kind: 'Brief', reached: false, date: '2026-03-03' });
    await closeCase(day('2026-03-04'), d, { result: FINAL_RESULTS.geenContact });
    await refused(recordContact(day('2026-03-05'), d, { kind: 'Brief', reached: false, date: '2026-03-05' }), /afgesloten/);
  });

  it('stops a route when its consent is withdrawn and lets the caseworker choose the next one', async () => {
    const db = t().db;
    const [id] = await casesFrom(db);
    const day = (date: string) => as(db, 'anna', 'casemanager', date);
    await investigated(db, id, { debtArrangement: 'nee', ownStrength: false, ownNetwork: false, volunteers: true, partnerAgreed: true, incomeSource: 'Bbz' });
    const cid = await recordConsent(day('2026-03-05'), id, { signedBy: 'J. Bërg', recipient: 'vrijwilliger', recipientName: 'Humanitas', categories: ['naw', 'huur', 'achterstand'], signedDate: '2026-03-05', documentRef: 'D' });
    await startRoute(day('2026-03-05'), id, { route: 'vrijwilliger', recipientName: 'humanitas' });
    await withdrawConsentStep(day('2026-03-10'), id, cid, { date: '2026-03-10', reason: null });
    expect((await getCaseWork(db, id))!.status).to.equal('onderzoek');
    expect((await routesOfCase(db, id)).map((r) => [r.route, r.status, r.endedDate])).to.deep.equal([['vrijwilliger', 'gestopt', '2026-03-10']]);
    await recordFindings(day('2026-03-11'), id, { volunteers: false });
    await recordConsent(day('2026-03-11'), id, { signedBy: 'J. Bërg', recipient: 'gemeente-inhouding', categories: ['naw', 'geboortedatum', 'huur', 'achterstand'], signedDate: '2026-03-11', documentRef: 'D2' });
    await startRoute(day('2026-03-11'), id, { route: 'inhouding' });
    await stopRoute(day('2026-03-20'), id, 'uitkering beëindigd');
    expect((await getCaseWork(db, id))!.status).to.equal('onderzoek');
    // No route counts any more: "no contact" does not fit a resident who was reached.
    await refused(closeCase(day('2026-03-23'), id, { result: FINAL_RESULTS.geenContact }), /Er is contact geweest met de inwoner/);
    const r = await closeCase(day('2026-03-23'), id, { result: FINAL_RESULTS.overleden });
    expect(r.partnerFeedback).to.equal('niet-opgepakt:overleden');
  });

  it('feeds the escalation rules: contact made stops "termijn verstreken"', async () => {
    const db = t().db;
    const src = await memorySource([
      report(traits.anderAdres(1)), report(traits.anderAdres(2)),
      report({ ...traits.anderAdres(3), ...traits.gezinMetKinderen, ontruiming_dreigt: 'J', ontruimingsdatum: '2026-06-30' }),
    ]);
    await runNightly(testContext(db, config), { businessDate: '2026-03-02', source: src.reader });
    const [reached, notReached, family] = (await db('cases').select('id').orderBy('id')).map((r) => Number(r.id));
    expect((await getCaseWork(db, family))!.zorgmeldingRequired).to.equal(true);
    await claimCase(as(db, 'anna', 'casemanager', '2026-03-03'), reached);
    await recordContact(as(db, 'anna', 'casemanager', '2026-03-03'), reached, { kind: 'Telefoon', reached: true, date: '2026-03-03' });
    await claimCase(as(db, 'anna', 'casemanager', '2026-03-03'), notReached);
    await recordContact(as(db, 'anna', 'casemanager', '2026-03-03'), notReached, { kind: 'Telefoon', reached: false, date: '2026-03-03' });
    // Two months' arrears: queue hoge-achterstand, 10 working days from 2 March (16 March); passed on 31 March.
    await runNightly(testContext(db, config, new Date('2026-03-31T23:00:00Z')), { businessDate: '2026-03-31', source: src.reader });
    await src.db.destroy();
    const queueOf = async (id: number) => (await db('queue_entries').where({ case_id: id }).whereNull('left_at').first()).queue;
    expect([await queueOf(reached), await queueOf(notReached)]).to.deep.equal(['hoge-achterstand', 'spoed']);
    expect((await db('rule_decisions').where({ case_id: notReached, phase: 'escalatie' }).first()).decided_by_rule).to.equal('termijn-verstreken');
  });

  it('zorgmelding: flagged by the rules in the nightly job, made, "huurder geïnformeerd" open, overdue, then done', async () => {
    const db = t().db;
    const [id] = await casesFrom(db, [report({ ...traits.gezinMetKinderen, ...traits.ontruimingDreigt })]);
    let c = (await getCaseWork(db, id))!;
    expect([c.zorgmeldingRequired, c.zorgmeldingRule, c.zorgmeldingMadeAt]).to.deep.equal([true, 'zorgmelding', null]);
    const anna = (date: string) => as(db, 'anna', 'casemanager', date);
    await claimCase(anna('2026-03-03'), id);
    // Cannot close while the zorgmelding is required.
    await recordContact(anna('2026-03-03'), id, { kind: 'Huisbezoek', reached: false, date: '2026-03-03', dayPart: 'Middag' });
    await refused(closeCase(anna('2026-03-03'), id, { result: FINAL_RESULTS.geenContact }), /Zorgmelding is vereist maar nog niet gedaan/);
    let view = await viewCase(anna('2026-03-03'), id);
    expect(view.tasks.map((x) => [x.kind, x.overdue])).to.deep.equal([['eerste-contact', false], ['zorgmelding', true]]);
    expect(view.person!.lastName).to.equal('Bërg');

    const zid = await makeZorgmelding(anna('2026-03-03'), id);
    await refused(makeZorgmelding(anna('2026-03-03'), id), /al een zorgmelding gedaan/);
    const [z] = await zorgmeldingenOfCase(db, id);
    expect(z.id).to.equal(zid);
    expect([z.rule, z.madeDate, z.madeBy, z.informDueDate, z.tenantInformedDate]).to.deep.equal(['zorgmelding', '2026-03-03', 'anna', '2026-03-10', null]);
    const facts = z.facts as { feiten: Record<string, unknown> };
    expect([facts.feiten.kinderen, facts.feiten.ontruimingDreigt, facts.feiten.oplossingsrouteActief]).to.deep.equal(['ja', true, false]);
    c = (await getCaseWork(db, id))!;
    expect(c.zorgmeldingMadeAt).to.equal(amsterdamInstant('2026-03-03', '10:00').toISOString());
    expect((await sharingOfCase(db, id)).filter((s) => s.counterparty === 'gemeente:zorgmelding').map((s) => s.category).sort()).to.deep.equal(['achterstand', 'kinderen', 'naw']);

    // Open, not yet overdue on the due date; overdue the working day after.
    view = await viewCase(anna('2026-03-10'), id);
    expect(view.tasks.find((x) => x.kind === 'huurder-informeren')).to.include({ due: '2026-03-10', overdue: false });
    const overdue = await overdueTasks(db, '2026-03-11', settings);
    expect(overdue.filter((o) => o.caseId === id).map((o) => o.task.kind)).to.deep.equal(['eerste-contact', 'huurder-informeren']);
    await refused(closeCase(anna('2026-03-11'), id, { result: FINAL_RESULTS.zonderInwoner }), /Huurder is nog niet geïnformeerd over zorgmelding/);

    await markInformed(anna('2026-03-11'), id, { date: '2026-03-11' });
    expect((await zorgmeldingenOfCase(db, id))[0].tenantInformedDate).to.equal('2026-03-11');
    expect((await overdueTasks(db, '2026-03-11', settings)).filter((o) => o.task.kind === 'huurder-informeren')).to.have.length(0);
    await closeCase(anna('2026-03-12'), id, { result: FINAL_RESULTS.zonderInwoner });
    const trail = await caseAuditTrail(as(db, 'coco', 'coördinator', '2026-03-12'), id);
    expect(trail.audit.map((a) => a.action)).to.include.ordered.members([
      'zaak.geopend', 'zaak.zorgmelding-vereist', 'zaak.opgepakt', 'zaak.contactpoging', 'zaak.bekeken', 'zorgmelding.gedaan', 'zaak.bekeken',
      'zorgmelding.huurder-geinformeerd', 'zaak.afgesloten',
    ]);
    expect(trail.audit.find((a) => a.action === 'zorgmelding.huurder-geinformeerd')!.new).to.deep.equal({ huurderGeinformeerd: '2026-03-11', teLaat: true });
  });
});
