/**
 * Runs the policy staff's test cases (`<rules>/testgevallen/*.json`) through the real engine, so a
 * passing case means the nightly job would decide the same way.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RuleProblem } from '../errors';
import type { QueueDefaults } from '../domain/rules/decide';
import type { RuleSet } from '../domain/rules/ruleset';
import type { RuleFile } from '../domain/rules/validate';
import { compareOutcome, outcomeOf, parseTestCaseFiles, type CaseOutcome, type Difference, type TestCase } from '../domain/rules/testcases';
import { decisiveLeaves, describeEvent, describeLeaf, formatFactValue, type RuleTrace } from '../domain/rules/trace';
import { RuleEvaluator } from './engine';

export const TEST_CASE_DIR = 'testgevallen';

/** The test case files of a rules directory (none is fine: then there is nothing to run). */
export function readTestCaseFiles(rulesDir: string): RuleFile[] {
  const dir = path.join(rulesDir, TEST_CASE_DIR);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: `${TEST_CASE_DIR}/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

export interface CaseResult {
  testCase: TestCase;
  passed: boolean;
  differences: Difference[];
  outcome: CaseOutcome;
  /** Dutch lines: which rule decided, and the conditions that made the difference. */
  why: string[];
}

export interface TestRun {
  results: CaseResult[];
  problems: RuleProblem[];
}

function leafLine(leaf: { fact: string; operator: string; value: unknown; factValue?: unknown; result?: boolean }): string {
  return `${describeLeaf(leaf)} — gezien: ${formatFactValue(leaf.fact, leaf.factValue)} → ${leaf.result ? 'klopt' : 'klopt niet'}`;
}

/** Explains a failing case: the deciding rule's conditions, and why rules the expectation points at did (not) fire. */
function explainFailure(tc: TestCase, outcome: CaseOutcome, trace: RuleTrace[]): string[] {
  const lines: string[] = [];
  const byName = new Map(trace.map((t) => [t.rule, t]));
  const decided = outcome.decidedBy ? byName.get(outcome.decidedBy) : undefined;
  if (decided) {
    lines.push(`beslist door regel "${decided.rule}" (${describeEvent(decided.event)}), omdat:`);
    for (const l of decisiveLeaves(decided.conditions, true)) lines.push(`  ${leafLine(l)}`);
  } else {
    lines.push(tc.phase === 'intake' ? 'geen regel besliste: de standaardwerkvoorraad (VS_DEFAULT_QUEUE) gold' : 'geen escalatie- of zorgmeldingsregel vuurde');
  }
  const e = tc.expect;
  const pointedAt = trace.filter(
    (t) =>
      t.rule !== outcome.decidedBy &&
      ((e.regels !== undefined && e.regels.includes(t.rule) !== t.fired) ||
        (e.nietVuren?.includes(t.rule) && t.fired) ||
        (!t.fired && e.wachtrij !== undefined && t.event.params.wachtrij === e.wachtrij) ||
        (!t.fired && e.reden !== undefined && t.event.params.reden === e.reden) ||
        (!t.fired && e.zorgmelding === true && t.event.type === 'zorgmelding') ||
        (!t.fired && e.besluit === 'niet-oppakken' && t.event.type === 'niet-oppakken')),
  );
  for (const t of pointedAt) {
    lines.push(`regel "${t.rule}" ${t.fired ? 'vuurde' : 'vuurde niet'}, omdat:`);
    const leaves = decisiveLeaves(t.conditions, t.fired);
    for (const l of leaves) lines.push(`  ${leafLine(l)}`);
  }
  return lines;
}

/** Parses the case files and runs every valid case; file problems are returned, never thrown. */
export async function runTestCases(ruleSet: RuleSet, files: RuleFile[], defaults: QueueDefaults): Promise<TestRun> {
  const { cases, problems } = parseTestCaseFiles(files, ruleSet);
  const evaluator = new RuleEvaluator(ruleSet);
  const results: CaseResult[] = [];
  for (const tc of cases) {
    const ev = await evaluator.evaluate(tc.phase, tc.facts, tc.businessDate);
    const outcome = outcomeOf(tc, ev.events, defaults);
    const differences = compareOutcome(tc.expect, outcome);
    results.push({ testCase: tc, passed: differences.length === 0, differences, outcome, why: differences.length ? explainFailure(tc, outcome, ev.trace) : [] });
  }
  return { results, problems };
}

/** The terminal report: one line per file, and per failing case what was expected and what happened. */
export function renderTestRun(run: TestRun): string {
  const out: string[] = [];
  for (const p of run.problems) out.push(`FOUT  ${p.file}${p.rule ? ` [${p.rule}]` : ''} ${p.path}: ${p.message}`);
  const byFile = new Map<string, CaseResult[]>();
  for (const r of run.results) byFile.set(r.testCase.file, [...(byFile.get(r.testCase.file) ?? []), r]);
  for (const [file, rs] of byFile) {
    const failed = rs.filter((r) => !r.passed);
    out.push(`${failed.length ? '✗' : '✓'} ${file}: ${rs.length - failed.length} van ${rs.length} gevallen geslaagd`);
    for (const r of failed) {
      out.push(`  ✗ "${r.testCase.name}" (${r.testCase.file} gevallen[${r.testCase.index}])`);
      for (const d of r.differences) out.push(`      ${d.field}: verwacht ${d.expected}, maar was ${d.actual}`);
      for (const w of r.why) out.push(`      ${w}`);
    }
  }
  const passed = run.results.filter((r) => r.passed).length;
  out.push('');
  out.push(
    run.problems.length === 0 && passed === run.results.length
      ? `Alle ${run.results.length} testgevallen geslaagd.`
      : `${run.results.length - passed} van ${run.results.length} testgevallen mislukt${run.problems.length ? `, ${run.problems.length} fout(en) in testbestanden` : ''}.`,
  );
  return out.join('\n');
}
