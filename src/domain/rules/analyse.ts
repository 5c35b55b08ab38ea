/**
 * Static analysis of a valid rule set, without running the engine: which rules can fire for the same
 * input (overlap) and which inputs no deciding rule covers (gap), each shown with a concrete example
 * input a policy officer can read. Findings are warnings: they never block a rule set.
 *
 * Facts are treated as independent of each other (the engine sees them that way too); an example may
 * therefore combine values a real report would derive differently (e.g. `kinderen` "ja" with
 * `minderjarigeKinderen` null). Candidate values come from the rule files' own boundaries, so
 * "exactly the threshold" is always among the values tried.
 */
import type { RuleProblem } from '../../errors';
import { FACTS_BY_NAME, type FactDefinition, type FactValues, type Phase } from '../facts';
import type { Condition, ConditionLeaf, RuleDefinition, RuleSet } from './ruleset';

/** A leaf with its polarity, after pushing `not` down to the leaves. */
export interface Literal extends ConditionLeaf {
  negated: boolean;
}

/** Evaluates one operator exactly as json-rules-engine's default operators do. */
export function applyOperator(operator: string, factValue: unknown, value: unknown): boolean {
  const numeric = (v: unknown) => v !== null && v !== undefined && !Number.isNaN(Number.parseFloat(String(v)));
  switch (operator) {
    case 'equal':
      return factValue === value;
    case 'notEqual':
      return factValue !== value;
    case 'in':
      return Array.isArray(value) && value.includes(factValue);
    case 'notIn':
      return Array.isArray(value) && !value.includes(factValue);
    case 'lessThan':
      return numeric(factValue) && (factValue as number) < (value as number);
    case 'lessThanInclusive':
      return numeric(factValue) && (factValue as number) <= (value as number);
    case 'greaterThan':
      return numeric(factValue) && (factValue as number) > (value as number);
    case 'greaterThanInclusive':
      return numeric(factValue) && (factValue as number) >= (value as number);
    default:
      throw new Error(`unknown operator ${operator}`);
  }
}

/** Pure evaluation of a condition tree against facts (same semantics as the engine). */
export function evaluateCondition(c: Condition, facts: FactValues): boolean {
  if ('all' in c) return c.all.every((x) => evaluateCondition(x, facts));
  if ('any' in c) return c.any.some((x) => evaluateCondition(x, facts));
  if ('not' in c) return !evaluateCondition(c.not, facts);
  return applyOperator(c.operator, facts[c.fact], c.value);
}

const MAX_TERMS = 4096;

/** Disjunctive normal form: a list of conjunctions of literals (capped to stay cheap). */
export function toDnf(c: Condition, negated = false): Literal[][] {
  if ('not' in c) return toDnf(c.not, !negated);
  if ('all' in c || 'any' in c) {
    const parts = ('all' in c ? c.all : c.any).map((x) => toDnf(x, negated));
    // all = AND, any = OR; negation swaps them (De Morgan).
    const isAnd = 'all' in c ? !negated : negated;
    if (!isAnd) return parts.flat().slice(0, MAX_TERMS);
    let acc: Literal[][] = [[]];
    for (const p of parts) {
      const next: Literal[][] = [];
      for (const a of acc) for (const b of p) if (next.length < MAX_TERMS) next.push([...a, ...b]);
      acc = next;
    }
    return acc;
  }
  return [[{ fact: c.fact, operator: c.operator, value: c.value, negated }]];
}

/** Values worth trying for a fact: every boundary in the literals, just below and above, and "unknown". */
export function candidateValues(fact: FactDefinition, literals: Literal[]): unknown[] {
  if (fact.type === 'jaNee') return [false, true];
  if (fact.type === 'keuze') return [...(fact.values ?? [])];
  const step = fact.type === 'bedrag' ? 0.01 : 1;
  const out = new Set<number>();
  for (const l of literals) {
    if (typeof l.value === 'number') {
      for (const v of [l.value - step, l.value, l.value + step]) out.add(Math.round(v * 100) / 100);
    }
  }
  if (out.size === 0) out.add(fact.type === 'bedrag' ? 100 : 1);
  const list: unknown[] = [...out].sort((a, b) => a - b);
  if (fact.nullable) list.push(null);
  return list;
}

/** A "quiet" value for facts no literal constrains: no, unknown, zero. */
export function quietValue(fact: FactDefinition): unknown {
  if (fact.type === 'jaNee') return false;
  if (fact.nullable) return null;
  if (fact.type === 'keuze') return fact.values?.includes('onbekend') ? 'onbekend' : fact.example;
  return 0;
}

/** Finds values for the facts of one conjunction that make every literal hold, or null. */
export function satisfy(conj: Literal[]): FactValues | null {
  const byFact = new Map<string, Literal[]>();
  for (const l of conj) byFact.set(l.fact, [...(byFact.get(l.fact) ?? []), l]);
  const out: FactValues = {};
  for (const [name, lits] of [...byFact.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const fact = FACTS_BY_NAME.get(name);
    if (!fact) return null;
    const hit = candidateValues(fact, lits).find((v) => lits.every((l) => applyOperator(l.operator, v, l.value) !== l.negated));
    if (hit === undefined) return null;
    out[name] = hit as FactValues[string];
  }
  return out;
}

/** Every fact of a phase at its quiet value, overridden by `given`. */
export function completeFacts(phase: Phase, given: FactValues): FactValues {
  const out: FactValues = {};
  for (const f of FACTS_BY_NAME.values()) if (f.phases.includes(phase)) out[f.name] = quietValue(f) as FactValues[string];
  return { ...out, ...given };
}

/** `achterstandBedrag = 75, kinderen = "ja"` — the facts that matter, in the rule file's own words. */
export function describeExample(example: FactValues): string {
  const parts = Object.keys(example)
    .sort()
    .map((k) => `${k} = ${example[k] === null ? 'null (onbekend)' : JSON.stringify(example[k])}`);
  return parts.length ? parts.join(', ') : '(elke invoer)';
}

/** Event types that decide a signal's fate at intake: without one of them the default queue applies. */
const DECIDING_INTAKE_EVENTS = ['niet-oppakken', 'werkvoorraad'];

function sameParams(a: RuleDefinition, b: RuleDefinition): boolean {
  return JSON.stringify(a.event.params) === JSON.stringify(b.event.params);
}

/**
 * Two rules overlap when one input makes both fire. That is expected when the event's own
 * `prioriteit` settles the outcome (a family with two months' arrears goes to the more urgent queue).
 * It is a warning when nothing but the rules' order settles it: two queue or escalation rules with the
 * same `params.prioriteit` and different parameters, or two "niet-oppakken" rules with different
 * reasons and the same rule priority (the partner is told one of them).
 */
export interface Overlap {
  phase: Phase;
  a: string;
  b: string;
  example: FactValues;
  /** True when the outcome depends only on the rules' order. */
  ambiguous: boolean;
}

export function findOverlaps(set: RuleSet): Overlap[] {
  const out: Overlap[] = [];
  const rules = [...set.rules].sort((x, y) => x.name.localeCompare(y.name));
  for (let i = 0; i < rules.length; i++) {
    for (let j = i + 1; j < rules.length; j++) {
      const a = rules[i];
      const b = rules[j];
      if (a.phase !== b.phase || a.event.type !== b.event.type || a.event.type === 'zorgmelding') continue;
      const example = firstSatisfiable(toDnf(a.conditions), toDnf(b.conditions));
      if (!example) continue;
      const ambiguous =
        a.event.type === 'niet-oppakken'
          ? a.event.params.reden !== b.event.params.reden && a.priority === b.priority
          : a.event.params.prioriteit === b.event.params.prioriteit && !sameParams(a, b);
      out.push({ phase: a.phase, a: a.name, b: b.name, example, ambiguous });
    }
  }
  return out;
}

function firstSatisfiable(da: Literal[][], db: Literal[][]): FactValues | null {
  for (const x of da) for (const y of db) {
    const ex = satisfy([...x, ...y]);
    if (ex) return ex;
  }
  return null;
}

/**
 * An intake input for which no deciding rule fires (the configured default queue then applies
 * silently), or null when every input is covered.
 */
export function findIntakeGap(set: RuleSet): FactValues | null {
  const deciding = set.rules.filter((r) => r.phase === 'intake' && DECIDING_INTAKE_EVENTS.includes(r.event.type));
  if (deciding.length === 0) return null;
  // No rule fires = all of not(rule): the DNF of that conjunction, found term by term.
  let acc: Literal[][] = [[]];
  for (const r of deciding) {
    const neg = toDnf(r.conditions, true);
    const next: Literal[][] = [];
    for (const a of acc) for (const b of neg) if (next.length < MAX_TERMS) next.push([...a, ...b]);
    acc = next;
  }
  for (const conj of acc) {
    const ex = satisfy(conj);
    if (ex && !deciding.some((r) => evaluateCondition(r.conditions, completeFacts('intake', ex)))) return ex;
  }
  return null;
}

/** Rules whose conditions no input can satisfy. */
export function findDeadRules(set: RuleSet): string[] {
  return set.rules.filter((r) => !toDnf(r.conditions).some((c) => satisfy(c) !== null)).map((r) => r.name).sort();
}

/** Overlap, gap and dead-rule findings as warnings in the same shape as validation problems. */
export function analyseRuleSet(set: RuleSet): RuleProblem[] {
  const fileOf = new Map(set.rules.map((r) => [r.name, r.file]));
  const out: RuleProblem[] = [];
  for (const o of findOverlaps(set)) {
    if (!o.ambiguous) continue;
    out.push({
      file: fileOf.get(o.a) ?? '',
      rule: o.a,
      path: 'voorwaarden',
      severity: 'warning',
      message: `overlapt met regel "${o.b}" (${fileOf.get(o.b)}): beide kunnen vuren, bijvoorbeeld bij ${describeExample(o.example)}; ` +
        `alleen de volgorde van de regels bepaalt dan de uitkomst — maak de voorwaarden uitsluitend of geef een verschillende prioriteit`,
    });
  }
  const gap = findIntakeGap(set);
  if (gap) {
    out.push({
      file: '(regelset)',
      path: '',
      severity: 'warning',
      message: `gat: geen regel "niet-oppakken" of "werkvoorraad" vuurt bijvoorbeeld bij ${describeExample(gap)} ` +
        `(overige feiten nee/onbekend/0); zo'n melding komt stil in de standaardwerkvoorraad (VS_DEFAULT_QUEUE)`,
    });
  }
  for (const name of findDeadRules(set)) {
    out.push({ file: fileOf.get(name) ?? '', rule: name, path: 'voorwaarden', severity: 'warning', message: 'deze regel kan nooit vuren: geen enkele invoer voldoet aan de voorwaarden' });
  }
  return out;
}
