import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { describeEachDb } from '../support/db';
import { tempDir, testConfig, testContext } from '../support/config';
import { memorySource, report, traits } from '../support/factories';
import { ajvValidate, sharedDdasAvailable } from '../support/ddas';
import { run as runNightly } from '../../jobs/nightly';
import { run as runExportJob } from '../../jobs/ddas-export';
import { buildDdasDelivery, buildDdasExport, ddasFileName, writeDdasFile, DdasInvalidError } from '../../src/services/ddasExport';
import { errorsOf, validateDdas } from '../../src/domain/ddas/validate';
import type { DdasVersion } from '../../src/domain/ddas/codes';

type Json = Record<string, any>;
const NOW = new Date('2026-04-10T08:00:00Z');
const config = testConfig();

/**
 * Hand-made March 2026 for Diemen: four reports on 2 March (one below the threshold), two cases
 * with three contact attempts in March and one in April; case 1 closed in March with a result,
 * case 2 closed in April.
 */
async function handMadeMonth(db: Knex): Promise<{ case1: number; case2: number }> {
  const src = await memorySource([
    report(),
    report({ ...traits.anderAdres(1), ...traits.onderDrempel }),
    report({ ...traits.anderAdres(2), ...traits.drieMaandenAchterstand, ...traits.gezinMetKinderen, geboortedatum: null }),
    report({ ...traits.anderAdres(3), achterstand_bedrag: '1.234,50', partner_code: 'WN', partner_naam: 'Waternet', partner_soort: 'Water' }),
  ]);
  try {
    await runNightly(testContext(db, config), { businessDate: '2026-03-02', source: src.reader });
  } finally {
    await src.db.destroy();
  }
  const cases = await db('cases').orderBy('id');
  expect(cases).to.have.length(3);
  const [case1, case2] = [cases[0].id as number, cases[1].id as number];
  const attempt = (caseId: number, kind: string, reached: boolean, date: string, dayPart: string | null) => ({
    case_id: caseId, kind, reached, attempt_date: date, day_part: dayPart, note: 'interne notitie: niet exporteren', recorded_by: 'tester', created_at: NOW.toISOString(),
  });
  await db('contact_attempts').insert([
    attempt(case1, 'Telefoon', false, '2026-03-03', 'Ochtend'),
    attempt(case1, 'Huisbezoek', true, '2026-03-05', 'Middag'),
    attempt(case2, 'Afspraak op locatie', false, '2026-03-04', null),
    attempt(case2, 'Brief', false, '2026-04-02', null),
  ]);
  await db('cases').where({ id: case1 }).update({ closed_date: '2026-03-20', final_result: 'Vervolghulp en/of verwijzing financieel', status: 'afgesloten' });
  await db('cases').where({ id: case2 }).update({ closed_date: '2026-04-15', final_result: 'Vervolghulp en/of verwijzing', status: 'afgesloten' });
  return { case1, case2 };
}

function check(version: DdasVersion, delivery: Record<string, unknown>): void {
  expect(errorsOf(validateDdas(delivery, version))).to.deep.equal([]);
  if (sharedDdasAvailable()) expect(ajvValidate(version, delivery).errors).to.deep.equal([]);
  else console.log('      (ajv-controle overgeslagen: ../shared/ddas ontbreekt)');
}

describeEachDb('services/ddasExport', (t) => {
  it('exports March as valid v1.2: minimised clients, whole euros, mapped statuses, counts equal the database', async () => {
    const { db } = t();
    const { case1, case2 } = await handMadeMonth(db);
    const r = await buildDdasExport(db, { month: '2026-03', gemeenteCode: '0384', version: '1.2', now: NOW, config });
    check('1.2', r.delivery);
    const d = r.delivery as Json;
    expect(d).to.include({ codeGegevensleverancier: 'VROEGSIGNAAL', startdatumLevering: '2026-03-01', einddatumLevering: '2026-03-31', aanleverdatumEnTijd: '2026-04-10T08:00:00Z' });
    const lev = d.leveringen[0];
    expect(lev.gemeentecode).to.equal('0384');
    expect(lev.aanleverendeOrganisatie).to.deep.equal({ naam: 'Gemeente Diemen' });

    const dbSignals = Number((await db('signals').whereBetween('business_date', ['2026-03-01', '2026-03-31']).count({ n: '*' }).first())!.n);
    const dbAttempts = Number((await db('contact_attempts').where('attempt_date', '<=', '2026-03-31').count({ n: '*' }).first())!.n);
    expect(lev.vroegsignalen).to.have.length(dbSignals).and.length(4);
    expect(lev.vroegsignaalzaken).to.have.length(3);
    expect(r.counts).to.deep.equal({ signals: 4, cases: 3, contactAttempts: dbAttempts, clientsWithAddress: 4, clientsWithBirthDate: 3, signalsWithAmount: 4 });
    expect(dbAttempts).to.equal(3);

    const byAmount = new Map<number, Json>(lev.vroegsignalen.map((s: Json) => [s.bedrag, s]));
    expect([...byAmount.keys()].sort((a, b) => a - b)).to.deep.equal([75, 1235, 1700, 2550]);
    expect(byAmount.get(1700)).to.deep.equal({
      ID: byAmount.get(1700)!.ID, crisissignaal: false, warmeOverdracht: false, bedrag: 1700, ontstaansdatum: '2026-01-01',
      signaaldatum: '2026-03-02', status: 'Opgepakt', signaalpartner: { type: 'Huur' },
      client: { geboortedatum: '1980-05-14', postcode: '1111AB', huisnummer: '12', huisnummertoevoeging: 'A' },
    });
    expect(byAmount.get(1700)!.ID).to.match(/^VSM-\d{6}$/);
    expect(byAmount.get(75)!.status).to.equal('Niet opgepakt: andere reden');
    expect(byAmount.get(2550)!.client).to.deep.equal({ postcode: '1111AB', huisnummer: '102' });
    expect(byAmount.get(1235)!.signaalpartner).to.deep.equal({ type: 'Water' });
    // No names, streets, cities, notes or partner references in a v1.2 delivery.
    const text = JSON.stringify(d);
    for (const forbidden of ['Bërg', 'Berg', 'Jeroen', 'Ouddiemerlaan', '"Diemen"', 'interne notitie', 'EH-1', 'Persoon']) expect(text).not.to.contain(forbidden);

    const z1 = lev.vroegsignaalzaken.find((z: Json) => z.vroegsignalen[0].ID === byAmount.get(1700)!.ID);
    expect(z1).to.deep.equal({
      resultaat: 'Vervolghulp en/of verwijzing financieel', matchingsdatum: '2026-03-02', startdatumMatchingperiode: '2026-03-02',
      datumOpgepakt: '2026-03-02', einddatumMatchingperiode: '2026-03-20', vroegsignalen: [{ ID: byAmount.get(1700)!.ID }],
      contactpogingen: [
        { soort: 'Telefoon', bereikt: false, datum: '2026-03-03', dagdeel: 'Ochtend' },
        { soort: 'Huisbezoek', bereikt: true, datum: '2026-03-05', dagdeel: 'Middag' },
      ],
    });
    // Case 2 closes in April: no result and no end date in March, and April's attempt is left out.
    const z2 = lev.vroegsignaalzaken.find((z: Json) => z.vroegsignalen[0].ID === byAmount.get(2550)!.ID);
    expect(z2).to.not.have.property('resultaat');
    expect(z2).to.not.have.property('einddatumMatchingperiode');
    expect(z2.contactpogingen).to.deep.equal([{ soort: 'Afspraak op locatie', bereikt: false, datum: '2026-03-04' }]);
    expect([case1, case2]).to.have.length(2);
  });

  it('exports the same month as valid v0.9 with its historical names and code lists', async () => {
    const { db } = t();
    await handMadeMonth(db);
    const d = (await buildDdasDelivery(db, { month: '2026-03', gemeenteCode: '0384', version: '0.9', now: NOW, config })) as Json;
    check('0.9', d);
    const lev = d.leveringen[0];
    expect(lev).to.have.property('aanleverende_organisatie');
    const s = lev.vroegsignalen.find((x: Json) => x.bedrag === 1700);
    expect(s).to.not.have.property('status'); // v0.9 has no "Opgepakt"
    expect(s.client).to.deep.equal({
      Voorletters: 'J.', Voorvoegsel: 'van den', Achternaam: 'Bërg', Geboortedatum: '1980-05-14', Straatnaam: 'Ouddiemerlaan',
      Postcode: '1111AB', Huisnummer: '12', Huisnummertoevoeging: 'A', Plaatsnaam: 'Diemen',
    });
    const z = lev.vroegsignaalzaken.find((x: Json) => x.vroegsignalen[0].ID === s.ID);
    expect(z).to.have.property('datum_opgepakt', '2026-03-02');
    expect(z).to.have.property('startdatum_matchtingperiode', '2026-03-02');
    const z2 = lev.vroegsignaalzaken.find((x: Json) => x.vroegsignalen[0].ID === lev.vroegsignalen.find((y: Json) => y.bedrag === 2550).ID);
    expect(z2.contactpogingen[0].soort).to.equal('Overige'); // "Afspraak op locatie" does not exist in v0.9
  });

  it('exports only the asked municipality, and an empty month as a valid empty delivery', async () => {
    const { db } = t();
    await handMadeMonth(db);
    const other = (await buildDdasDelivery(db, { month: '2026-03', gemeenteCode: '0363', now: NOW, config })) as Json;
    check('1.2', other);
    expect(other.leveringen[0].vroegsignalen).to.deep.equal([]);
    expect(other.leveringen[0].vroegsignaalzaken).to.deep.equal([]);
    const feb = (await buildDdasDelivery(db, { month: '2026-02', gemeenteCode: '0384', now: NOW, config })) as Json;
    check('1.2', feb);
    expect(feb.leveringen[0].vroegsignalen).to.have.length(0);
  });

  it('writes the file atomically and logs the delivery to CBS per category; the job does the same', async () => {
    const { db } = t();
    await handMadeMonth(db);
    const dir = tempDir();
    const delivery = await buildDdasDelivery(db, { month: '2026-03', gemeenteCode: '0384', now: NOW, config });
    const w = await writeDdasFile(db, delivery, { outDir: dir, now: NOW });
    expect(w.file).to.equal(path.join(dir, ddasFileName('0384', '2026-03', '1.2')));
    expect(fs.readdirSync(dir)).to.deep.equal(['ddas-vroegsignalering-0384-2026-03-v1.2.json']);
    expect(JSON.parse(fs.readFileSync(w.file, 'utf8'))).to.deep.equal(delivery);
    const log = await db('data_sharing_log').where({ direction: 'gerapporteerd', counterparty: 'cbs' }).orderBy('category');
    expect(log.map((l) => [l.category, l.record_count, l.business_date])).to.deep.equal([
      ['achterstand', 4, '2026-03-31'], ['geboortedatum', 3, '2026-03-31'], ['naw', 4, '2026-03-31'],
    ]);
    const auditRow = await db('audit_log').where({ action: 'ddas.geexporteerd' }).first();
    expect(JSON.parse(auditRow.new_json)).to.include({ versie: '1.2', signals: 4, cases: 3 });

    const jobDir = tempDir();
    const job = await runExportJob({ ...testContext(db, config, NOW) }, { month: '2026-03', version: '0.9', outDir: jobDir });
    expect(path.basename(job.file!)).to.equal('ddas-vroegsignalering-0384-2026-03-v0.9.json');
    expect(job.counts.signals).to.equal(4);
  });

  it('refuses to write an invalid delivery and leaves no file and no log', async () => {
    const { db } = t();
    const dir = tempDir();
    const delivery = (await buildDdasDelivery(db, { month: '2026-03', gemeenteCode: '0384', now: NOW, config })) as Json;
    delivery.leveringen[0].extra = true;
    try {
      await writeDdasFile(db, delivery, { outDir: dir, now: NOW });
      expect.fail('should refuse');
    } catch (e) {
      expect(e).to.be.instanceOf(DdasInvalidError);
      expect((e as DdasInvalidError).problems.map((p) => p.path)).to.deep.equal(['$.leveringen[0].extra']);
    }
    expect(fs.readdirSync(dir)).to.deep.equal([]);
    expect(await db('data_sharing_log').where({ counterparty: 'cbs' })).to.have.length(0);
  });
});
