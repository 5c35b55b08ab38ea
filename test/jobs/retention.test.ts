import { expect } from 'chai';
import type { Knex } from 'knex';
import { describeEachDb } from '../support/db';
import { testConfig, testContext } from '../support/config';
import { memorySource, report, traits } from '../support/factories';
import { run as runNightly } from '../../jobs/nightly';
import { run as runRetention } from '../../jobs/retention';
import { intakeSummary } from '../../src/db/summary';
import { amsterdamInstant } from '../../src/domain/dates';

/** What the monthly report reads: counts per month by status, partner and queue, and the amounts. */
async function aggregates(db: Knex) {
  const signals = await db('signals')
    .select(db.raw('substr(business_date, 1, 7) as month'), 'status', 'partner_id', 'not_picked_up_reason')
    .count({ n: '*' })
    .sum({ cents: 'arrears_cents' })
    .groupByRaw('substr(business_date, 1, 7), status, partner_id, not_picked_up_reason')
    .orderByRaw('1, 2, 3, 4');
  const cases = await db('cases')
    .select(db.raw('substr(opened_date, 1, 7) as month'), 'status', 'closed_date')
    .count({ n: '*' })
    .groupByRaw('substr(opened_date, 1, 7), status, closed_date')
    .orderByRaw('1, 2, 3');
  const queues = await db('queue_entries').select('queue', 'business_date').count({ n: '*' }).groupBy('queue', 'business_date').orderBy(['queue', 'business_date']);
  const norm = (rows: Array<Record<string, unknown>>) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v])));
  return { signals: norm(signals), cases: norm(cases), queues: norm(queues), summary: await intakeSummary(db, {}, '2027-04-01') };
}

describeEachDb('retention job', (t) => {
  async function seed(db: Knex) {
    const config = testConfig();
    const march = { ontvangen_op: '2026-03-02 10:00:00', signaaldatum: '2026-03-02' };
    const november = { ontvangen_op: '2026-11-02 10:00:00', signaaldatum: '2026-11-02' };
    const src = await memorySource([
      report({ ...march, ...traits.onderDrempel, huisnummer: '1', achternaam: 'Ångström', referentie: 'EH-A1' }), // A: not picked up, old
      report({ ...march, huisnummer: '2', achternaam: 'Özdemir', referentie: 'EH-B1' }), // B: open case
      report({ ...march, huisnummer: '3', achternaam: 'van der Meer', referentie: 'EH-C1' }), // C: case closed long ago
      report({ ...march, huisnummer: '4', achternaam: 'Dvořák', referentie: 'EH-D1' }), // D: case closed recently
      report({ ...march, postcode: '0123 XX', huisnummer: '5', referentie: 'EH-Q1' }), // quarantined
      report({ ...november, ...traits.onderDrempel, huisnummer: '6', achternaam: 'Çelik', referentie: 'EH-E1' }), // E: not picked up, recent
    ]);
    try {
      await runNightly(testContext(db, config, amsterdamInstant('2026-03-03', '02:00:00')), { businessDate: '2026-03-02', source: src.reader });
      await runNightly(testContext(db, config, amsterdamInstant('2026-11-03', '02:00:00')), { businessDate: '2026-11-02', source: src.reader });
    } finally {
      await src.db.destroy();
    }
    const hh = async (nr: number) => Number((await db('households').where({ house_number: nr }).first('id'))!.id);
    const caseOf = async (nr: number) => Number((await db('cases').where({ household_id: await hh(nr) }).first('id'))!.id);
    const ids = { A: await hh(1), B: await hh(2), C: await hh(3), D: await hh(4), E: await hh(6), caseC: await caseOf(3), caseD: await caseOf(4) };
    await db('cases').where({ id: ids.caseC }).update({ status: 'afgesloten', closed_date: '2026-03-20' });
    await db('cases').where({ id: ids.caseD }).update({ status: 'afgesloten', closed_date: '2026-06-01' });
    const now = '2026-03-10T10:00:00.000Z';
    await db('consents').insert({
      case_id: ids.caseC, signed_by: 'J. van der Meer', recipient: 'vrijwilliger', recipient_name: 'Humanitas',
      data_categories: '["naw"]', signed_date: '2026-03-10', document_ref: 'scan-001', recorded_by: 'casemanager', created_at: now,
    });
    await db('contact_attempts').insert({ case_id: ids.caseC, kind: 'Telefoon', reached: true, attempt_date: '2026-03-05', note: 'Mevrouw Van der Meer belt terug', recorded_by: 'casemanager', created_at: now });
    await db('audit_log').insert({ occurred_at: now, actor: 'casemanager', role: 'casemanager', action: 'toestemming.vastgelegd', entity: 'consent', entity_id: '1', case_id: ids.caseC, new_json: '{"signedBy":"J. van der Meer"}' });
    return { config, ids };
  }

  it('anonymises what passed its period, keeps the rest and every count the monthly report reads', async () => {
    const { db } = t();
    const { config, ids } = await seed(db);
    const before = await aggregates(db);
    const untouched = await db('households').whereIn('id', [ids.B, ids.D, ids.E]).orderBy('id');
    const ctx = testContext(db, config, amsterdamInstant('2027-04-01', '04:30:00'));

    const dry = await runRetention({ ...ctx, dryRun: true }, { asOf: '2027-04-01' });
    expect(dry.cutoffs).to.deep.equal({ notPickedUpBefore: '2026-10-01', closedBefore: '2026-04-01', quarantineBefore: '2026-10-01' });
    const expected = { huishoudens: 2, geboortedata: 2, signaalReferenties: 2, quarantaine: 1, toestemmingOndertekenaars: 1, contactnotities: 1, auditWaarden: 2, zakenVerlopen: 1 };
    expect(dry.counts).to.deep.equal(expected);
    expect(await db('households').whereNotNull('anonymised_at').count({ n: '*' }).first().then((r) => Number(r!.n))).to.equal(0);
    expect(await db('data_sharing_log').where({ direction: 'verwijderd' }).count({ n: '*' }).first().then((r) => Number(r!.n))).to.equal(0);

    const result = await runRetention(ctx, { asOf: '2027-04-01' });
    expect(result.counts).to.deep.equal(expected);

    // A (never picked up, March) and C (case closed 20-03-2026): personal data gone, rows kept.
    for (const id of [ids.A, ids.C]) {
      const h = await db('households').where({ id }).first();
      expect(h).to.include({ last_name: '[geanonimiseerd]', name_key: '', first_name: null, initials: null, prefix: null, birth_date: null, street: null, house_number_addition: null, city: null, postcode: '1111' });
      expect(Number(h.house_number)).to.equal(0);
      expect(h.anonymised_at).to.equal('2027-04-01T02:30:00.000Z');
    }
    const refs = await db('signals').orderBy('id').select('household_id', 'partner_reference');
    expect(refs.map((r) => r.partner_reference)).to.deep.equal(['[verwijderd]', 'EH-B1', '[verwijderd]', 'EH-D1', 'EH-E1']);
    // B (open case), D (closed 01-06-2026), E (November): untouched.
    expect(await db('households').whereIn('id', [ids.B, ids.D, ids.E]).orderBy('id')).to.deep.equal(untouched);
    // Quarantine: identifying raw values and quoted values in messages gone, the reasons stay.
    const q = await db('quarantine').first();
    const raw = JSON.parse(q.raw_json);
    expect(raw).to.not.have.any.keys('lastName', 'firstName', 'initials', 'birthDate', 'street', 'houseNumber', 'postcode', 'city', 'partnerReference', 'prefix', 'houseNumberAddition');
    expect(raw.partnerCode).to.equal('EH');
    expect(q.problems_json).to.not.include('0123');
    expect(JSON.parse(q.problems_json).map((p: { field: string }) => p.field)).to.deep.equal(['postcode']);
    expect((await db('consents').first()).signed_by).to.equal('[verwijderd]');
    expect((await db('contact_attempts').first()).note).to.equal(null);
    const consentAudit = await db('audit_log').where({ action: 'toestemming.vastgelegd' }).first();
    expect([consentAudit.old_json, consentAudit.new_json]).to.deep.equal([null, null]);
    expect(JSON.stringify(await db('audit_log').select('old_json', 'new_json', 'reason'))).to.not.match(/van der Meer|Ångström|1111 ?AB/i);

    // Counts unchanged: the monthly report for March 2026 still has the same totals.
    expect(await aggregates(db)).to.deep.equal(before);

    // Logged as removed (counts per category, never contents) and audited per record.
    const log = await db('data_sharing_log').where({ direction: 'verwijderd' }).orderBy('category').select('category', 'record_count', 'counterparty', 'business_date');
    expect(log.map((r) => [r.category, Number(r.record_count)])).to.deep.equal([
      ['audit-waarden', 2], ['contactnotities', 1], ['geboortedatum', 2], ['naw', 2], ['quarantaine-ruwe-gegevens', 1], ['referentie', 2], ['toestemming-ondertekenaar', 1],
    ]);
    expect(new Set(log.map((r) => `${r.counterparty}|${r.business_date}`))).to.deep.equal(new Set(['bewaartermijn|2027-04-01']));
    const audited = await db('audit_log').where({ action: 'bewaartermijn.geanonimiseerd' }).orderBy(['entity', 'entity_id']).select('entity', 'entity_id');
    expect(audited.map((a) => `${a.entity}:${a.entity_id}`)).to.deep.equal([
      'consent:1', 'contact_attempt:1', `household:${ids.A}`, `household:${ids.C}`, 'quarantine:1',
      ...(await db('signals').whereNotNull('anonymised_at').orderBy('id').select('id')).map((s) => `signal:${s.id}`).sort(),
    ].sort());
    const run = await db('job_runs').where({ job: 'bewaartermijnen' }).first();
    expect(run).to.include({ status: 'geslaagd', business_date: '2027-04-01' });
    expect(JSON.parse(run.counts_json)).to.deep.equal(expected);

    // A second run finds nothing more and logs nothing more.
    const again = await runRetention(ctx, { asOf: '2027-04-01' });
    expect(Object.values(again.counts).filter((n, i) => i < 7 && n > 0)).to.deep.equal([]);
    expect(await db('data_sharing_log').where({ direction: 'verwijderd' }).count({ n: '*' }).first().then((r) => Number(r!.n))).to.equal(7);
  });

  it('keeps everything while the periods have not passed', async () => {
    const { db } = t();
    const { config } = await seed(db);
    const r = await runRetention(testContext(db, config, amsterdamInstant('2026-08-01', '04:30:00')), {});
    expect(r.asOf).to.equal('2026-08-01');
    expect(r.counts).to.deep.equal({ huishoudens: 0, geboortedata: 0, signaalReferenties: 0, quarantaine: 0, toestemmingOndertekenaars: 0, contactnotities: 0, auditWaarden: 0, zakenVerlopen: 0 });
  });
});
