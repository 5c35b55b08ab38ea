/** Copies of the shipped rule directory that tests may change (plant mistakes, move thresholds). */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, tempDir } from './config';

export const SHIPPED_RULES = path.join(REPO_ROOT, 'rules');

/** A fresh copy of `rules/` (with its test cases) in a temp dir. */
export function copyRules(): string {
  const dir = path.join(tempDir('vs-rules-'), 'rules');
  fs.cpSync(SHIPPED_RULES, dir, { recursive: true });
  return dir;
}

/** Edits one rule file of a copy as JSON. */
export function editRule(dir: string, file: string, edit: (rule: Record<string, any>) => void): void {
  const p = path.join(dir, file);
  const rule = JSON.parse(fs.readFileSync(p, 'utf8'));
  edit(rule);
  fs.writeFileSync(p, JSON.stringify(rule, null, 2));
}

/** A valid intake rule file's content with overrides. */
export function ruleJson(overrides: Record<string, unknown>): string {
  return JSON.stringify(
    {
      naam: 'extra',
      titel: 'Extra regel',
      fase: 'intake',
      prioriteit: 20,
      voorwaarden: { all: [{ fact: 'achterstandBedrag', operator: 'greaterThan', value: 1000 }] },
      gebeurtenis: { type: 'werkvoorraad', params: { wachtrij: 'extra', prioriteit: 2, termijnWerkdagen: 5 } },
      ...overrides,
    },
    null,
    2,
  );
}
