import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { run } from '../../jobs/nightly';
import { explainCase, renderExplanation } from '../../src/services/explain';
import { simulate } from '../../src/services/simulate';
import { buildSimulationWorkbook } from '../../reports/simulation';
import { rulesetHistory } from '../../src/db/decisions';
import { loadRuleSet } from '../../src/rules/load';
import { UsageError } from '../../src/errors';
import { describeEachDb } from '../support/db';
import { testConfig, testContext } from '../support/config';
import { memorySource, report, traits } from '../support/factories';
import { copyRules, editRule, SHIPPED_RULES } from '../support/rules';
import { snapshot } from '../support/snapshot';

/** Six households around the €75 threshold, and one family facing eviction. */
function rows() {
  const amounts = ['74,99', '75,00', '100,00', '149,99', '150,00', '200,00'];
  return [
    ...amounts.map((a, i) => report({ ...traits.anderAdres(i + 1), achterstand_bedrag: a })),
    report({ ...traits.anderAdres(7), ...traits.gezinMetKinderen, ...traits.ontruimingDreigt, achterstand_bedrag: '2.000,00' }),
  ];
}

describeEachDb('rules on stored decisions: explain, simulate, history', (t) => {
  async function nightly() {
    const { db } = t();
    const source = await memorySource(rows());
    try {
      const config = testConfig();
      const result = await run(testContext(db, config), { businessDate: '2026-03-02', source: source.reader });
      return { config, result, source };
    } finally {
      await source.db.destroy();
    }
  }

  it('explains a decided case condition by condition, from the stored decision, and audits the view', async () => {
    const { db } = t();
    const { result } = await nightly();
    expect(result.counts.newCases).to.equal(6);
    // Signal 7 (the family) opened the sixth case.
    const e = await explainCase(db, 6, { actor: 'beleid@test', role: 'beleidsmedewerker' }, new Date('2026-03-03T09:00:00Z'));
    expect(e.reference).to.equal('VS-000006');
    expect(e.currentQueue).to.deep.include({ queue: 'spoed', priority: 1, deadline: '2026-03-05', decidedByRule: 'spoed-ontruiming' });
    expect(e.decisions.map((d) => [d.phase, d.outcome, d.decidedByRule, d.rulesetVersion])).to.deep.equal([
      ['intake', 'opgepakt', 'spoed-ontruiming', result.rulesetVersion],
      ['escalatie', 'zorgmelding', 'zorgmelding', result.rulesetVersion],
    ]);
    const intake = e.decisions[0];
    expect(intake.outcomeText).to.equal('melding opgepakt: werkvoorraad "spoed", prioriteit 1, termijn 3 werkdagen');
    expect(intake.facts.find((f) => f.name === 'achterstandBedrag')?.value).to.equal('€ 2.000,00');
    const byRule = new Map(intake.rules.map((r) => [r.rule, r]));
    expect(byRule.get('spoed-ontruiming')).to.deep.include({ fired: true });
    expect(byRule.get('spoed-ontruiming')?.reasons).to.deep.equal(['Ontruiming dreigt (ontruimingDreigt) is gelijk aan ja — gezien: ja']);
    expect(byRule.get('gezin-met-kinderen')?.fired).to.equal(true);
    expect(byRule.get('drempelbedrag')?.fired).to.equal(false);
    expect(byRule.get('drempelbedrag')?.reasons).to.deep.equal([
      'Huurachterstand (achterstandBedrag) is kleiner dan € 75,00 — gezien: € 2.000,00',
      'Ontruiming dreigt (ontruimingDreigt) is gelijk aan nee — gezien: ja',
    ]);
    const text = renderExplanation(e);
    expect(text).to.contain(`── Intake op 02-03-2026 (regelsetversie ${result.rulesetVersion}, run ${result.runId})`);
    expect(text).to.contain('✓ spoed-ontruiming — Dreigende ontruiming of crisis: spoed → werkvoorraad "spoed", prioriteit 1, termijn 3 werkdagen  [besliste]');
    expect(text).to.contain('✗ herhaalmelding — Herhaalmelding zonder hoger bedrag');
    expect(text).to.contain('want niet: Herhaalmelding (herhaalmelding) is gelijk aan ja — gezien: nee');
    expect(text).to.contain('Uitkomst: zaak: zorgmelding vereist — beslist door regel "zorgmelding"');
    const audits = await db('audit_log').where({ action: 'zaak.uitleg-bekeken' });
    expect(audits.map((a) => [a.actor, a.role, Number(a.case_id)])).to.deep.equal([['beleid@test', 'beleidsmedewerker', 6]]);
    let err: unknown = null;
    await explainCase(db, 999, { actor: 'x', role: 'y' }, new Date()).catch((x) => (err = x));
    expect(err).to.be.instanceOf(UsageError);
  });

  it('simulates €75 → €150: reports exactly the cases that move, and changes nothing', async () => {
    const { db } = t();
    const { config } = await nightly();
    const dir = copyRules();
    editRule(dir, 'drempelbedrag.json', (r) => {
      r.voorwaarden.all[0].value = 150;
      // Takes effect next month: the simulation still applies it to March (as if in force).
      r.geldigVanaf = '2026-04-01';
    });
    const before = await snapshot(db);
    const r = await simulate(db, loadRuleSet(dir), { from: '2026-03-01', to: '2026-03-31', defaults: config.defaultQueue });
    expect(await snapshot(db)).to.deep.equal(before);
    expect(r.evaluated).to.deep.equal({ intake: 7, escalation: 1, atOpening: 5 });
    expect(r.rows.map((x) => [x.reference, x.changes, x.actual.queue, x.candidate.pickedUp, x.candidate.reason])).to.deep.equal([
      ['VS-000001', ['opgepakt'], 'regulier', false, 'drempelbedrag'],
      ['VS-000002', ['opgepakt'], 'regulier', false, 'drempelbedrag'],
      ['VS-000003', ['opgepakt'], 'regulier', false, 'drempelbedrag'],
    ]);
    expect(r.changedReferences).to.equal(3);
    expect(r.counts).to.deep.equal({ opgepakt: 3, wachtrij: 0, prioriteit: 0, termijn: 0, escalatie: 0, zorgmelding: 0 });
    expect(r.rows[0].actual.deadline).to.equal('2026-03-30');
    // Reading in small pages gives the same answer.
    expect(await simulate(db, loadRuleSet(dir), { from: '2026-03-01', to: '2026-03-31', defaults: config.defaultQueue, pageSize: 2 })).to.deep.equal(r);

    // A period without decisions re-evaluates nothing.
    const empty = await simulate(db, loadRuleSet(dir), { from: '2026-04-01', to: null, defaults: config.defaultQueue });
    expect(empty.evaluated).to.deep.equal({ intake: 0, escalation: 0, atOpening: 0 });

    // The shareable workbook: Dutch headers, frozen header, filter, real numbers and dates.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildSimulationWorkbook(r, new Date('2026-03-03T10:00:00Z')).xlsx.writeBuffer()) as never);
    const ws = wb.getWorksheet('Verschillen')!;
    expect(ws.getRow(1).getCell(1).value).to.equal('Zaak / melding');
    expect(ws.getRow(1).getCell(12).value).to.equal('Prioriteit (nu)');
    expect(ws.views[0]).to.deep.include({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).to.not.equal(undefined);
    expect(ws.rowCount).to.equal(4);
    expect(ws.getRow(2).getCell(1).value).to.equal('VS-000001');
    expect(ws.getRow(2).getCell(12).value).to.equal(4);
    expect((ws.getRow(2).getCell(14).value as Date).toISOString()).to.equal('2026-03-30T00:00:00.000Z');
    expect(ws.getRow(2).getCell(9).value).to.equal('drempelbedrag');
    expect(ws.getRow(2).getCell(3).value).to.equal('opgeslagen beslissing');
    const sum = wb.getWorksheet('Samenvatting')!;
    expect(sum.getRow(7).values).to.deep.equal([undefined, 'Zaken zonder escalatiebeslissing, beoordeeld bij opening', 5]);
    expect(sum.getRow(8).values).to.deep.equal([undefined, 'Zaken/meldingen met een verschil', 3]);
  });

  it('simulates a changed zorgmelding criterion on the stored escalation decisions', async () => {
    const { db } = t();
    const { config } = await nightly();
    const dir = copyRules();
    editRule(dir, 'zorgmelding.json', (r) => {
      r.voorwaarden.all.push({ fact: 'dagenTotOntruiming', operator: 'lessThan', value: 7 });
    });
    const r = await simulate(db, loadRuleSet(dir), { from: null, to: null, defaults: config.defaultQueue });
    expect(r.rows.map((x) => [x.reference, x.phase, x.basis, x.changes, x.actual.zorgmelding, x.candidate.zorgmelding])).to.deep.equal([
      ['VS-000006', 'escalatie', 'opgeslagen', ['zorgmelding'], true, false],
    ]);
  });

  it('finds cases that would newly need a zorgmelding, also when no escalation decision was ever stored for them', async () => {
    const { db } = t();
    const { config } = await nightly();
    const dir = copyRules();
    editRule(dir, 'zorgmelding.json', (r) => {
      r.voorwaarden = { all: [{ fact: 'achterstandBedrag', operator: 'greaterThanInclusive', value: 150 }] };
    });
    const r = await simulate(db, loadRuleSet(dir), { from: null, to: null, defaults: config.defaultQueue });
    expect(r.rows.map((x) => [x.reference, x.basis, x.changes, x.actual.zorgmelding, x.candidate.zorgmelding])).to.deep.equal([
      ['VS-000004', 'bij-opening', ['zorgmelding'], false, true],
      ['VS-000005', 'bij-opening', ['zorgmelding'], false, true],
    ]);
    expect(r.counts.zorgmelding).to.equal(2);
  });

  it('lists the rule-set versions in force, when, and how many decisions each made', async () => {
    const { db } = t();
    const source = await memorySource(rows());
    try {
      const first = await run(testContext(db, testConfig()), { businessDate: '2026-03-02', source: source.reader });
      const dir = copyRules();
      editRule(dir, 'drempelbedrag.json', (r) => {
        r.voorwaarden.all[0].value = 150;
      });
      await source.add([report({ ...traits.anderAdres(20), ontvangen_op: '2026-03-03 08:00:00', signaaldatum: '03-03-2026', achterstand_bedrag: '120,00' })]);
      const second = await run(testContext(db, testConfig({ VS_RULES_DIR: dir })), { businessDate: '2026-03-03', source: source.reader });
      expect(second.rulesetVersion).to.not.equal(first.rulesetVersion);
      expect(await rulesetHistory(db)).to.deep.equal([
        { version: first.rulesetVersion, firstDate: '2026-03-02', lastDate: '2026-03-02', intake: 7, escalation: 1, total: 8, runs: 1 },
        { version: second.rulesetVersion, firstDate: '2026-03-03', lastDate: '2026-03-03', intake: 1, escalation: 0, total: 1, runs: 1 },
      ]);
      expect(loadRuleSet(SHIPPED_RULES).version).to.equal(first.rulesetVersion);
    } finally {
      await source.db.destroy();
    }
  });
});
