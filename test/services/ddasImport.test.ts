import { expect } from 'chai';
import type { Knex } from 'knex';
import { describeEachDb } from '../support/db';
import { testConfig, testContext } from '../support/config';
import { memorySource, report } from '../support/factories';
import { ajvValidate, officialExample, requireShared, sharedDdasAvailable, v09Delivery, v12Delivery } from '../support/ddas';
import { importDdas, type DdasImportOptions } from '../../src/services/ddasImport';
import { buildDdasExport, DdasInvalidError } from '../../src/services/ddasExport';
import { errorsOf, validateDdas } from '../../src/domain/ddas/validate';
import { householdNameLabel, UNKNOWN_NAME_LABEL } from '../../src/domain/households';
import { run as runNightly } from '../../jobs/nightly';
import type { DdasVersion } from '../../src/domain/ddas/codes';

type Json = Record<string, any>;
const NOW = new Date('2026-03-01T10:00:00Z');
const KEY = 'test-sleutel-voor-bsn-hash-0123456789abcdef';
const TABLES = ['partners', 'households', 'signals', 'cases', 'contact_attempts', 'ddas_import_batches', 'audit_log', 'data_sharing_log'];

function opts(content: unknown, extra: Partial<DdasImportOptions> = {}): DdasImportOptions {
  return {
    fileName: 'levering.json', content: typeof content === 'string' ? content : JSON.stringify(content),
    bsnKey: KEY, actor: 'test', now: NOW, ...extra,
  };
}

async function tableCounts(db: Knex): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await db(t).count({ n: '*' }).first())!.n);
  return out;
}

/**
 * A levering reduced to what must survive a round trip: signals, cases, results and contact
 * attempts, without order and without the BSN (deliberately never kept); postcodes compacted.
 */
function essence(levering: Json): Json {
  const signals = (levering.vroegsignalen ?? []).map((s: Json) => {
    const client = { ...s.client };
    delete client.Burgerservicenummer;
    delete client.burgerservicenummer;
    for (const k of ['Postcode', 'postcode']) if (client[k]) client[k] = String(client[k]).replace(/\s/g, '').toUpperCase();
    return { ...s, client };
  }).sort((a: Json, b: Json) => a.ID.localeCompare(b.ID));
  const cases = (levering.vroegsignaalzaken ?? []).map((c: Json) => ({
    ...c,
    vroegsignalen: [...c.vroegsignalen].sort((a: Json, b: Json) => a.ID.localeCompare(b.ID)),
    contactpogingen: [...(c.contactpogingen ?? [])].map((a) => JSON.stringify(a)).sort(),
  })).sort((a: Json, b: Json) => a.vroegsignalen[0].ID.localeCompare(b.vroegsignalen[0].ID));
  return { gemeentecode: levering.gemeentecode, signals, cases };
}

async function exportLevering(db: Knex, month: string, gemeenteCode: string, version: DdasVersion) {
  const r = await buildDdasExport(db, { month, gemeenteCode, version, now: NOW, config: { gemeenteCode: '0384' } });
  expect(errorsOf(validateDdas(r.delivery, version))).to.deep.equal([]);
  if (sharedDdasAvailable()) expect(ajvValidate(version, r.delivery).errors).to.deep.equal([]);
  return { ...r, levering: (r.delivery.leveringen as Json[])[0] };
}

describeEachDb('services/ddasImport', (t) => {
  it('imports the official v0.9 examples without error and round-trips them', async function () {
    requireShared(this);
    const { db } = t();
    const meervoudig = JSON.parse(officialExample('meervoudigVoorbeeld.json').content) as Json;
    const r = await importDdas(db, opts(officialExample('meervoudigVoorbeeld.json').content, { fileName: 'meervoudigVoorbeeld.json' }));
    expect(r.version).to.equal('0.9');
    expect(r.supplierCode).to.equal('SOFT-123');
    expect(r.totals).to.include({ signalsNew: 4, casesNew: 4, attemptsNew: 6, householdsNew: 4, clientsWithBsn: 4 });
    expect(Object.keys(r.perGemeente)).to.deep.equal(['0518', '0307']);
    // The examples' v0.9 result is stored in today's (v1.2) words.
    const results = (await db('cases').select('final_result').orderBy('final_result')).map((c) => c.final_result);
    expect(results).to.include('Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering');
    // Signal in a case with status "Niet opgepakt: herhaalde melding" (as the example has it): kept verbatim.
    const s2 = await db('signals').where({ source_row_id: 'VS-2025-0002' }).first();
    expect(s2.ddas_status).to.equal('Niet opgepakt: herhaalde melding');
    expect(s2.arrears_cents).to.equal(120000);
    expect(s2.origin).to.equal('ddas-import');
    for (const lev of meervoudig.leveringen as Json[]) {
      const back = await exportLevering(db, '2025-01', lev.gemeentecode, '0.9');
      expect(essence(back.levering)).to.deep.equal(essence(lev));
    }
  });

  it('merges the two official examples (overlapping deliveries of one supplier) by signal ID', async function () {
    requireShared(this);
    const { db } = t();
    await importDdas(db, opts(officialExample('enkelvoudigVoorbeeld.json').content));
    const r = await importDdas(db, opts(officialExample('meervoudigVoorbeeld.json').content));
    expect(r.perGemeente['0518']).to.include({ signalsNew: 1, signalsUnchanged: 1, casesNew: 1, casesUpdated: 1, attemptsNew: 3 });
    const s1 = await db('signals').where({ source_row_id: 'VS-2025-0001' });
    expect(s1).to.have.length(1);
    const attempts = await db('contact_attempts').where({ case_id: s1[0].case_id }).orderBy('attempt_date');
    expect(attempts.map((a) => `${a.kind} ${a.attempt_date}`)).to.deep.equal(['Brief 2025-01-06', 'Telefoon 2025-01-10', 'Huisbezoek 2025-01-15']);
    const c = await db('cases').where({ id: s1[0].case_id }).first();
    expect(c.ddas_matching_date).to.equal('2025-01-07');
  });

  it('imports our own v1.2 file: unnamed households, partner per type, keyed BSN hash, whole euros', async () => {
    const { db } = t();
    const r = await importDdas(db, opts(v12Delivery()));
    expect(r.version).to.equal('1.2');
    expect(r.totals).to.include({ signalsNew: 3, casesNew: 2, attemptsNew: 4, householdsNew: 3, clientsWithBsn: 1 });
    const partners = await db('partners').orderBy('code');
    expect(partners.map((p) => [p.code, p.type])).to.deep.equal([['DDAS-Energie', 'Energie'], ['DDAS-Huur', 'Huur'], ['DDAS-Zorg', 'Zorg']]);
    const hh = await db('households').orderBy('id');
    expect(hh[0]).to.include({ postcode: '1111 AB', house_number: 12, house_number_addition: 'A', birth_date: '1980-05-14', last_name: '', name_key: '?', identity_origin: 'ddas-import' });
    expect(householdNameLabel({ initials: null, firstName: null, prefix: null, lastName: hh[0].last_name })).to.equal(UNKNOWN_NAME_LABEL);
    // The BSN is never stored: only a 64-hex keyed hash, and the number appears nowhere.
    expect(hh[2].bsn_hash).to.match(/^[0-9a-f]{64}$/);
    for (const table of TABLES) expect(JSON.stringify(await db(table).select()), table).not.to.contain('111222333');
    const s1 = await db('signals').where({ source_row_id: 'OUD-1' }).first();
    expect(s1).to.include({ arrears_cents: 170000, business_date: '2026-02-02', status: 'opgepakt', gemeente_code: '0384', source_key: 'ddas:OUDSYS:0384' });
    const case1 = await db('cases').where({ id: s1.case_id }).first();
    expect(case1).to.include({ final_result: 'Vervolghulp en/of verwijzing financieel', closed_date: '2026-02-27', opened_date: '2026-02-03', first_contact_date: '2026-02-06' });
    const s2 = await db('signals').where({ source_row_id: 'OUD-2' }).first();
    expect(s2).to.include({ status: 'niet-opgepakt', ddas_status: 'Niet opgepakt: andere reden' });
    expect(s2.case_id).to.equal(null);
    const sharing = await db('data_sharing_log').where({ direction: 'ontvangen', counterparty: 'ddas:OUDSYS' }).orderBy('category');
    expect(sharing.map((s) => [s.category, s.record_count])).to.deep.equal([['achterstand', 3], ['geboortedatum', 1], ['naw', 2]]);
  });

  it('round-trips our own v1.2 file (a BSN-only client cannot come back: the BSN is not kept)', async () => {
    const { db } = t();
    const file = v12Delivery();
    await importDdas(db, opts(file));
    const back = await exportLevering(db, '2026-02', '0384', '1.2');
    const original = (file.leveringen as Json[])[0];
    const expected = {
      ...original,
      vroegsignalen: original.vroegsignalen.filter((s: Json) => s.ID !== 'OUD-3'),
      vroegsignaalzaken: original.vroegsignaalzaken.filter((c: Json) => c.vroegsignalen[0].ID !== 'OUD-3'),
    };
    expect(essence(back.levering)).to.deep.equal(essence(expected));
    expect(back.warnings.join('\n')).to.contain('OUD-3');
    expect(back.counts).to.include({ signals: 2, cases: 1, contactAttempts: 3 });
  });

  it('round-trips our own v0.9 file with names, translating the renamed result', async () => {
    const { db } = t();
    const file = v09Delivery();
    const r = await importDdas(db, opts(file));
    expect(r.version).to.equal('0.9');
    const hh = await db('households').first();
    expect(hh).to.include({ last_name: 'Bërg', prefix: 'van den', initials: 'J.', name_key: 'berg', street: 'Ouddiemerlaan', city: 'Diemen' });
    expect((await db('cases').first()).final_result).to.equal('Verwijzing zonder tussenkomst inwoner');
    const back = await exportLevering(db, '2026-01', '0384', '0.9');
    expect(essence(back.levering)).to.deep.equal(essence((file.leveringen as Json[])[0]));
  });

  it('is idempotent: the same file twice changes nothing', async () => {
    const { db } = t();
    await importDdas(db, opts(v12Delivery()));
    const before = await tableCounts(db);
    const again = await importDdas(db, opts(v12Delivery()));
    expect(again.changed).to.equal(false);
    expect(again.batchId).to.equal(null);
    expect(again.earlierImports).to.have.length(1);
    expect(again.totals).to.include({ signalsNew: 0, signalsUpdated: 0, signalsUnchanged: 3, casesNew: 0, casesUpdated: 0, casesUnchanged: 2, attemptsNew: 0 });
    expect(await tableCounts(db)).to.deep.equal(before);
  });

  it('merges an overlapping later delivery: changed status, later result, extra attempt, new signal', async () => {
    const { db } = t();
    await importDdas(db, opts(v12Delivery()));
    const later = v12Delivery({ start: '2026-02-15', end: '2026-03-15' }) as Json;
    const lev = later.leveringen[0];
    lev.vroegsignalen = [
      lev.vroegsignalen[2],
      { ID: 'OUD-4', bedrag: 300, signaaldatum: '2026-03-02', status: 'Opgepakt', signaalpartner: { type: 'Water' }, client: { postcode: '1112CD', huisnummer: '7' } },
    ];
    lev.vroegsignaalzaken = [
      {
        resultaat: 'Definitief geen contact kunnen krijgen', datumOpgepakt: '2026-02-21', einddatumMatchingperiode: '2026-03-10',
        vroegsignalen: [{ ID: 'OUD-3' }, { ID: 'OUD-4' }],
        contactpogingen: [{ soort: 'Brief', bereikt: false, datum: '2026-02-22' }, { soort: 'Telefoon', bereikt: false, datum: '2026-03-03', dagdeel: 'Avond' }],
      },
    ];
    const r = await importDdas(db, opts(later));
    expect(r.totals).to.include({ signalsNew: 1, signalsUnchanged: 1, casesNew: 0, casesUpdated: 1, attemptsNew: 1, householdsNew: 0, householdsMatched: 1 });
    const s3 = await db('signals').where({ source_row_id: 'OUD-3' }).first();
    const s4 = await db('signals').where({ source_row_id: 'OUD-4' }).first();
    expect(s4.case_id).to.equal(s3.case_id);
    // OUD-4 lives at OUD-2's address: same (unnamed) household.
    const s2 = await db('signals').where({ source_row_id: 'OUD-2' }).first();
    expect(s4.household_id).to.equal(s2.household_id);
    const c = await db('cases').where({ id: s3.case_id }).first();
    expect(c).to.include({ final_result: 'Definitief geen contact kunnen krijgen', closed_date: '2026-03-10' });
    expect(await db('contact_attempts').where({ case_id: s3.case_id }).count({ n: '*' }).first()).to.satisfy((x: { n: unknown }) => Number(x.n) === 2);
  });

  it('refuses a malformed file as a whole, listing every problem, and writes nothing', async () => {
    const { db } = t();
    const before = await tableCounts(db);
    const bad = v12Delivery() as Json;
    bad.leveringen[0].vroegsignalen[0].bedrag = '1.700,00';
    bad.leveringen[0].vroegsignalen[1].client.Achternaam = 'Bërg';
    bad.leveringen[0].vroegsignaalzaken[0].resultaat = 'Opgelost';
    let err: unknown;
    try {
      await importDdas(db, opts(bad));
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(DdasInvalidError);
    const problems = (err as DdasInvalidError).problems.map((p) => p.path);
    expect(problems).to.deep.equal([
      '$.leveringen[0].vroegsignalen[0].bedrag',
      '$.leveringen[0].vroegsignalen[1].client.Achternaam',
      '$.leveringen[0].vroegsignaalzaken[0].resultaat',
    ]);
    expect((err as DdasInvalidError).message).to.contain('er is niets verwerkt');
    expect(await tableCounts(db)).to.deep.equal(before);
  });

  it('refuses a valid-looking file whose content cannot be imported (IDs, postcode, references), writing nothing', async () => {
    const { db } = t();
    const bad = v12Delivery() as Json;
    const sigs = bad.leveringen[0].vroegsignalen;
    sigs[1].ID = 'OUD-1';
    sigs[2].client = { postcode: '0123AB', huisnummer: 'twaalf' };
    const before = await tableCounts(db);
    try {
      await importDdas(db, opts(bad));
      expect.fail('should refuse');
    } catch (e) {
      expect(e).to.be.instanceOf(DdasInvalidError);
      const ps = (e as DdasInvalidError).problems;
      expect(ps.map((p) => p.path)).to.deep.equal([
        '$.leveringen[0].vroegsignalen[1].ID',
        '$.leveringen[0].vroegsignalen[2].client.postcode',
        '$.leveringen[0].vroegsignalen[2].client.huisnummer',
      ]);
    }
    expect(await tableCounts(db)).to.deep.equal(before);
  });

  it('a case referring to a signal of an earlier month keeps the reference and picks the signal up later', async () => {
    const { db } = t();
    const feb = v12Delivery() as Json;
    feb.leveringen[0].vroegsignaalzaken[0].vroegsignalen.push({ ID: 'JAN-7' });
    feb.leveringen[0].vroegsignaalzaken.push({ datumOpgepakt: '2026-02-05', vroegsignalen: [{ ID: 'DEC-1' }] });
    const r = await importDdas(db, opts(feb));
    expect(r.totals).to.include({ casesNew: 2, casesSkipped: 1 });
    expect(r.warnings.map((w) => w.path)).to.deep.equal([
      '$.leveringen[0].vroegsignaalzaken[0].vroegsignalen[1].ID',
      '$.leveringen[0].vroegsignaalzaken[2].vroegsignalen[0].ID',
      '$.leveringen[0].vroegsignaalzaken[2]',
    ]);
    // Exported again, the case still refers to JAN-7 as delivered.
    const back = await exportLevering(db, '2026-02', '0384', '1.2');
    const z = back.levering.vroegsignaalzaken.find((c: Json) => c.vroegsignalen.some((x: Json) => x.ID === 'OUD-1'));
    expect(z.vroegsignalen).to.deep.equal([{ ID: 'OUD-1' }, { ID: 'JAN-7' }]);
    // The January delivery brings JAN-7 and its (same) case: merged, not a second case.
    const jan = v12Delivery({
      start: '2026-01-01', end: '2026-01-31',
      signals: [{ ID: 'JAN-7', bedrag: 900, signaaldatum: '2026-01-20', status: 'Opgepakt', signaalpartner: { type: 'Huur' }, client: { postcode: '1111AB', huisnummer: '12', huisnummertoevoeging: 'A' } }],
      cases: [{ datumOpgepakt: '2026-01-21', vroegsignalen: [{ ID: 'JAN-7' }] }],
    });
    const r2 = await importDdas(db, opts(jan));
    expect(r2.totals).to.include({ signalsNew: 1, casesNew: 0, casesUpdated: 1, householdsMatched: 1 });
    const s1 = await db('signals').where({ source_row_id: 'OUD-1' }).first();
    const s7 = await db('signals').where({ source_row_id: 'JAN-7' }).first();
    expect(s7.case_id).to.equal(s1.case_id);
    expect(s7.household_id).to.equal(s1.household_id);
    const c = await db('cases').where({ id: s1.case_id }).first();
    expect(c.ddas_pending_signal_ids).to.equal(null);
  });

  it('a client first known by BSN only is found again by its hash, and a v0.9 delivery completes the address', async () => {
    const { db } = t();
    await importDdas(db, opts(v12Delivery()));
    const before = await db('signals').where({ source_row_id: 'OUD-3' }).first();
    const older = v09Delivery() as Json;
    older.leveringen[0].vroegsignalen[0].ID = 'A-200';
    older.leveringen[0].vroegsignalen[0].client = { Burgerservicenummer: '111222333', Achternaam: 'Yılmaz', Postcode: '1112CD', Huisnummer: '9' };
    older.leveringen[0].vroegsignaalzaken[0].vroegsignalen = [{ ID: 'A-200' }];
    const r = await importDdas(db, opts(older));
    expect(r.totals).to.include({ householdsNew: 0, householdsMatched: 1, clientsWithBsn: 1 });
    const after = await db('signals').where({ source_row_id: 'A-200' }).first();
    expect(after.household_id).to.equal(before.household_id);
    const hh = await db('households').where({ id: before.household_id }).first();
    expect(hh).to.include({ postcode: '1112 CD', house_number: 9, last_name: 'Yılmaz' });
    // With a different key the same BSN is not recognised (the hash is keyed).
    const other = await importDdas(db, opts(v12Delivery({ supplier: 'ANDER' }), { bsnKey: 'een-andere-sleutel-van-minstens-32-tekens' }));
    expect(other.totals.householdsNew).to.equal(1);
  });

  it('refuses text that is not JSON, and a file whose version cannot be recognised', async () => {
    const { db } = t();
    for (const content of ['{"leveringen": [', JSON.stringify({ codeGegevensleverancier: 'X' })]) {
      try {
        await importDdas(db, opts(content));
        expect.fail('should refuse');
      } catch (e) {
        expect(e).to.be.instanceOf(DdasInvalidError);
        expect((e as DdasInvalidError).problems[0].path).to.equal('$');
      }
    }
  });

  it('dry run checks and counts but stores nothing', async () => {
    const { db } = t();
    const before = await tableCounts(db);
    const r = await importDdas(db, opts(v12Delivery(), { dryRun: true }));
    expect(r.dryRun).to.equal(true);
    expect(r.totals).to.include({ signalsNew: 3, casesNew: 2 });
    expect(await tableCounts(db)).to.deep.equal(before);
  });
});

describeEachDb('imported history in the nightly intake', (t) => {
  const config = testConfig();

  async function importThenNightly(db: Knex, rows: ReturnType<typeof report>[]) {
    await importDdas(db, opts(v12Delivery()));
    const src = await memorySource(rows);
    try {
      await runNightly(testContext(db, config), { businessDate: '2026-03-02', source: src.reader });
    } finally {
      await src.db.destroy();
    }
    return db('signals').where({ origin: 'bron' }).first();
  }

  it('a new signal with the same amount, same partner type, within the look-back is a repeat report', async () => {
    const { db } = t();
    const signal = await importThenNightly(db, [report()]);
    const imported = await db('signals').where({ source_row_id: 'OUD-1' }).first();
    expect(signal).to.include({ status: 'niet-opgepakt', not_picked_up_reason: 'herhaalmelding', previous_signal_id: imported.id, household_id: imported.household_id });
    expect(Boolean(signal.is_repeat)).to.equal(true);
    expect(signal.case_id).to.equal(null);
    // The real signal brought the name: the imported household is no longer "naam onbekend".
    const hh = await db('households').where({ id: imported.household_id }).first();
    expect(hh).to.include({ last_name: 'Bërg', prefix: 'van den', name_key: 'berg' });
    expect(await db('households').where({ postcode: '1111 AB', house_number: 12 }).count({ n: '*' }).first()).to.satisfy((x: { n: unknown }) => Number(x.n) === 1);
  });

  it('a higher amount makes it a new case', async () => {
    const { db } = t();
    const signal = await importThenNightly(db, [report({ achterstand_bedrag: '2.550,00' })]);
    const imported = await db('signals').where({ source_row_id: 'OUD-1' }).first();
    expect(signal.status).to.equal('opgepakt');
    expect(Boolean(signal.is_repeat)).to.equal(true);
    expect(signal.case_id).to.be.a('number').and.not.equal(imported.case_id);
    const c = await db('cases').where({ id: signal.case_id }).first();
    expect(c).to.include({ status: 'nieuw', opened_date: '2026-03-02' });
    expect(c.closed_date).to.equal(null);
  });

  it('another partner type is not the same partner: no repeat', async () => {
    const { db } = t();
    const signal = await importThenNightly(db, [report({ partner_code: 'NUON', partner_naam: 'Energieleverancier', partner_soort: 'Energie' })]);
    expect(Boolean(signal.is_repeat)).to.equal(false);
    expect(signal.status).to.equal('opgepakt');
  });
});
