/**
 * Regenerates the fact vocabulary in README.md from the fact registry:
 * `node bin/run-ts.js scripts/gen-docs.ts` (npm run docs). test/rules/docs.test.ts fails when it is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { updateReadme } from '../src/rules/docs';

const file = path.resolve(__dirname, '..', 'README.md');
const before = fs.readFileSync(file, 'utf8');
const after = updateReadme(before);
if (after !== before) {
  fs.writeFileSync(file, after);
  process.stdout.write('README.md bijgewerkt (woordenlijst feiten).\n');
} else {
  process.stdout.write('README.md was al actueel.\n');
}
