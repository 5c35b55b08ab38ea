/**
 * The planner: which runs are planned, which are due, which are missed. PURE — no database, no
 * clock: callers pass `now` and the job-run log.
 *
 * Correctness does not come from the cron ticker (node-cron skips a 02:30 run on the
 * spring-forward day and never catches up): every run has a *key* (the business date for the
 * nightly job, the month for the monthly report, the run date for retention), every calendar day
 * yields exactly one planned run per daily job, and a key counts as done only when the run log has
 * a successful run for it.
 *
 * Wall-clock times that do not exist (spring forward, 02:00–03:00) are moved one hour later; times
 * that occur twice (fall back) run at the first occurrence. Either way: one run that day.
 */
import { addDays, addMonths, amsterdamDate, amsterdamInstant, amsterdamParts, dateRange, lastOfMonth, monthOf } from '../domain/dates';
import { isWorkingDay } from '../domain/workdays';

export type Cadence =
  /** Every calendar day at `time`; key = run date + `keyOffsetDays` (nightly: −1 = yesterday). */
  | { kind: 'daily'; time: string; keyOffsetDays: number }
  /** Once a month for the previous month (key `YYYY-MM`), on the first working day or a fixed day. */
  | { kind: 'monthly'; day: 'eerste-werkdag' | number; time: string };

export interface JobPlan {
  job: string;
  cadence: Cadence;
  /** 'each': every missed key is caught up (oldest first); 'latest': only the newest one matters. */
  catchUp: 'each' | 'latest';
  /** A key may only run after this job succeeded for the derived key (monthly waits for the last nightly). */
  dependsOn?: { job: string; key: (key: string) => string };
}

export interface PlannedRun {
  job: string;
  /** Business date (`YYYY-MM-DD`) or month (`YYYY-MM`) the run is for. */
  key: string;
  /** Local calendar date the run is planned on. */
  runDate: string;
  /** The configured wall-clock time. */
  time: string;
  /** The instant it is planned at, and how that reads in Amsterdam. */
  at: Date;
  localTime: string;
  offset: string;
  /** Set when the configured time does not exist or occurs twice that day. */
  note: 'bestaat-niet' | 'dubbel' | null;
}

export interface RunLogEntry {
  job: string;
  key: string | null;
  status: 'bezig' | 'geslaagd' | 'mislukt';
  startedAt: string;
  finishedAt: string | null;
}

type Resolved = { at: Date; localTime: string; offset: string; note: PlannedRun['note'] };
/** Memo: the scheduler asks for the same days every minute, and Intl formatting is not cheap. */
const resolvedCache = new Map<string, Resolved>();

/** The instant a wall-clock time occurs on a date in Amsterdam, with the DST note. */
export function resolveLocalTime(date: string, time: string): Resolved {
  const k = `${date} ${time}`;
  const hit = resolvedCache.get(k);
  if (hit) return { ...hit, at: new Date(hit.at.getTime()) };
  const r = computeLocalTime(date, time);
  if (resolvedCache.size > 20_000) resolvedCache.clear();
  resolvedCache.set(k, r);
  return { ...r, at: new Date(r.at.getTime()) };
}

function computeLocalTime(date: string, time: string): Resolved {
  const at = amsterdamInstant(date, `${time}:00`);
  const p = amsterdamParts(at);
  let note: PlannedRun['note'] = null;
  if (p.date !== date || p.time.slice(0, 5) !== time) note = 'bestaat-niet';
  else if (amsterdamParts(new Date(at.getTime() + 3600_000)).time.slice(0, 5) === time) note = 'dubbel';
  return { at, localTime: p.time.slice(0, 5), offset: p.offset, note };
}

/** First working day (Dutch holidays computed) of the month of `date`. */
export function firstWorkingDay(month: string): string {
  let d = `${month}-01`;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** The run date of the monthly job within `month` (the month it runs in, not the month it reports on). */
export function monthlyRunDate(month: string, day: 'eerste-werkdag' | number): string {
  return day === 'eerste-werkdag' ? firstWorkingDay(month) : `${month}-${String(day).padStart(2, '0')}`;
}

function planned(job: string, key: string, runDate: string, time: string): PlannedRun {
  return { job, key, runDate, time, ...resolveLocalTime(runDate, time) };
}

/** Runs planned on the calendar dates `from`..`to` (inclusive), by instant, then job name. */
export function planRuns(jobs: JobPlan[], from: string, to: string): PlannedRun[] {
  const out: PlannedRun[] = [];
  for (const date of dateRange(from, to)) {
    for (const j of jobs) {
      const c = j.cadence;
      if (c.kind === 'daily') {
        out.push(planned(j.job, addDays(date, c.keyOffsetDays), date, c.time));
      } else if (monthlyRunDate(monthOf(date), c.day) === date) {
        out.push(planned(j.job, monthOf(addMonths(`${monthOf(date)}-01`, -1)), date, c.time));
      }
    }
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || a.job.localeCompare(b.job));
}

export type RunState =
  | 'geslaagd'
  /** Planned time passed, not succeeded, may start now. */
  | 'klaar-om-te-draaien'
  /** Failed recently; retried after the retry delay. */
  | 'wacht-op-herkansing'
  /** Waits for the job it depends on (monthly report waits for the month's last nightly run). */
  | 'wacht-op-afhankelijkheid'
  /** A run is in progress. */
  | 'bezig'
  /** Planned time not reached yet. */
  | 'gepland'
  /** Superseded by a newer key (catch-up 'latest'). */
  | 'vervangen';

export interface RunAssessment extends PlannedRun {
  state: RunState;
  /** Not succeeded more than the grace period after its planned time. */
  missed: boolean;
  attempts: number;
  lastError?: boolean;
}

export interface AssessOptions {
  now: Date;
  /** First run date to consider (older planned runs are out of the catch-up window). */
  from: string;
  retryMinutes: number;
  graceMinutes: number;
  /** Keys before this (per job) are never due: the system did not run yet (fresh install). */
  epoch?: Record<string, string | undefined>;
}

/**
 * Every planned run from `opts.from` up to today (Amsterdam) with its state, in the order they
 * should run: by job order given, then oldest key first. `due` are the ones to start now.
 */
export function assessRuns(jobs: JobPlan[], log: RunLogEntry[], opts: AssessOptions): { runs: RunAssessment[]; due: RunAssessment[] } {
  const today = amsterdamDate(opts.now);
  const byKey = new Map<string, RunLogEntry[]>();
  for (const e of log) {
    if (e.key === null) continue;
    const k = `${e.job}|${e.key}`;
    byKey.set(k, [...(byKey.get(k) ?? []), e]);
  }
  const succeeded = (job: string, key: string) => (byKey.get(`${job}|${key}`) ?? []).some((e) => e.status === 'geslaagd');
  const plans = planRuns(jobs, opts.from, today);
  const runs: RunAssessment[] = [];
  for (const j of jobs) {
    const mine = plans
      .filter((p) => p.job === j.job && (opts.epoch?.[j.job] === undefined || p.key >= opts.epoch[j.job]!))
      .sort((a, b) => a.key.localeCompare(b.key));
    const latestDueKey = [...mine].reverse().find((p) => p.at <= opts.now)?.key;
    for (const p of mine) {
      const entries = byKey.get(`${j.job}|${p.key}`) ?? [];
      const last = entries.reduce<RunLogEntry | null>((a, e) => (a === null || e.startedAt > a.startedAt ? e : a), null);
      const overdue = opts.now.getTime() - p.at.getTime() > opts.graceMinutes * 60_000;
      let state: RunState;
      if (entries.some((e) => e.status === 'geslaagd')) state = 'geslaagd';
      else if (p.at > opts.now) state = 'gepland';
      else if (j.catchUp === 'latest' && p.key !== latestDueKey) state = 'vervangen';
      else if (last?.status === 'bezig') state = 'bezig';
      else if (j.dependsOn && !succeeded(j.dependsOn.job, j.dependsOn.key(p.key))) state = 'wacht-op-afhankelijkheid';
      else if (
        last?.status === 'mislukt' &&
        opts.now.getTime() - Date.parse(last.finishedAt ?? last.startedAt) < opts.retryMinutes * 60_000
      ) state = 'wacht-op-herkansing';
      else state = 'klaar-om-te-draaien';
      runs.push({
        ...p,
        state,
        missed: overdue && state !== 'geslaagd' && state !== 'vervangen' && state !== 'gepland',
        attempts: entries.length,
        lastError: last?.status === 'mislukt',
      });
    }
  }
  // 'bezig' is due too: when its runner is alive the lease refuses the attempt; when the runner
  // died (its lease expired), the run is closed as abandoned and done again.
  return { runs, due: runs.filter((r) => r.state === 'klaar-om-te-draaien' || r.state === 'bezig') };
}

/** The monthly job's dependency: the nightly run for the last day of the reported month. */
export function lastDayOfMonthKey(month: string): string {
  return lastOfMonth(month);
}

/** The job plans from the configured schedules; job names are given by the registry. */
export function jobPlans(
  schedule: { nightly: string; monthly: { day: 'eerste-werkdag' | number; time: string }; retention: string },
  names: { nightly: string; monthly?: string; retention?: string },
): JobPlan[] {
  const plans: JobPlan[] = [{ job: names.nightly, cadence: { kind: 'daily', time: schedule.nightly, keyOffsetDays: -1 }, catchUp: 'each' }];
  if (names.monthly) {
    plans.push({
      job: names.monthly,
      cadence: { kind: 'monthly', day: schedule.monthly.day, time: schedule.monthly.time },
      catchUp: 'each',
      dependsOn: { job: names.nightly, key: lastDayOfMonthKey },
    });
  }
  if (names.retention) {
    plans.push({ job: names.retention, cadence: { kind: 'daily', time: schedule.retention, keyOffsetDays: 0 }, catchUp: 'latest' });
  }
  return plans;
}
