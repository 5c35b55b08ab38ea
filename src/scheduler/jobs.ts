/**
 * The job registry of the scheduler: what each scheduled job is called, which lease it takes and
 * how it is run for a key. Adding a job is one entry here plus its cadence in `plan.ts#jobPlans`.
 */
import type { JobContext } from '../jobContext';
import type { SourceReader } from '../source/reader';
import { VsError } from '../errors';
import { run as runNightly, JOB_NAME as NIGHTLY_JOB } from '../../jobs/nightly';
import { run as runRetention, JOB_NAME as RETENTION_JOB } from '../../jobs/retention';
import { run as runMonthlyReport } from '../../jobs/monthly-report';

export interface RunControl {
  /** True once a stop (SIGTERM/SIGINT) was requested: stop at the next safe point. */
  stopRequested(): boolean;
}

export interface ScheduledJob {
  name: string;
  /** Jobs that share state share a lease; the nightly job has one lease for all dates (one watermark). */
  lease: string;
  /** False when the job does not write its own job_runs row: the scheduler then records the run. */
  recordsOwnRun: boolean;
  run(ctx: JobContext, key: string, control: RunControl): Promise<unknown>;
}

export interface JobRegistry {
  nightly: ScheduledJob;
  monthly?: ScheduledJob;
  retention?: ScheduledJob;
}

/** Thrown at a safe point (after a committed batch) when a stop was requested. */
export class StopRequestedError extends VsError {
  constructor() {
    super('GESTOPT', 'Onderbroken door een stopsignaal na een afgeronde batch; de volgende start gaat verder waar deze stopte');
  }
}

export const MONTHLY_JOB = 'maandrapportage';

export function nightlyJob(source: () => SourceReader): ScheduledJob {
  return {
    name: NIGHTLY_JOB,
    lease: NIGHTLY_JOB,
    recordsOwnRun: true,
    run: (ctx, key, control) =>
      runNightly(ctx, {
        businessDate: key,
        source: source(),
        afterBatch: () => {
          if (control.stopRequested()) throw new StopRequestedError();
        },
      }),
  };
}

export function retentionJob(): ScheduledJob {
  return { name: RETENTION_JOB, lease: RETENTION_JOB, recordsOwnRun: true, run: (ctx, key) => runRetention(ctx, { asOf: key }) };
}

/** The monthly report (Excel, PDF, DDAS) for the month given as key `YYYY-MM`; it records its own run. */
export function monthlyReportJob(): ScheduledJob {
  return { name: MONTHLY_JOB, lease: MONTHLY_JOB, recordsOwnRun: true, run: (ctx, key) => runMonthlyReport(ctx, { month: key }) };
}

/** The registry the CLI scheduler uses. */
export function defaultRegistry(source: () => SourceReader): JobRegistry {
  return { nightly: nightlyJob(source), monthly: monthlyReportJob(), retention: retentionJob() };
}
