/** What every job's `run(ctx)` receives; the CLI, the scheduler and tests build it. */
import type { Knex } from 'knex';
import type { Config } from './config';
import type { Logger } from './logging';

export interface JobContext {
  db: Knex;
  config: Config;
  logger: Logger;
  /** The clock: jobs never call `new Date()` themselves. */
  now: () => Date;
  dryRun: boolean;
  /** Set by the caller for interactive runs: called with (done, total) on long work. */
  progress?: (done: number, total: number, label: string) => void;
}

/** Actor names used in the audit trail for work done by jobs. */
export const SYSTEM_ROLE = 'systeem';
