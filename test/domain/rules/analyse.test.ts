import { expect } from 'chai';
import { Engine } from 'json-rules-engine';
import { applyOperator, completeFacts, findDeadRules, findIntakeGap, findOverlaps, toDnf } from '../../../src/domain/rules/analyse';
import type { RuleDefinition, RuleSet } from '../../../src/domain/rules/ruleset';

function rule(name: string, conditions: RuleDefinition['conditions'], event: RuleDefinition['event'], priority = 10): RuleDefinition {
  return { file: `${name}.json`, name, title: name, description: '', owner: '', effectiveFrom: null, phase: 'intake', priority, conditions, event };
}
const queue = (wachtrij: string, prioriteit: number) => ({ type: 'werkvoorraad', params: { wachtrij, prioriteit, termijnWerkdagen: 10 } });
const set = (...rules: RuleDefinition[]): RuleSet => ({ version: 'test', rules });

describe('rule-set analysis (overlap, gaps, dead rules)', () => {
  it('evaluates operators exactly like json-rules-engine, also for unknown (null) values', async () => {
    const cases: Array<[string, unknown, unknown]> = [
      ['lessThan', null, 75], ['greaterThanInclusive', null, 0], ['lessThan', 74.99, 75], ['lessThanInclusive', 75, 75],
      ['equal', 'ja', 'ja'], ['notEqual', null, 'ja'], ['in', 'Huur', ['Huur', 'Energie']], ['notIn', 'Zorg', ['Huur']],
    ];
    for (const [operator, factValue, value] of cases) {
      const engine = new Engine([], { allowUndefinedFacts: false });
      engine.addRule({ conditions: { all: [{ fact: 'x', operator, value: value as never }] }, event: { type: 't' } });
      const { events } = await engine.run({ x: factValue });
      expect(applyOperator(operator, factValue, value), `${operator} ${String(factValue)} ${String(value)}`).to.equal(events.length === 1);
    }
  });

  it('pushes "not" down to the leaves (De Morgan)', () => {
    const dnf = toDnf({ not: { all: [{ fact: 'crisissignaal', operator: 'equal', value: true }, { fact: 'ontruimingDreigt', operator: 'equal', value: true }] } });
    expect(dnf).to.deep.equal([
      [{ fact: 'crisissignaal', operator: 'equal', value: true, negated: true }],
      [{ fact: 'ontruimingDreigt', operator: 'equal', value: true, negated: true }],
    ]);
  });

  it('finds an ambiguous overlap with a concrete example, and leaves priority-settled overlaps as information', () => {
    const a = rule('a', { all: [{ fact: 'achterstandBedrag', operator: 'greaterThan', value: 500 }] }, queue('a', 2));
    const b = rule('b', { all: [{ fact: 'achterstandInMaanden', operator: 'greaterThanInclusive', value: 2 }] }, queue('b', 2));
    const c = rule('c', { all: [{ fact: 'kinderen', operator: 'equal', value: 'ja' }] }, queue('c', 3));
    const overlaps = findOverlaps(set(a, b, c));
    expect(overlaps.map((o) => [o.a, o.b, o.ambiguous])).to.deep.equal([['a', 'b', true], ['a', 'c', false], ['b', 'c', false]]);
    expect(overlaps[0].example).to.deep.equal({ achterstandBedrag: 500.01, achterstandInMaanden: 2 });
  });

  it('does not report rules that exclude each other', () => {
    const low = rule('laag', { all: [{ fact: 'achterstandBedrag', operator: 'lessThan', value: 500 }] }, queue('a', 2));
    const high = rule('hoog', { all: [{ fact: 'achterstandBedrag', operator: 'greaterThanInclusive', value: 500 }] }, queue('b', 2));
    expect(findOverlaps(set(low, high))).to.deep.equal([]);
    expect(findIntakeGap(set(low, high))).to.equal(null);
  });

  it('finds the uncovered boundary between "< 75" and "> 75"', () => {
    const skip = rule('drempel', { all: [{ fact: 'achterstandBedrag', operator: 'lessThan', value: 75 }] }, { type: 'niet-oppakken', params: { reden: 'drempelbedrag' } });
    const take = rule('boven', { all: [{ fact: 'achterstandBedrag', operator: 'greaterThan', value: 75 }] }, queue('regulier', 4));
    expect(findIntakeGap(set(skip, take))).to.deep.equal({ achterstandBedrag: 75 });
  });

  it('finds a gap for unknown values: months of arrears unknown when the rent is missing', () => {
    const r = rule('maanden', { any: [{ fact: 'achterstandInMaanden', operator: 'lessThan', value: 2 }, { fact: 'achterstandInMaanden', operator: 'greaterThanInclusive', value: 2 }] }, queue('x', 3));
    expect(findIntakeGap(set(r))).to.deep.equal({ achterstandInMaanden: null });
  });

  it('finds a rule that can never fire', () => {
    const r = rule('nooit', { all: [{ fact: 'achterstandBedrag', operator: 'lessThan', value: 50 }, { fact: 'achterstandBedrag', operator: 'greaterThan', value: 100 }] }, queue('x', 3));
    expect(findDeadRules(set(r))).to.deep.equal(['nooit']);
  });

  it('fills omitted facts with quiet values for the phase', () => {
    const f = completeFacts('escalatie', { achterstandBedrag: 10 });
    expect(f).to.deep.include({ achterstandBedrag: 10, kinderen: 'onbekend', soortPartner: 'Huur', maandhuur: null, contactGelegd: false, werkdagenTotTermijn: 0 });
    expect(f).to.not.have.property('openZaak');
  });
});
