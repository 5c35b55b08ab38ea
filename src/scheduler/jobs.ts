/**
 * The job registry of the scheduler: what each scheduled job is called, which lease it takes and
 * how it is run for a key. Adding a job is one entry here plus its cadence in `plan.ts#jobPlans`.
 */
import type { JobContext } from '../jobContext';
import type { SourceReader } from '../source/reader';
import { VsError } from '../errors';
import { run as runNightly, JOB_NAME as NIGHTLY_JOB } from '../../jobs/nightly';
import { run as runRetention, JOB_NAME as RETENTION_JOB } from '../../jobs/retention';

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

type MonthlyRun = (ctx: JobContext, opts: { month: string }) => Promise<unknown>;

/**
 * The monthly report job (`jobs/monthly-report.ts`, built separately), when present in this
 * build. It is loaded on demand so the scheduler also runs in a build without it.
 */
export function monthlyReportJob(load: () => { run?: MonthlyRun } = () => require('../../jobs/monthly-report')): ScheduledJob | undefined {
  let mod: { run?: MonthlyRun };
  try {
    mod = load();
  } catch (e) {
    const err = e as { code?: string; message?: string };
    if (err.code === 'MODULE_NOT_FOUND' && String(err.message).includes('monthly-report')) return undefined;
    throw e;
  }
  const run = mod.run;
  if (typeof run !== 'function') return undefined;
  return { name: MONTHLY_JOB, lease: MONTHLY_JOB, recordsOwnRun: false, run: (ctx, key) => run(ctx, { month: key }) };
}

/** The registry the CLI scheduler uses. */
export function defaultRegistry(source: () => SourceReader): JobRegistry {
  return { nightly: nightlyJob(source), monthly: monthlyReportJob(), retention: retentionJob() };
}
