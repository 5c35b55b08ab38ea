/**
 * The stored "why" of a decision (json-rules-engine's rule results reduced to plain data) and its
 * Dutch rendering, condition by condition with the fact values seen. Shared by `rules test`,
 * `rules explain` and the caseworker's case view.
 */
import { FACTS_BY_NAME, OPERATOR_LABELS } from '../facts';
import { formatCents } from '../money';
import { EVENTS_BY_TYPE, NOT_PICKED_UP_LABELS, type NotPickedUpReason } from './events';

/** A condition as evaluated: leaves carry the fact value seen and whether it held. */
export type ConditionTrace =
  | { fact: string; operator: string; value: unknown; factValue?: unknown; result?: boolean }
  | { all: ConditionTrace[]; result?: boolean }
  | { any: ConditionTrace[]; result?: boolean }
  | { not: ConditionTrace; result?: boolean };

export interface RuleTrace {
  rule: string;
  title: string;
  priority: number;
  fired: boolean;
  event: { type: string; params: Record<string, unknown> };
  conditions: ConditionTrace;
}

export type LeafTrace = Extract<ConditionTrace, { fact: string }>;

/** A fact value the way a policy officer reads it: `€ 75,00`, `2,5 maanden`, `ja`, `onbekend`. */
export function formatFactValue(factName: string, value: unknown): string {
  if (value === null) return 'onbekend';
  if (value === undefined) return '(niet beschikbaar)';
  const fact = FACTS_BY_NAME.get(factName);
  if (Array.isArray(value)) return value.map((v) => formatFactValue(factName, v)).join(' / ');
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (typeof value === 'number') {
    if (fact?.type === 'bedrag') return formatCents(Math.round(value * 100));
    const n = String(value).replace('.', ',');
    return fact?.unit ? `${n} ${fact.unit}` : n;
  }
  return `"${String(value)}"`;
}

/** `Huurachterstand (achterstandBedrag) is kleiner dan € 75,00` */
export function describeLeaf(leaf: { fact: string; operator: string; value: unknown }): string {
  const fact = FACTS_BY_NAME.get(leaf.fact);
  const op = OPERATOR_LABELS[leaf.operator] ?? leaf.operator;
  return `${fact?.label ?? leaf.fact} (${leaf.fact}) ${op} ${formatFactValue(leaf.fact, leaf.value)}`;
}

function verdict(result: boolean | undefined): string {
  return result === undefined ? 'niet beoordeeld (uitkomst stond al vast)' : result ? 'klopt' : 'klopt niet';
}

/** The condition tree as indented Dutch lines: every leaf with the value seen and whether it held. */
export function renderConditions(c: ConditionTrace, indent = '  '): string[] {
  if ('all' in c) return [`${indent}alle volgende (${verdict(c.result)}):`, ...c.all.flatMap((x) => renderConditions(x, `${indent}  `))];
  if ('any' in c) return [`${indent}minstens één van (${verdict(c.result)}):`, ...c.any.flatMap((x) => renderConditions(x, `${indent}  `))];
  if ('not' in c) return [`${indent}NIET (${verdict(c.result)}):`, ...renderConditions(c.not, `${indent}  `)];
  const seen = 'factValue' in c ? ` — gezien: ${formatFactValue(c.fact, c.factValue)}` : '';
  const mark = c.result === undefined ? '·' : c.result ? '✓' : '✗';
  return [`${indent}${mark} ${describeLeaf(c)}${seen} → ${verdict(c.result)}`];
}

/** The leaves that held (for a rule that fired) or that failed (for one that did not). */
export function decisiveLeaves(c: ConditionTrace, fired: boolean): LeafTrace[] {
  if ('all' in c || 'any' in c) return ('all' in c ? c.all : c.any).flatMap((x) => decisiveLeaves(x, fired));
  if ('not' in c) return decisiveLeaves(c.not, !fired);
  return c.result === fired ? [c] : [];
}

/** `werkvoorraad "spoed", prioriteit 1, termijn 3 werkdagen` */
export function describeEvent(ev: { type: string; params: Record<string, unknown> }): string {
  const p = ev.params;
  switch (ev.type) {
    case 'niet-oppakken':
      return `niet oppakken (${NOT_PICKED_UP_LABELS[p.reden as NotPickedUpReason] ?? String(p.reden)})`;
    case 'werkvoorraad':
      return `werkvoorraad "${String(p.wachtrij)}", prioriteit ${String(p.prioriteit)}, termijn ${String(p.termijnWerkdagen)} werkdagen`;
    case 'escalatie':
      return `escalatie naar werkvoorraad "${String(p.wachtrij)}", prioriteit ${String(p.prioriteit)}`;
    case 'zorgmelding':
      return 'zorgmelding vereist';
    default:
      return EVENTS_BY_TYPE.get(ev.type)?.label ?? ev.type;
  }
}
