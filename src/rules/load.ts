/** Reads the rule files of a directory (one rule per `.json` file) and validates them. */
import fs from 'node:fs';
import path from 'node:path';
import { RuleSetError, UsageError, type RuleProblem } from '../errors';
import { validateRuleFiles, type RuleFile } from '../domain/rules/validate';
import type { RuleSet } from '../domain/rules/ruleset';

/** Rule files are the `.json` files directly in the directory (sub-folders hold test cases etc.). */
export function readRuleFiles(dir: string): RuleFile[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new UsageError(`Regelmap ${dir} bestaat niet (VS_RULES_DIR)`);
  }
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json') && fs.statSync(path.join(dir, f)).isFile())
    .sort()
    .map((f) => ({ file: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

export const CONDITION_DIR = 'voorwaarden';

/** Shared named conditions: `<rules>/voorwaarden/*.json` (none is fine). */
export function readConditionFiles(dir: string): RuleFile[] {
  const sub = path.join(dir, CONDITION_DIR);
  if (!fs.existsSync(sub)) return [];
  return fs
    .readdirSync(sub)
    .filter((f) => f.endsWith('.json') && fs.statSync(path.join(sub, f)).isFile())
    .sort()
    .map((f) => ({ file: `${CONDITION_DIR}/${f}`, text: fs.readFileSync(path.join(sub, f), 'utf8') }));
}

export function checkRuleDir(dir: string): { ruleSet: RuleSet | null; problems: RuleProblem[] } {
  return validateRuleFiles(readRuleFiles(dir), readConditionFiles(dir));
}

/** Loads a rule set or throws RuleSetError listing every problem; nothing runs on an invalid set. */
export function loadRuleSet(dir: string): RuleSet {
  const { ruleSet, problems } = checkRuleDir(dir);
  if (!ruleSet) throw new RuleSetError(problems);
  return ruleSet;
}
