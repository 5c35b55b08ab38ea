import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { run } from '../../jobs/nightly';
import { describeEachDb, sqliteTestDb } from '../support/db';
import { REPO_ROOT, tempDir, testConfig, testContext } from '../support/config';
import { memorySource, report, traits } from '../support/factories';
import { contentSnapshot, tableCounts } from '../support/snapshot';
import { listQueueItems } from '../../src/db/cases';
import { intakeSummary } from '../../src/db/summary';
import { RuleSetError } from '../../src/errors';

const DAY = '2026-03-02'; // a Monday

/** One report of each situation the default rules distinguish, at different addresses. */
function mondayReports() {
  return [
    report({ ...traits.gezinMetKinderen, ...traits.ontruimingDreigt, referentie: 'EH-A', ...traits.anderAdres(1) }),
    report({ ...traits.gezinMetKinderen, referentie: 'EH-B', ...traits.anderAdres(2) }),
    report({ ...traits.drieMaandenAchterstand, referentie: 'EH-C', ...traits.anderAdres(3) }),
    report({ ...traits.onderDrempel, referentie: 'EH-D', ...traits.anderAdres(4) }),
    report({ achternaam: '', geboortedatum: '01-01-2030', achterstand_bedrag: 'veel', referentie: 'EH-E', ...traits.anderAdres(5), ontvangen_op: '2026-03-02 10:00:00' }),
    report({ ...traits.kinderenOnbekend, ...traits.eenMaandAchterstand, referentie: 'EH-F', ...traits.anderAdres(6) }),
  ].map((r) => ({ ...r, achternaam: r.referentie === 'EH-E' ? '' : r.achternaam }));
}

describeEachDb('jobs/nightly', (t) => {
  it('validates, queues by the rules with deadlines in working days, and quarantines bad rows with every reason', async () => {
    const { db } = t();
    const config = testConfig();
    const src = await memorySource(mondayReports());
    const result = await run(testContext(db, config), { businessDate: DAY, source: src.reader });
    await src.db.destroy();

    expect(result.counts).to.deep.include({ received: 6, accepted: 5, quarantined: 1, pickedUp: 4, newCases: 4, repeats: 0 });
    expect(result.counts.notPickedUp).to.deep.equal({ drempelbedrag: 1 });
    expect(result.counts.quarantineFields).to.deep.equal({ lastName: 1, birthDate: 1, arrearsAmount: 1 });
    expect(result.counts.escalation.zorgmeldingFlagged).to.equal(1);

    const items = await listQueueItems(db);
    const byRef = Object.fromEntries(
      await Promise.all(items.map(async (i) => {
        const s = await db('signals').where({ case_id: i.caseId }).first();
        return [s.partner_reference, i] as const;
      })),
    );
    expect(byRef['EH-A']).to.deep.include({ queue: 'spoed', priority: 1, deadline: '2026-03-05', decidedByRule: 'spoed-ontruiming', zorgmeldingRequired: true, latestArrearsCents: 170000 });
    expect(byRef['EH-B']).to.deep.include({ queue: 'gezinnen', priority: 2, deadline: '2026-03-09', decidedByRule: 'gezin-met-kinderen' });
    expect(byRef['EH-C']).to.deep.include({ queue: 'hoge-achterstand', priority: 3, deadline: '2026-03-16', decidedByRule: 'hoge-achterstand', latestArrearsCents: 255000 });
    expect(byRef['EH-F']).to.deep.include({ queue: 'regulier', priority: 4, deadline: '2026-03-30', decidedByRule: 'regulier', latestArrearsCents: 85000 });
    expect(items.map((i) => i.queue)).to.deep.equal(['spoed', 'gezinnen', 'hoge-achterstand', 'regulier']);

    const q = await db('quarantine').first();
    const problems = JSON.parse(q.problems_json).map((p: { message: string }) => p.message).sort();
    expect(problems).to.deep.equal([
      'Achternaam ontbreekt',
      'Achterstandsbedrag: "veel" is geen bedrag',
      'Geboortedatum ligt in de toekomst (01-01-2030)',
    ]);
    expect(JSON.parse(q.raw_json).partnerReference).to.equal('EH-E');

    const d = await db('signals').where({ partner_reference: 'EH-D' }).first();
    expect(d).to.deep.include({ status: 'niet-opgepakt', not_picked_up_reason: 'drempelbedrag', arrears_cents: 7499, case_id: null });

    // The decision keeps the why: rule-set version, facts and each condition with the value seen.
    const dec = await db('rule_decisions').where({ signal_id: d.id }).first();
    expect(dec.ruleset_version).to.match(/^[0-9a-f]{12}$/);
    expect(JSON.parse(dec.facts_json)).to.deep.include({ achterstandBedrag: 74.99, kinderen: 'nee', ontruimingDreigt: false });
    const trace = JSON.parse(dec.trace_json).find((r: { rule: string }) => r.rule === 'drempelbedrag');
    expect(trace.fired).to.equal(true);
    expect(trace.conditions.all[0]).to.deep.include({ fact: 'achterstandBedrag', operator: 'lessThan', value: 75, factValue: 74.99, result: true });

    const sharing: Array<Record<string, unknown>> = await db('data_sharing_log').where({ direction: 'ontvangen' }).select('category').sum({ n: 'record_count' }).groupBy('category');
    expect(Object.fromEntries(sharing.map((s) => [String(s.category), Number(s.n)]))).to.deep.equal({
      naw: 5, referentie: 5, achterstand: 5, geboortedatum: 5, huur: 5, kinderen: 4,
    });
    const run1 = await db('job_runs').first();
    expect(run1).to.deep.include({ job: 'nachtelijke-verwerking', business_date: DAY, status: 'geslaagd' });
    expect(JSON.parse(run1.counts_json).received).to.equal(6);
  });

  it('treats a repeat of the same partner as not picked up unless the amount rose', async () => {
    const { db } = t();
    const config = testConfig();
    const first = report({ ...traits.eenMaandAchterstand, referentie: 'EH-1', minderjarige_kinderen: '0' });
    const src = await memorySource([first]);
    await run(testContext(db, config), { businessDate: DAY, source: src.reader });
    await src.add([
      { ...first, referentie: 'EH-2', ontvangen_op: '2026-03-03 08:00:00', signaaldatum: '03-03-2026' },
      { ...first, referentie: 'EH-3', ontvangen_op: '2026-03-04 08:00:00', signaaldatum: '04-03-2026', achterstand_bedrag: '1.275,00', postcode: '1111ab', huisnummer: '12a', huisnummer_toevoeging: null, tussenvoegsel: null, achternaam: 'van den Berg' },
    ]);
    await run(testContext(db, config), { businessDate: '2026-03-03', source: src.reader });
    const r3 = await run(testContext(db, config), { businessDate: '2026-03-04', source: src.reader });
    await src.db.destroy();
    const signals = await db('signals').orderBy('id');
    expect(signals.map((s) => [s.partner_reference, s.status, s.not_picked_up_reason, Boolean(Number(s.is_repeat))])).to.deep.equal([
      ['EH-1', 'opgepakt', null, false],
      ['EH-2', 'niet-opgepakt', 'herhaalmelding', true],
      ['EH-3', 'opgepakt', null, true],
    ]);
    // Same household (name written differently, same person), one open case with two picked-up signals.
    expect(new Set(signals.map((s) => s.household_id)).size).to.equal(1);
    expect(signals[2].case_id).to.equal(signals[0].case_id);
    expect(r3.counts).to.deep.include({ pickedUp: 1, newCases: 0, addedToOpenCase: 1 });
    // Higher amount, but a less urgent queue than the current one: the case stays where it is.
    expect(await db('queue_entries').count({ n: '*' }).first().then((r) => Number((r as { n: unknown }).n))).to.equal(1);
  });

  it('never skips a row: late arrivals wait for the next date, impossible arrival times are quarantined', async () => {
    const { db } = t();
    const config = testConfig();
    const src = await memorySource([
      report({ referentie: 'EH-A', ontvangen_op: '2026-03-02 09:00:00', ...traits.anderAdres(1) }),
      report({ referentie: 'EH-B', ontvangen_op: '2026-03-03 08:00:00', ...traits.anderAdres(2), signaaldatum: '03-03-2026' }),
      report({ referentie: 'EH-C', ontvangen_op: '2026-03-02 10:00:00', ...traits.anderAdres(3) }),
      report({ referentie: 'EH-X', ontvangen_op: 'onzin', ...traits.anderAdres(4) }),
      report({ referentie: 'EH-Y', ontvangen_op: '2099-01-01 10:00:00', ...traits.anderAdres(5) }),
    ]);
    const day1 = await run(testContext(db, config, new Date('2026-03-03T01:00:00Z')), { businessDate: DAY, source: src.reader });
    // B (id 2) arrived on 3 March: reading stops there, so C (id 3) is not skipped but waits.
    expect(day1.counts.received).to.equal(1);
    const day2 = await run(testContext(db, config, new Date('2026-03-04T01:00:00Z')), { businessDate: '2026-03-03', source: src.reader });
    await src.db.destroy();
    expect(day2.counts).to.deep.include({ received: 4, accepted: 2, quarantined: 2 });
    const q = await db('quarantine').orderBy('id');
    expect(q.map((r) => [JSON.parse(r.raw_json).partnerReference, JSON.parse(r.problems_json)[0].message])).to.deep.equal([
      ['EH-X', 'Ontvangen op is geen tijdstip'],
      ['EH-Y', 'Ontvangen op ligt in de toekomst (2099-01-01 10:00:00)'],
    ]);
    const signals = await db('signals').orderBy('id').select('partner_reference', 'business_date', 'received_at');
    expect(signals).to.deep.equal([
      { partner_reference: 'EH-A', business_date: '2026-03-02', received_at: '2026-03-02T08:00:00.000Z' },
      { partner_reference: 'EH-B', business_date: '2026-03-03', received_at: '2026-03-03T07:00:00.000Z' },
      { partner_reference: 'EH-C', business_date: '2026-03-03', received_at: '2026-03-02T09:00:00.000Z' },
    ]);
    expect(Number((await db('source_watermarks').first()).last_row_id)).to.equal(5);
  });

  it('changes nothing when a date is run again', async () => {
    const { db } = t();
    const config = testConfig();
    const src = await memorySource(mondayReports());
    await run(testContext(db, config), { businessDate: DAY, source: src.reader });
    const tables = ['signals', 'cases', 'queue_entries', 'rule_decisions', 'quarantine', 'households', 'data_sharing_log', 'audit_log'];
    const before = await tableCounts(db, tables);
    const snap = await contentSnapshot(db);
    const again = await run(testContext(db, config), { businessDate: DAY, source: src.reader });
    await src.db.destroy();
    expect(again.counts.received).to.equal(0);
    expect(again.counts.escalation.decisions).to.equal(0);
    expect(await tableCounts(db, tables)).to.deep.equal(before);
    expect(await contentSnapshot(db)).to.deep.equal(snap);
  });

  it('resumes after a crash between batches and ends equal to one clean run', async () => {
    const { db } = t();
    const config = testConfig({ VS_BATCH_SIZE: '2' });
    const rows = mondayReports();
    const src = await memorySource(rows);
    let err: unknown = null;
    try {
      await run(testContext(db, config), {
        businessDate: DAY, source: src.reader,
        afterBatch: (b) => { if (b === 2) throw new Error('stroomstoring'); },
      });
    } catch (e) {
      err = e;
    }
    expect((err as Error).message).to.equal('stroomstoring');
    expect((await db('job_runs').first()).status).to.equal('mislukt');
    expect(Number((await db('signals').count({ n: '*' }).first())!.n) + Number((await db('quarantine').count({ n: '*' }).first())!.n)).to.equal(4);
    await run(testContext(db, config), { businessDate: DAY, source: src.reader });
    const resumed = await contentSnapshot(db);

    const clean = await sqliteTestDb();
    await run(testContext(clean.db, config), { businessDate: DAY, source: src.reader });
    const expected = await contentSnapshot(clean.db);
    await clean.close();
    await src.db.destroy();
    expect(resumed).to.deep.equal(expected);
  });

  it('refuses to run on an invalid rule set before any data changes', async () => {
    const { db } = t();
    const dir = tempDir('vs-rules-');
    for (const f of fs.readdirSync(path.join(REPO_ROOT, 'rules')).filter((f) => f.endsWith('.json'))) {
      fs.copyFileSync(path.join(REPO_ROOT, 'rules', f), path.join(dir, f));
    }
    const broken = JSON.parse(fs.readFileSync(path.join(dir, 'drempelbedrag.json'), 'utf8'));
    broken.voorwaarden.all[0].value = '75,00';
    fs.writeFileSync(path.join(dir, 'drempelbedrag.json'), JSON.stringify(broken));
    const config = testConfig({ VS_RULES_DIR: dir });
    const src = await memorySource(mondayReports());
    let err: unknown = null;
    try {
      await run(testContext(db, config), { businessDate: DAY, source: src.reader });
    } catch (e) {
      err = e;
    }
    await src.db.destroy();
    expect(err).to.be.instanceOf(RuleSetError);
    expect((err as Error).message).to.contain('drempelbedrag.json [drempelbedrag] voorwaarden.all[0].value: waarde "75,00" is tekst; schrijf een getal');
    expect(await tableCounts(db, ['job_runs', 'signals', 'quarantine', 'source_watermarks'])).to.deep.equal({ job_runs: 0, signals: 0, quarantine: 0, source_watermarks: 0 });
  });

  it('summarises figures that match the database', async () => {
    const { db } = t();
    const config = testConfig();
    const src = await memorySource(mondayReports());
    await run(testContext(db, config), { businessDate: DAY, source: src.reader });
    await src.db.destroy();
    const s = await intakeSummary(db, { from: DAY, to: DAY }, DAY);
    expect(s).to.deep.include({ received: 6, accepted: 5, quarantined: 1, pickedUp: 4, repeats: 0 });
    expect(s.notPickedUp).to.deep.equal([{ reason: 'drempelbedrag', count: 1 }]);
    expect(s.cases).to.deep.equal({ total: 4, open: 4, zorgmeldingRequired: 1 });
    expect(s.queues).to.deep.equal([
      { queue: 'gezinnen', open: 1, overdue: 0 },
      { queue: 'hoge-achterstand', open: 1, overdue: 0 },
      { queue: 'regulier', open: 1, overdue: 0 },
      { queue: 'spoed', open: 1, overdue: 0 },
    ]);
  });
});
