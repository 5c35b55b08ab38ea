/**
 * The long-running scheduler. node-cron is only the ticker: on every tick (and once at start) the
 * scheduler asks the planner which runs are due, from the configured schedules and the job-run log,
 * and runs them oldest first, each under its job lease. So:
 *
 * - a run missed while the process was down is caught up on the next start (with its own business
 *   date), whatever cron did or did not fire;
 * - a failed run is retried on the first tick after the retry delay, and the runs after it still
 *   happen (a failure is recorded and the loop goes on);
 * - two schedulers (or a scheduler and a manual `nightly`) never process one key twice: the lease
 *   serialises them and, under the lease, the run log is checked again before starting;
 * - a stop request lets the running batch finish (or roll back), records the run, releases the lease.
 */
import type { Knex } from 'knex';
import cron, { type ScheduledTask } from 'node-cron';
import type { Config } from '../config';
import { maskValues, type Logger } from '../logging';
import type { JobContext } from '../jobContext';
import { addDays, amsterdamDate, TIME_ZONE } from '../domain/dates';
import { finishRun, firstKeys, hasRunSince, hasSucceeded, markAbandonedRuns, runLog, startRun } from '../db/jobRuns';
import { assessRuns, jobPlans, type AssessOptions, type JobPlan, type RunAssessment } from './plan';
import { LeaseBusyError, withLease } from './lease';
import type { JobRegistry, ScheduledJob } from './jobs';
import { VsError } from '../errors';

export interface SchedulerOptions {
  db: Knex;
  config: Config;
  logger: Logger;
  jobs: JobRegistry;
  holder: string;
  /** The clock; tests pass a controllable one. */
  now?: () => Date;
  progress?: JobContext['progress'];
}

export interface TickOutcome {
  job: string;
  key: string;
  status: 'geslaagd' | 'mislukt' | 'bezet' | 'al-verwerkt';
  error?: string;
}

export class Scheduler {
  private readonly now: () => Date;
  private stopping = false;
  private running: Promise<TickOutcome[]> | null = null;
  private task: ScheduledTask | null = null;
  readonly plans: JobPlan[];
  private readonly byName: Map<string, ScheduledJob>;

  constructor(private readonly opts: SchedulerOptions) {
    this.now = opts.now ?? (() => new Date());
    const j = opts.jobs;
    this.plans = jobPlans(opts.config.schedule, { nightly: j.nightly.name, monthly: j.monthly?.name, retention: j.retention?.name });
    this.byName = new Map([j.nightly, j.monthly, j.retention].filter((x): x is ScheduledJob => !!x).map((x) => [x.name, x]));
  }

  /** Planner inputs from the database: the run log in the catch-up window and each job's epoch. */
  async assess(): Promise<{ runs: RunAssessment[]; due: RunAssessment[] }> {
    return assessWithDb(this.opts.db, this.plans, this.opts.config, this.now());
  }

  /**
   * One pass: run everything due, oldest first; recompute after each pass so work that became due
   * (the monthly report after the month's last nightly run) runs in the same tick. Each key is
   * tried at most once per tick.
   */
  async tick(): Promise<TickOutcome[]> {
    if (this.running) return this.running;
    this.running = this.doTick().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async doTick(): Promise<TickOutcome[]> {
    const outcomes: TickOutcome[] = [];
    const tried = new Set<string>();
    for (;;) {
      if (this.stopping) break;
      const { due } = await this.assess();
      const todo = due.filter((r) => !tried.has(`${r.job}|${r.key}`));
      if (todo.length === 0) break;
      for (const r of todo) {
        if (this.stopping) break;
        tried.add(`${r.job}|${r.key}`);
        outcomes.push(await this.runOne(r.job, r.key));
      }
    }
    return outcomes;
  }

  private async runOne(jobName: string, key: string): Promise<TickOutcome> {
    const job = this.byName.get(jobName)!;
    const { db, config } = this.opts;
    const logger = this.opts.logger.child({ job: jobName, key });
    const ctx: JobContext = { db, config, logger, now: this.now, dryRun: false, progress: this.opts.progress };
    try {
      return await withLease(
        db,
        { name: job.lease, holder: this.opts.holder, scope: key, now: this.now, ttlMs: config.schedule.leaseMinutes * 60_000, logger },
        async () => {
          // Under the lease no other live runner works on this job: 'bezig' rows are from dead runners.
          const abandoned = await markAbandonedRuns(db, job.name, this.now());
          if (abandoned) logger.warn({ abandoned }, 'afgebroken runs als mislukt vastgelegd');
          if (await hasSucceeded(db, job.name, key)) return { job: jobName, key, status: 'al-verwerkt' as const };
          logger.info('geplande run gestart');
          const control = { stopRequested: () => this.stopping };
          if (job.recordsOwnRun) {
            const startedAt = this.now();
            try {
              await job.run(ctx, key, control);
            } catch (e) {
              // A job that fails before it records its run (an invalid rule set is refused before
              // anything starts) still gets a failed run, so the retry delay and `status` see it.
              if (!(await hasRunSince(db, job.name, key, startedAt))) {
                const runId = await startRun(db, job.name, key, startedAt);
                await finishRun(db, runId, 'mislukt', null, errorText(e), this.now());
              }
              throw e;
            }
          } else {
            const runId = await startRun(db, job.name, key, this.now());
            try {
              const result = await job.run(ctx, key, control);
              await finishRun(db, runId, 'geslaagd', summarise(result), null, this.now());
            } catch (e) {
              await finishRun(db, runId, 'mislukt', null, errorText(e), this.now()).catch(() => undefined);
              throw e;
            }
          }
          logger.info('geplande run geslaagd');
          return { job: jobName, key, status: 'geslaagd' as const };
        },
      );
    } catch (e) {
      if (e instanceof LeaseBusyError) {
        logger.debug({ holder: e.lease?.holder }, 'slot bezet, volgende tick opnieuw');
        return { job: jobName, key, status: 'bezet' };
      }
      logger.error({ code: (e as VsError).code ?? 'ONVERWACHT' }, 'geplande run mislukt; wordt later opnieuw geprobeerd');
      return { job: jobName, key, status: 'mislukt', error: errorText(e) };
    }
  }

  /** Starts the ticker; the first tick (catch-up) runs at once. */
  start(): Promise<TickOutcome[]> {
    this.task = cron.schedule(
      this.opts.config.schedule.tick,
      async () => {
        await this.tick();
      },
      { timezone: TIME_ZONE, noOverlap: true, name: 'vroegsignaal-scheduler' },
    );
    return this.tick();
  }

  /** Stops ticking, lets the running batch finish (or roll back) and waits until the lease is released. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.task) {
      await this.task.stop();
      await this.task.destroy();
      this.task = null;
    }
    if (this.running) await this.running.catch(() => undefined);
  }

  get isStopping(): boolean {
    return this.stopping;
  }
}

/** The planner's view of the database, shared by the scheduler and `status`. */
export async function assessWithDb(
  db: Knex,
  plans: JobPlan[],
  config: Config,
  now: Date,
): Promise<{ runs: RunAssessment[]; due: RunAssessment[] }> {
  const today = amsterdamDate(now);
  const from = addDays(today, -config.schedule.catchUpDays);
  const log = await runLog(db, plans.map((p) => p.job), from.slice(0, 7));
  const first = await firstKeys(db);
  // Fresh install: the nightly job starts with yesterday, the monthly report with this month's data.
  const nightly = plans[0].job;
  const nightlyEpoch = first[nightly] ?? addDays(today, -1);
  const epoch: AssessOptions['epoch'] = { [nightly]: nightlyEpoch };
  for (const p of plans.slice(1)) {
    if (p.cadence.kind === 'monthly') epoch[p.job] = [first[p.job], nightlyEpoch.slice(0, 7)].filter(Boolean).sort()[0];
  }
  return assessRuns(plans, log, {
    now,
    from,
    retryMinutes: config.schedule.retryMinutes,
    graceMinutes: config.schedule.graceMinutes,
    epoch,
  });
}

/** For the run log: driver messages quote row values (SQL with bound values), so values are masked. */
function errorText(e: unknown): string {
  return e instanceof VsError ? e.message : maskValues(String((e as Error)?.message ?? e));
}

/** Counts only: a job result may be large; keep numbers and short strings for the run log. */
function summarise(result: unknown): Record<string, unknown> | null {
  if (typeof result !== 'object' || result === null) return null;
  return Object.fromEntries(Object.entries(result).filter(([, v]) => typeof v === 'number' || (typeof v === 'string' && v.length < 200)));
}
