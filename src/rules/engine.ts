/**
 * Adapter around json-rules-engine: one engine per rule-set version, phase and date's active rules,
 * reused; results are reduced to a plain, storable "why" (each condition with the fact value seen).
 */
import { Engine } from 'json-rules-engine';
import type { FactValues, Phase } from '../domain/facts';
import type { FiredEvent } from '../domain/rules/decide';
import { activeRules, type Condition, type RuleDefinition, type RuleSet } from '../domain/rules/ruleset';
import type { ConditionTrace, RuleTrace } from '../domain/rules/trace';

export type { ConditionTrace, RuleTrace } from '../domain/rules/trace';

export interface Evaluation {
  events: FiredEvent[];
  trace: RuleTrace[];
}

/** json-rules-engine gets the conditions without our label keys. */
function toEngineCondition(c: Condition): Record<string, unknown> {
  if ('all' in c) return { all: c.all.map(toEngineCondition) };
  if ('any' in c) return { any: c.any.map(toEngineCondition) };
  if ('not' in c) return { not: toEngineCondition(c.not) };
  return { fact: c.fact, operator: c.operator, value: c.value };
}

function toTrace(c: Record<string, unknown>): ConditionTrace {
  const result = typeof c.result === 'boolean' ? c.result : undefined;
  if (Array.isArray(c.all)) return { all: c.all.map((x) => toTrace(x as Record<string, unknown>)), result };
  if (Array.isArray(c.any)) return { any: c.any.map((x) => toTrace(x as Record<string, unknown>)), result };
  if (c.not) return { not: toTrace(c.not as Record<string, unknown>), result };
  const leaf: ConditionTrace = { fact: String(c.fact), operator: String(c.operator), value: c.value };
  if ('factResult' in c) leaf.factValue = c.factResult;
  if (result !== undefined) leaf.result = result;
  return leaf;
}

export class RuleEvaluator {
  private readonly engines = new Map<string, { engine: Engine; rules: RuleDefinition[] }>();

  constructor(readonly ruleSet: RuleSet) {}

  private engineFor(phase: Phase, businessDate: string) {
    const rules = activeRules(this.ruleSet, phase, businessDate);
    const key = `${phase}:${rules.map((r) => r.name).join(',')}`;
    let entry = this.engines.get(key);
    if (!entry) {
      const engine = new Engine([], { allowUndefinedFacts: false, replaceFactsInEventParams: false });
      for (const r of rules) {
        engine.addRule({
          name: r.name,
          priority: r.priority,
          conditions: toEngineCondition(r.conditions) as never,
          event: { type: r.event.type, params: r.event.params },
        });
      }
      entry = { engine, rules };
      this.engines.set(key, entry);
    }
    return entry;
  }

  /** Evaluates the rules of a phase in force on `businessDate` against the given facts. */
  async evaluate(phase: Phase, facts: FactValues, businessDate: string): Promise<Evaluation> {
    const { engine, rules } = this.engineFor(phase, businessDate);
    const byName = new Map(rules.map((r) => [r.name, r]));
    const out = await engine.run({ ...facts });
    const all = [...out.results, ...out.failureResults].map((r) => {
      const json = r.toJSON(false) as unknown as Record<string, unknown>;
      const def = byName.get(String(json.name))!;
      return {
        rule: def.name,
        title: def.title,
        priority: def.priority,
        fired: json.result === true,
        event: def.event,
        conditions: toTrace(json.conditions as Record<string, unknown>),
      } satisfies RuleTrace;
    });
    all.sort((a, b) => b.priority - a.priority || a.rule.localeCompare(b.rule));
    const events: FiredEvent[] = all
      .filter((t) => t.fired)
      .map((t) => ({ rule: t.rule, rulePriority: t.priority, type: t.event.type, params: t.event.params }));
    return { events, trace: all };
  }
}
