import { expect } from 'chai';
import { run } from '../../jobs/nightly';
import { RuleSetError } from '../../src/errors';
import { describeEachDb } from '../support/db';
import { testConfig, testContext } from '../support/config';
import { memorySource, report, traits } from '../support/factories';
import { copyRules, plantMistakes, PLANTED } from '../support/rules';
import { snapshot } from '../support/snapshot';

describeEachDb('nightly job on an invalid rule set', (t) => {
  it('does not start and leaves the previous decisions untouched', async () => {
    const { db } = t();
    const source = await memorySource([report(), report({ ...traits.gezinMetKinderen, ...traits.anderAdres(1) })]);
    try {
      const good = testConfig();
      const first = await run(testContext(db, good), { businessDate: '2026-03-02', source: source.reader });
      expect(first.counts.accepted).to.equal(2);
      await source.add([report({ ...traits.anderAdres(2), ontvangen_op: '2026-03-03 10:00:00', signaaldatum: '03-03-2026' })]);

      const dir = plantMistakes(copyRules());
      const before = await snapshot(db);
      let error: unknown = null;
      try {
        await run(testContext(db, testConfig({ VS_RULES_DIR: dir })), { businessDate: '2026-03-03', source: source.reader });
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(RuleSetError);
      const problems = (error as RuleSetError).problems.filter((p) => p.severity === 'error');
      expect(problems.map((p) => p.file).sort()).to.deep.equal(Object.keys(PLANTED).sort());
      expect((error as RuleSetError).message).to.contain('b-feit.json [b-feit] voorwaarden.all[0].fact: onbekend feit "achterstandbedrag" — bedoelt u "achterstandBedrag"?');
      expect(await snapshot(db)).to.deep.equal(before);
      expect(before.rule_decisions.rows).to.equal(2);
    } finally {
      await source.db.destroy();
    }
  });
});
