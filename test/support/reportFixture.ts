/**
 * The hand-made data set of the report tests: March 2026 in Diemen (0384), with February and a few
 * older rows for comparison and retention. Every figure the tests assert follows from these rows;
 * the comments say why.
 */
import type { Knex } from 'knex';
import { ReportRows } from './reportRows';

export interface Fixture {
  partners: { eh: number; cw: number; vf: number };
  cases: Record<'c0' | 'c1' | 'c2' | 'c3' | 'c4' | 'c5' | 'c6' | 'c7' | 'c9', number>;
}

export async function buildMarchFixture(db: Knex): Promise<Fixture> {
  const r = new ReportRows(db);
  const eh = await r.partner('EH', 'Woningcorporatie Eigen Haard', 'Huur');
  const cw = await r.partner('CW', 'Gemeentelijke Kredietbank Één Loket', 'Overige');
  const vf = await r.partner('VF', 'Vattenfall', 'Energie');
  const h: number[] = [];
  for (let i = 0; i < 12; i += 1) h.push(await r.household({ house_number: i + 1 }));

  // Cases. c0 opened in February and closed in March; c5 opened in January, closed in March; c6 old
  // and open; c7 closed long ago (retention); c9 belongs to Amsterdam.
  const c0 = await r.case(h[0], '2026-02-10', { closed_date: '2026-03-20', final_result: '(Budget)advies en/of quick fix' });
  const c1 = await r.case(h[1], '2026-03-02');
  const c2 = await r.case(h[2], '2026-03-03');
  const c3 = await r.case(h[3], '2026-03-12', { first_attempt_date: '2026-04-02', first_contact_date: '2026-04-02' });
  const c4 = await r.case(h[4], '2026-03-16', { eviction_threatened: true });
  const c5 = await r.case(h[5], '2026-01-10', { closed_date: '2026-03-25', final_result: 'Definitief geen contact kunnen krijgen' });
  const c6 = await r.case(h[6], '2025-11-01');
  const c7 = await r.case(h[8], '2024-12-01', { closed_date: '2025-03-01', final_result: 'Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering' });
  const c9 = await r.case(h[10], '2026-03-05');

  // Older signals.
  await r.signal({ partnerId: eh, householdId: h[6], businessDate: '2025-11-01', caseId: c6 });
  await r.signal({ partnerId: eh, householdId: h[8], businessDate: '2024-12-01', caseId: c7 });
  await r.signal({ partnerId: vf, householdId: h[7], businessDate: '2025-08-15', reason: 'drempelbedrag' }); // past retention
  await r.signal({ partnerId: vf, householdId: h[9], businessDate: '2025-06-01', reason: 'drempelbedrag' }); // anonymised
  await db('households').where({ id: h[9] }).update({ anonymised_at: '2025-12-05T01:00:00.000Z' });
  await r.signal({ partnerId: eh, householdId: h[5], businessDate: '2026-01-10', caseId: c5 });
  // February: 2 accepted, 1 quarantined (corrected in March).
  await r.signal({ partnerId: eh, householdId: h[0], businessDate: '2026-02-10', caseId: c0, arrearsCents: 100_000 });
  await r.signal({ partnerId: vf, householdId: h[11], businessDate: '2026-02-11', reason: 'drempelbedrag' });
  const q1 = await r.quarantine('2026-02-25', { partnerCode: 'CW', gemeenteCode: '0384' }, { status: 'verwerkt' });

  // March: 8 accepted in scope (one of them corrected out of quarantine), 1 for Amsterdam.
  await r.signal({ partnerId: eh, householdId: h[1], businessDate: '2026-03-02', caseId: c1, arrearsCents: 170_000 });
  await r.signal({ partnerId: eh, householdId: h[2], businessDate: '2026-03-03', caseId: c2, arrearsCents: 255_000 });
  const s7 = await r.signal({ partnerId: cw, householdId: h[1], businessDate: '2026-03-04', caseId: c1, arrearsCents: 30_000 });
  await db('quarantine').where({ id: q1 }).update({ resolved_signal_id: s7 });
  await r.signal({ partnerId: cw, householdId: h[3], businessDate: '2026-03-05', reason: 'drempelbedrag', arrearsCents: 5_000 });
  await r.signal({ partnerId: eh, householdId: h[10], businessDate: '2026-03-05', caseId: c9 }, { gemeente_code: '0363' });
  await r.signal({ partnerId: vf, householdId: h[11], businessDate: '2026-03-06', reason: 'drempelbedrag', arrearsCents: 6_000 }, { gemeente_code: null });
  await r.signal({ partnerId: eh, householdId: h[1], businessDate: '2026-03-10', reason: 'herhaalmelding', arrearsCents: 170_000 }, { is_repeat: true });
  await r.signal({ partnerId: vf, householdId: h[3], businessDate: '2026-03-12', caseId: c3, arrearsCents: 45_000 });
  await r.signal({ partnerId: eh, householdId: h[4], businessDate: '2026-03-16', caseId: c4, arrearsCents: 340_000 }, { eviction_threatened: true });
  // March quarantine: one of ours, one with an unknown partner and no municipality, one of Amsterdam.
  await r.quarantine('2026-03-09', { partnerCode: 'EH', gemeenteCode: '0384' });
  await r.quarantine('2026-03-11', { partnerCode: 'XX' });
  await r.quarantine('2026-03-12', { partnerCode: 'EH', gemeenteCode: '0363' });

  // Queue entries (deadlines given, not computed, so the test is about the report).
  await r.queueEntry(c6, 'regulier', '2025-11-01', '2025-11-28', 20);
  await r.queueEntry(c5, 'regulier', '2026-01-10', '2026-02-06', 20);
  await r.queueEntry(c0, 'regulier', '2026-02-10', '2026-03-10', 20);
  await r.queueEntry(c1, 'regulier', '2026-03-02', '2026-03-30', 20);
  await r.queueEntry(c2, 'regulier', '2026-03-03', '2026-03-31', 20);
  await r.queueEntry(c2, 'prioriteit', '2026-03-05', '2026-03-19', 10); // stricter: governs
  await r.queueEntry(c3, 'regulier', '2026-03-12', '2026-04-09', 20);
  await r.queueEntry(c4, 'spoed', '2026-03-16', '2026-03-19', 3);
  await r.queueEntry(c9, 'regulier', '2026-03-05', '2026-04-02', 20);

  // Contact attempts.
  await r.attempt(c0, '2026-02-12', 'Telefoon', false);
  await r.attempt(c0, '2026-03-02', 'Brief', false);
  await r.attempt(c0, '2026-03-09', 'Huisbezoek', true);
  await r.attempt(c1, '2026-03-03', 'Telefoon', true);
  await r.attempt(c2, '2026-03-06', 'Telefoon', false);
  await r.attempt(c2, '2026-03-20', 'Telefoon', true);
  await r.attempt(c4, '2026-03-18', 'Huisbezoek', false);
  await r.attempt(c4, '2026-03-19', 'Telefoon', false);
  await r.attempt(c3, '2026-04-02', 'Telefoon', true); // after the month: not counted
  await r.attempt(c9, '2026-03-06', 'Telefoon', true); // Amsterdam

  // Consents, approvals, routes.
  const k1 = await r.consent(c0, 'netwerk', '2026-03-04', ['naw', 'achterstand']);
  const k2 = await r.consent(c1, 'plangroep', '2026-03-09', ['naw', 'huur', 'achterstand']);
  const k3 = await r.consent(c2, 'plangroep', '2026-03-24', ['naw', 'huur', 'achterstand']);
  await r.consent(c0, 'vrijwilliger', '2026-02-01', ['naw'], { withdrawn_date: '2026-03-15' });
  const a0 = await r.approval(c0, '2026-02-20', 'goedgekeurd', '2026-03-02', 95_050);
  const a1 = await r.approval(c1, '2026-03-05', 'goedgekeurd', '2026-03-09', 120_000);
  const a2 = await r.approval(c2, '2026-03-24', 'aangevraagd', null, null);
  await r.approval(c4, '2026-03-17', 'afgewezen', '2026-03-18', null);
  void a0;
  await r.route(c0, 'schuldregeling', '2026-02-15', { status: 'gestopt', ended_date: '2026-03-03' });
  await r.route(c0, 'eigen-netwerk', '2026-03-05', { status: 'afgerond', ended_date: '2026-03-20', consent_id: k1 });
  await r.route(c1, 'budgetbeheer', '2026-03-10', { consent_id: k2, approval_id: a1 });
  await r.route(c2, 'vrijwilliger', '2026-03-12'); // no consent: violation
  await r.route(c2, 'budgetbeheer', '2026-03-25', { consent_id: k3, approval_id: a2 }); // not approved: violation

  // Zorgmeldingen.
  await r.zorgmelding(c4, '2026-03-18', '2026-03-20', '2026-03-19'); // on time, 1 day
  await r.zorgmelding(c2, '2026-03-23', '2026-03-25', '2026-03-27'); // late, 4 days: violation
  await r.zorgmelding(c0, '2026-03-27', '2026-03-31', null); // still within term
  await r.zorgmelding(c1, '2026-03-02', '2026-03-04', null); // overdue: violation

  // Data-sharing log.
  const basis = 'AVG art. 6 lid 1 sub e; Wgs art. 3, 5, 8; Besluit Wgs art. 2';
  await r.sharing({ date: '2026-02-10', direction: 'ontvangen', counterparty: 'partner:EH', partner_id: eh, category: 'naw', count: 1, legal_basis: basis });
  for (const cat of ['naw', 'referentie', 'achterstand']) {
    await r.sharing({ date: '2026-03-02', direction: 'ontvangen', counterparty: 'partner:EH', partner_id: eh, category: cat, count: 2, legal_basis: basis });
  }
  await r.sharing({ date: '2026-03-05', direction: 'ontvangen', counterparty: 'partner:CW', partner_id: cw, category: 'naw', count: 1, legal_basis: basis });
  await r.sharing({ date: '2026-03-12', direction: 'ontvangen', counterparty: 'partner:VF', partner_id: vf, category: 'naw', count: 1, legal_basis: basis });
  await r.sharing({ date: '2026-03-05', direction: 'doorgegeven', counterparty: 'netwerk', category: 'naw', count: 1, consent_id: k1, case_id: c0 });
  await r.sharing({ date: '2026-03-05', direction: 'doorgegeven', counterparty: 'netwerk', category: 'achterstand', count: 1, consent_id: k1, case_id: c0 });
  await r.sharing({ date: '2026-03-10', direction: 'doorgegeven', counterparty: 'plangroep', category: 'huur', count: 1, consent_id: k2, case_id: c1 });
  await r.sharing({ date: '2026-03-12', direction: 'doorgegeven', counterparty: 'vrijwilliger:Humanitas', category: 'naw', count: 1, case_id: c2 });
  await r.sharing({ date: '2026-03-18', direction: 'doorgegeven', counterparty: 'gemeente-zorgmelding', category: 'naw', count: 1, legal_basis: 'Wgs art. 8; zorgplicht gemeente', case_id: c4 });
  await r.sharing({ date: '2026-03-16', direction: 'doorgegeven', counterparty: 'netwerk', category: 'kinderen', count: 1, consent_id: k1, case_id: c0 });
  await r.sharing({ date: '2026-03-31', direction: 'gerapporteerd', counterparty: 'CBS (DDAS)', category: 'achterstand', count: 4, legal_basis: 'Wgs art. 8 lid 2' });
  await r.sharing({ date: '2026-03-31', direction: 'verwijderd', counterparty: 'bewaartermijn', category: 'naw', count: 3 });
  await r.sharing({ date: '2026-03-31', direction: 'verwijderd', counterparty: 'bewaartermijn', category: 'geboortedatum', count: 2 });

  // Audit trail: reads of personal data.
  await r.audit('2026-03-10T10:00:00.000Z', 'casemanager', 'zaak.bekeken', 'anna', { case_id: c1 });
  await r.audit('2026-03-10T11:00:00.000Z', 'casemanager', 'zaak.bekeken', 'anna', { case_id: c2 });
  await r.audit('2026-03-11T10:00:00.000Z', 'casemanager', 'zaak.bekeken', 'bram', { case_id: c1 });
  await r.audit('2026-02-28T23:30:00.000Z', 'casemanager', 'zaak.bekeken', 'bram', { case_id: c2 }); // 1 March 00:30 in Amsterdam
  await r.audit('2026-03-31T22:30:00.000Z', 'casemanager', 'zaak.bekeken', 'bram', { case_id: c2 }); // 1 April in Amsterdam
  await r.audit('2026-03-12T10:00:00.000Z', 'beheerder', 'quarantaine.bekeken', 'carla');
  await r.audit('2026-03-12T10:00:00.000Z', 'systeem', 'zaak.geopend', 'systeem', { case_id: c1 }); // not a read

  return { partners: { eh, cw, vf }, cases: { c0, c1, c2, c3, c4, c5, c6, c7, c9 } };
}
