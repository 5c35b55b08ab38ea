/**
 * Errors of casework steps. A refused step names the missing condition(s) in Dutch; a version
 * conflict means someone else changed the case first (reload and try again).
 */
import { VsError } from '../../errors';

/** A step that the agreement, the state machine or the caller's role does not allow (now). */
export class StepRefusedError extends VsError {
  constructor(
    readonly step: string,
    readonly missing: string[],
    context: Record<string, unknown> = {},
  ) {
    super('STAP_GEWEIGERD', missing.length === 1 ? missing[0] : `Niet toegestaan:\n${missing.map((m) => `  - ${m}`).join('\n')}`, {
      step,
      ...context,
    });
  }
}

/** The case changed since the caller read it (version check failed). */
export class VersionConflictError extends VsError {
  constructor(reference: string, expected: number, actual: number | null) {
    super(
      'VERSIE_CONFLICT',
      `Zaak ${reference} is intussen door iemand anders gewijzigd (verwacht versie ${expected}` +
        `${actual !== null ? `, nu versie ${actual}` : ''}). Bekijk de zaak opnieuw en probeer het nog eens.`,
      { expected, actual },
    );
  }
}
