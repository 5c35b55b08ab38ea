/** The parsed, validated form of a rule file (our metadata wrapped around json-rules-engine parts). */
import type { Phase } from '../facts';

export interface ConditionLeaf {
  fact: string;
  operator: string;
  value: unknown;
}
export type Condition =
  | ConditionLeaf
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export interface RuleDefinition {
  /** File name relative to the rules directory. */
  file: string;
  name: string;
  title: string;
  description: string;
  owner: string;
  effectiveFrom: string | null;
  phase: Phase;
  priority: number;
  conditions: Condition;
  event: { type: string; params: Record<string, unknown> };
}

export interface RuleSet {
  /** Short hash of every file's name and content: the version a decision ran under. */
  version: string;
  rules: RuleDefinition[];
}

/** Rules in force on a date for a phase, in evaluation order: priority (high first), then name. */
export function activeRules(set: RuleSet, phase: Phase, businessDate: string): RuleDefinition[] {
  return set.rules
    .filter((r) => r.phase === phase && (r.effectiveFrom === null || r.effectiveFrom <= businessDate))
    .sort((a, b) => b.priority - a.priority || a.name.localeCompare(b.name));
}
