/**
 * Turns the events that fired into one decision, deterministically: rules of equal priority run
 * concurrently in json-rules-engine, so the outcome never depends on the order events arrive in.
 */
import type { NotPickedUpReason } from './events';

export interface FiredEvent {
  rule: string;
  rulePriority: number;
  type: string;
  params: Record<string, unknown>;
}

export type IntakeOutcome =
  | { pickedUp: false; reason: NotPickedUpReason; rule: string }
  | { pickedUp: true; queue: string; priority: number; termWorkdays: number; rule: string | null };

export interface QueueDefaults {
  queue: string;
  priority: number;
  termWorkdays: number;
}

/** Strongest rule first: higher rule priority, then name. */
function byRule(a: FiredEvent, b: FiredEvent): number {
  return b.rulePriority - a.rulePriority || a.rule.localeCompare(b.rule);
}

/**
 * A "niet-oppakken" event wins over queueing. Among queue events the most urgent (lowest
 * `prioriteit`) wins; ties go to the stronger rule. Without any queue event the configured default
 * queue applies, and the decision records that no rule decided it.
 */
export function decideIntake(events: FiredEvent[], defaults: QueueDefaults): IntakeOutcome {
  const skip = events.filter((e) => e.type === 'niet-oppakken').sort(byRule)[0];
  if (skip) return { pickedUp: false, reason: skip.params.reden as NotPickedUpReason, rule: skip.rule };
  const queue = events
    .filter((e) => e.type === 'werkvoorraad')
    .sort((a, b) => Number(a.params.prioriteit) - Number(b.params.prioriteit) || byRule(a, b))[0];
  if (!queue) return { pickedUp: true, ...defaults, rule: null };
  return {
    pickedUp: true,
    queue: String(queue.params.wachtrij),
    priority: Number(queue.params.prioriteit),
    termWorkdays: Number(queue.params.termijnWerkdagen),
    rule: queue.rule,
  };
}

export interface EscalationOutcome {
  /** A move to a more urgent queue/priority, or null when nothing changes. */
  escalation: { queue: string; priority: number; rule: string } | null;
  zorgmelding: { rule: string; note: string | null } | null;
}

/** Escalation only ever raises urgency: a rule cannot lower a case's priority. */
export function decideEscalation(events: FiredEvent[], current: { queue: string; priority: number }): EscalationOutcome {
  const esc = events
    .filter((e) => e.type === 'escalatie')
    .sort((a, b) => Number(a.params.prioriteit) - Number(b.params.prioriteit) || byRule(a, b))[0];
  const zm = events.filter((e) => e.type === 'zorgmelding').sort(byRule)[0];
  const raises = esc !== undefined && Number(esc.params.prioriteit) < current.priority;
  return {
    escalation: raises ? { queue: String(esc.params.wachtrij), priority: Number(esc.params.prioriteit), rule: esc.rule } : null,
    zorgmelding: zm ? { rule: zm.rule, note: (zm.params.toelichting as string) ?? null } : null,
  };
}
