import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { checkRuleDir, loadRuleSet } from '../../src/rules/load';
import { RuleSetError } from '../../src/errors';
import { copyRules, plantMistakes, PLANTED, ruleJson, SHIPPED_RULES } from '../support/rules';

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
      'y.json prioriteit: prioriteit moet een positief geheel getal zijn (1 of hoger), niet de tekst "hoog"',
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
});
