import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { checkRuleDir, loadRuleSet } from '../../src/rules/load';
import { RuleSetError } from '../../src/errors';
import { copyRules, editRule, plantMistakes, PLANTED, ruleJson, SHIPPED_RULES } from '../support/rules';
import { readTestCaseFiles, runTestCases } from '../../src/rules/testcases';
import { testConfig } from '../support/config';

describe('rules check', () => {
  it('accepts the shipped rules without errors or warnings', () => {
    const { ruleSet, problems } = checkRuleDir(SHIPPED_RULES);
    expect(problems).to.deep.equal([]);
    expect(ruleSet?.rules.map((r) => r.name)).to.have.length(8);
    expect(ruleSet?.version).to.match(/^[0-9a-f]{12}$/);
  });

  it('refuses a copy with one planted mistake of each kind: exactly one clear message per mistake', () => {
    const dir = plantMistakes(copyRules());
    const { ruleSet, problems } = checkRuleDir(dir);
    expect(ruleSet).to.equal(null);
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors.map((e) => e.file).sort()).to.deep.equal(Object.keys(PLANTED).sort());
    for (const [file, want] of Object.entries(PLANTED)) {
      const got = errors.filter((e) => e.file === file);
      expect(got, file).to.have.length(1);
      expect(got[0].path, file).to.equal(want.path);
      expect(got[0].message, file).to.match(want.message);
      if (file !== 'a-json.json') expect(got[0].rule, file).to.equal(file === 'z-dubbel.json' ? 'regulier' : file.replace('.json', ''));
    }
    expect(() => loadRuleSet(dir)).to.throw(RuleSetError, /De regelset is ongeldig \(10 fout\(en\)\)/);
  });

  it('rejects priority 0 and a word, and names the file', () => {
    const dir = copyRules();
    fs.writeFileSync(path.join(dir, 'x.json'), ruleJson({ naam: 'x', prioriteit: 0 }));
    fs.writeFileSync(path.join(dir, 'y.json'), ruleJson({ naam: 'y', prioriteit: 'hoog' }));
    const errors = checkRuleDir(dir).problems.filter((p) => p.severity === 'error');
    expect(errors.map((e) => `${e.file} ${e.path}: ${e.message}`)).to.deep.equal([
      'x.json prioriteit: prioriteit moet een positief geheel getal zijn (1 of hoger), niet het getal 0',
      'y.json prioriteit: prioriteit moet een positief geheel getal zijn (1 of hoger), niet "hoog" (tekst)',
    ]);
  });

  it('warns (without blocking) about an overlap and a gap, with an example input', () => {
    const dir = copyRules();
    // Same queue priority as gezin-met-kinderen, other queue: only the rule order decides.
    fs.writeFileSync(path.join(dir, 'jongeren.json'), ruleJson({
      naam: 'jongeren', voorwaarden: { all: [{ fact: 'leeftijd', operator: 'lessThan', value: 27 }] },
      gebeurtenis: { type: 'werkvoorraad', params: { wachtrij: 'jongeren', prioriteit: 2, termijnWerkdagen: 5 } },
    }));
    fs.rmSync(path.join(dir, 'regulier.json'));
    const { ruleSet, problems } = checkRuleDir(dir);
    expect(ruleSet).to.not.equal(null);
    expect(problems.every((p) => p.severity === 'warning')).to.equal(true);
    const overlap = problems.find((p) => p.message.includes('overlapt'));
    expect(overlap?.rule).to.equal('gezin-met-kinderen');
    expect(overlap?.message).to.contain('overlapt met regel "jongeren" (jongeren.json)');
    expect(overlap?.message).to.contain('kinderen = "ja", leeftijd = 26');
    const gap = problems.find((p) => p.message.startsWith('gat:'));
    expect(gap?.message).to.contain('achterstandBedrag = 75');
  });

  describe('shared named conditions (voorwaarden/*.json)', () => {
    const shared = (naam: string, voorwaarden: unknown) => JSON.stringify({ naam, titel: `Gedeeld: ${naam}`, voorwaarden });
    function withShared(files: Record<string, string>): string {
      const dir = copyRules();
      fs.mkdirSync(path.join(dir, 'voorwaarden'));
      for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, 'voorwaarden', f), text);
      return dir;
    }

    it('expands a reference into the rule, and the shared file is part of the version', async () => {
      const dir = withShared({
        'geen-spoed.json': shared('geen-spoed', { all: [
          { fact: 'ontruimingDreigt', operator: 'equal', value: false },
          { fact: 'crisissignaal', operator: 'equal', value: false },
        ] }),
      });
      editRule(dir, 'drempelbedrag.json', (r) => {
        r.voorwaarden = { all: [{ fact: 'achterstandBedrag', operator: 'lessThan', value: 75 }, { condition: 'geen-spoed' }] };
      });
      const { ruleSet, problems } = checkRuleDir(dir);
      expect(problems).to.deep.equal([]);
      const rule = ruleSet!.rules.find((r) => r.name === 'drempelbedrag')!;
      expect(rule.conditions).to.deep.equal({ all: [
        { fact: 'achterstandBedrag', operator: 'lessThan', value: 75 },
        { all: [{ fact: 'ontruimingDreigt', operator: 'equal', value: false }, { fact: 'crisissignaal', operator: 'equal', value: false }] },
      ] });
      expect(ruleSet!.version).to.not.equal(checkRuleDir(SHIPPED_RULES).ruleSet!.version);
      // Same behaviour as the shipped rule: every test case still passes.
      const run = await runTestCases(ruleSet!, readTestCaseFiles(dir), testConfig().defaultQueue);
      expect(run.results.filter((r) => !r.passed)).to.deep.equal([]);
    });

    it('reports a dangling reference precisely, with a suggestion', () => {
      const dir = withShared({ 'geen-spoed.json': shared('geen-spoed', { fact: 'crisissignaal', operator: 'equal', value: false }) });
      editRule(dir, 'drempelbedrag.json', (r) => {
        r.voorwaarden.all.push({ condition: 'geen-spoet' });
      });
      const errors = checkRuleDir(dir).problems.filter((p) => p.severity === 'error');
      expect(errors.map((e) => `${e.file} [${e.rule}] ${e.path}: ${e.message}`)).to.deep.equal([
        'drempelbedrag.json [drempelbedrag] voorwaarden.all[3].condition: verwijzing naar voorwaarde "geen-spoet" bestaat niet: geen bestand in voorwaarden/ heeft die naam — bedoelt u "geen-spoed"?',
      ]);
    });

    it('refuses a cycle, a mistake inside a shared file, and a fact from the wrong phase', () => {
      const dir = withShared({
        'a.json': shared('a', { any: [{ condition: 'b' }, { fact: 'crisissignaal', operator: 'equal', value: true }] }),
        'b.json': shared('b', { condition: 'a' }),
        'c.json': shared('c', { fact: 'contactGelegd', operator: 'equal', value: 'nee' }),
        'd.json': shared('d', { fact: 'werkdagenTotTermijn', operator: 'lessThan', value: 0 }),
      });
      editRule(dir, 'regulier.json', (r) => {
        r.voorwaarden.all.push({ condition: 'd' });
      });
      const errors = checkRuleDir(dir).problems.filter((p) => p.severity === 'error');
      expect(errors.map((e) => `${e.file} ${e.path}: ${e.message}`)).to.deep.equal([
        'voorwaarden/a.json voorwaarden: voorwaarde verwijst naar zichzelf: a → b → a',
        'voorwaarden/b.json voorwaarden: voorwaarde verwijst naar zichzelf: b → a → b',
        'voorwaarden/c.json voorwaarden.value: waarde "nee" (tekst) is geen true of false (Contact gelegd is ja/nee)',
        'regulier.json voorwaarden.all[1].condition: voorwaarde "d" (voorwaarden/d.json) gebruikt "werkdagenTotTermijn", dat niet bestaat in fase "intake"',
      ]);
    });
  });
});
