import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { loadRuleSet } from '../../src/rules/load';
import { readTestCaseFiles, renderTestRun, runTestCases } from '../../src/rules/testcases';
import { testConfig } from '../support/config';
import { copyRules, editRule, SHIPPED_RULES } from '../support/rules';

const defaults = () => testConfig().defaultQueue;

describe('rules test (test cases beside the rules)', () => {
  it('passes on the shipped rules, with cases for every default rule', async () => {
    const ruleSet = loadRuleSet(SHIPPED_RULES);
    const files = readTestCaseFiles(SHIPPED_RULES);
    const run = await runTestCases(ruleSet, files, defaults());
    expect(run.problems).to.deep.equal([]);
    expect(run.results.filter((r) => !r.passed).map((r) => r.testCase.name)).to.deep.equal([]);
    expect(run.results).to.have.length(30);
    // Every rule is the subject of a test case file.
    expect(files.map((f) => f.file.replace('testgevallen/', '').replace('.json', '')).sort()).to.deep.equal(ruleSet.rules.map((r) => r.name).sort());
    // The boundaries the issue names are there.
    const names = run.results.map((r) => r.testCase.name);
    expect(names).to.include.members([
      'precies € 75 wordt wel opgepakt',
      'precies 2 maanden achterstand (€ 1.700 bij € 850 huur)',
      'geen kinderen (0 gemeld)',
      'kinderen onbekend (niet gemeld)',
    ]);
    expect(renderTestRun(run)).to.contain('Alle 30 testgevallen geslaagd.');
  });

  it('fails readably when the threshold changes: expected, actual and the deciding condition', async () => {
    const dir = copyRules();
    editRule(dir, 'drempelbedrag.json', (r) => {
      r.voorwaarden.all[0].value = 150;
    });
    const run = await runTestCases(loadRuleSet(dir), readTestCaseFiles(dir), defaults());
    const failed = run.results.filter((r) => !r.passed);
    expect(failed.map((r) => r.testCase.name)).to.deep.equal(['precies € 75 wordt wel opgepakt']);
    expect(failed[0].differences).to.deep.equal([
      { field: 'besluit', expected: 'opgepakt', actual: 'niet-oppakken' },
      { field: 'wachtrij', expected: 'regulier', actual: '(geen)' },
      { field: 'nietVuren', expected: '"drempelbedrag" vuurt niet', actual: '"drempelbedrag" vuurde' },
    ]);
    const text = renderTestRun(run);
    expect(text).to.contain('✗ testgevallen/drempelbedrag.json: 3 van 4 gevallen geslaagd');
    expect(text).to.contain('besluit: verwacht opgepakt, maar was niet-oppakken');
    expect(text).to.contain('beslist door regel "drempelbedrag" (niet oppakken (onder het drempelbedrag)), omdat:');
    expect(text).to.contain('Huurachterstand (achterstandBedrag) is kleiner dan € 150,00 — gezien: € 75,00 → klopt');
    expect(text).to.contain('1 van 30 testgevallen mislukt.');
  });

  it('explains why an expected rule did not fire (two months of arrears raised to three)', async () => {
    const dir = copyRules();
    editRule(dir, 'hoge-achterstand.json', (r) => {
      r.voorwaarden.all[0].value = 3;
    });
    const run = await runTestCases(loadRuleSet(dir), readTestCaseFiles(dir), defaults());
    const failed = run.results.find((r) => r.testCase.name.startsWith('precies 2 maanden'))!;
    expect(failed.passed).to.equal(false);
    expect(failed.why).to.include('regel "hoge-achterstand" vuurde niet, omdat:');
    expect(failed.why).to.include('  Achterstand in maanden huur (achterstandInMaanden) is groter dan of gelijk aan 3 maanden — gezien: 2 maanden → klopt niet');
  });

  it('reports mistakes in test case files with file, case and path', async () => {
    const dir = copyRules();
    fs.writeFileSync(
      path.join(dir, 'testgevallen', 'fout.json'),
      JSON.stringify({
        gevallen: [
          { naam: 'typefout', feiten: { achterstandBedrag: 80, kinderne: 'ja' }, verwacht: { besluit: 'opgepakt' } },
          { naam: 'tekstbedrag', feiten: { achterstandBedrag: '80,00' }, verwacht: { regels: ['regulir'] } },
        ],
      }),
    );
    const run = await runTestCases(loadRuleSet(dir), readTestCaseFiles(dir), defaults());
    expect(run.problems.map((p) => `${p.file} [${p.rule}] ${p.path}: ${p.message}`)).to.deep.equal([
      'testgevallen/fout.json [typefout] gevallen[0].feiten.kinderne: onbekend feit "kinderne" — bedoelt u "kinderen"?',
      'testgevallen/fout.json [tekstbedrag] gevallen[1].feiten.achterstandBedrag: achterstandBedrag moet een getal zijn (zonder aanhalingstekens, euro met een punt: 1250.50), niet "80,00"',
      'testgevallen/fout.json [tekstbedrag] gevallen[1].verwacht.regels[0]: regel "regulir" bestaat niet — bedoelt u "regulier"?',
    ]);
    expect(run.results).to.have.length(30);
  });
});
