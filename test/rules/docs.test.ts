import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { updateReadme, vocabularyMarkdown } from '../../src/rules/docs';
import { FACTS } from '../../src/domain/facts';
import { REPO_ROOT } from '../support/config';

describe('README fact vocabulary', () => {
  it('is up to date with the fact registry (run `npm run docs` when this fails)', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    expect(updateReadme(readme) === readme, 'README.md is verouderd: draai `npm run docs`').to.equal(true);
  });

  it('lists every fact with its Dutch label, unit and an example', () => {
    const md = vocabularyMarkdown();
    for (const f of FACTS) expect(md).to.contain(`| \`${f.name}\` | **${f.label}**`);
    expect(md).to.contain('`lessThanInclusive` (is kleiner dan of gelijk aan)');
    expect(md).to.contain('| euro | nee | intake, escalatie | `{ "fact": "achterstandBedrag", "operator": "greaterThanInclusive", "value": 75 }` |');
  });

  it('regenerating is idempotent and keeps the text around the markers', () => {
    const sample = 'voor\n<!-- rules:vocabulary -->\noud\n<!-- /rules:vocabulary -->\nna\n';
    const once = updateReadme(sample);
    expect(once.startsWith('voor\n<!-- rules:vocabulary -->\n\n### Feiten')).to.equal(true);
    expect(once.endsWith('<!-- /rules:vocabulary -->\nna\n')).to.equal(true);
    expect(updateReadme(once)).to.equal(once);
  });
});
