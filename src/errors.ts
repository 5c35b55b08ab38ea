/**
 * Coded errors: expected problems (bad configuration, bad rule files, refused steps) carry a stable
 * `code` and context, are caught at the CLI boundary and shown as their Dutch message. Anything else
 * is a programming error and crashes with a stack trace.
 */
export class VsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly context: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Configuration (environment variables) is missing or invalid. */
export class ConfigError extends VsError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super('CONFIG_INVALID', message, context);
  }
}

/** One problem in one rule file; a RuleSetError bundles all of them. */
export interface RuleProblem {
  file: string;
  rule?: string;
  path: string;
  message: string;
  /** 'error' blocks the rule set; 'warning' is shown but does not block. */
  severity: 'error' | 'warning';
}

/** The rule set is invalid: nothing may be evaluated with it. */
export class RuleSetError extends VsError {
  constructor(readonly problems: RuleProblem[]) {
    super(
      'RULESET_INVALID',
      `De regelset is ongeldig (${problems.filter((p) => p.severity === 'error').length} fout(en)):\n` +
        problems
          .filter((p) => p.severity === 'error')
          .map((p) => `  - ${p.file}${p.rule ? ` [${p.rule}]` : ''}${p.path ? ` ${p.path}` : ''}: ${p.message}`)
          .join('\n'),
      { count: problems.length },
    );
  }
}

/** The source (central reporting point) cannot be read as configured. */
export class SourceError extends VsError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super('SOURCE_INVALID', message, context);
  }
}

/** A user asked for something that does not exist or is not allowed. */
export class UsageError extends VsError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super('USAGE', message, context);
  }
}
