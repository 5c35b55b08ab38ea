/** The job-run log: one row per run of a job, with its business date, status, counts and error. */
import os from 'node:os';
import { insertReturningId, toInt, toStrOrNull, type Db } from './rows';

export type RunStatus = 'bezig' | 'geslaagd' | 'mislukt';

export interface JobRun {
  id: number;
  job: string;
  businessDate: string | null;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  counts: Record<string, unknown> | null;
  error: string | null;
}

function fromRow(r: Record<string, unknown>): JobRun {
  return {
    id: toInt(r.id),
    job: String(r.job),
    businessDate: toStrOrNull(r.business_date),
    status: r.status as RunStatus,
    startedAt: String(r.started_at),
    finishedAt: toStrOrNull(r.finished_at),
    counts: r.counts_json ? JSON.parse(String(r.counts_json)) : null,
    error: toStrOrNull(r.error),
  };
}

export async function startRun(db: Db, job: string, businessDate: string | null, now: Date): Promise<number> {
  return insertReturningId(db, 'job_runs', {
    job,
    business_date: businessDate,
    status: 'bezig',
    started_at: now.toISOString(),
    host: `${os.hostname()}:${process.pid}`,
  });
}

export async function finishRun(
  db: Db,
  id: number,
  status: Exclude<RunStatus, 'bezig'>,
  counts: Record<string, unknown> | null,
  error: string | null,
  now: Date,
): Promise<void> {
  await db('job_runs')
    .where({ id })
    .update({ status, finished_at: now.toISOString(), counts_json: counts ? JSON.stringify(counts) : null, error });
}

export async function lastRuns(db: Db, job?: string, limit = 20): Promise<JobRun[]> {
  const q = db('job_runs').orderBy('id', 'desc').limit(limit);
  if (job) q.where({ job });
  return (await q).map(fromRow);
}

export async function getRun(db: Db, id: number): Promise<JobRun | null> {
  const row = await db('job_runs').where({ id }).first();
  return row ? fromRow(row) : null;
}


/** Business dates for which a job has a successful run. */
export async function succeededBusinessDates(db: Db, job: string): Promise<Set<string>> {
  const rows = await db('job_runs').distinct('business_date').where({ job, status: 'geslaagd' }).whereNotNull('business_date');
  return new Set(rows.map((r) => String(r.business_date)));
}

/** The run log the planner reads: runs of these jobs with a key from `fromKey` on (`YYYY-MM` covers months and dates). */
export async function runLog(
  db: Db,
  jobs: string[],
  fromKey: string,
): Promise<Array<{ job: string; key: string | null; status: RunStatus; startedAt: string; finishedAt: string | null }>> {
  const rows = await db('job_runs')
    .select('job', 'business_date', 'status', 'started_at', 'finished_at')
    .whereIn('job', jobs)
    .where('business_date', '>=', fromKey)
    .orderBy('id');
  return rows.map((r) => ({
    job: String(r.job),
    key: toStrOrNull(r.business_date),
    status: r.status as RunStatus,
    startedAt: String(r.started_at),
    finishedAt: toStrOrNull(r.finished_at),
  }));
}

/** The first key each job ever ran for (the system's "epoch" per job). */
export async function firstKeys(db: Db): Promise<Record<string, string>> {
  const rows: Array<Record<string, unknown>> = await db('job_runs').select('job').min({ k: 'business_date' }).whereNotNull('business_date').groupBy('job');
  return Object.fromEntries(rows.filter((r) => r.k !== null).map((r) => [String(r.job), String(r.k)]));
}

/** Whether a job has a successful run for a key. */
export async function hasSucceeded(db: Db, job: string, key: string): Promise<boolean> {
  const row = await db('job_runs').where({ job, business_date: key, status: 'geslaagd' }).first('id');
  return row !== undefined;
}

/**
 * Marks runs still 'bezig' as failed: called by the lease holder, so no live runner owns them —
 * their process died (crash, kill -9, power loss) before it could record an outcome.
 */
export async function markAbandonedRuns(db: Db, job: string, now: Date): Promise<number> {
  const n = await db('job_runs')
    .where({ job, status: 'bezig' })
    .update({ status: 'mislukt', finished_at: now.toISOString(), error: 'Afgebroken: het proces stopte voordat de run klaar was' });
  return Number(n);
}

/** The newest run of each job, and its newest successful run. */
export async function lastRunPerJob(db: Db): Promise<Array<{ last: JobRun; lastSuccess: JobRun | null }>> {
  const lastIds: Array<Record<string, unknown>> = await db('job_runs').select('job').max({ id: 'id' }).groupBy('job');
  const okIds: Array<Record<string, unknown>> = await db('job_runs').select('job').max({ id: 'id' }).where({ status: 'geslaagd' }).groupBy('job');
  const ids = [...lastIds, ...okIds].map((r) => toInt(r.id));
  const runs = new Map((ids.length ? await db('job_runs').whereIn('id', ids) : []).map((r) => [toInt(r.id), fromRow(r)]));
  const okByJob = new Map(okIds.map((r) => [String(r.job), runs.get(toInt(r.id)) ?? null]));
  return lastIds
    .map((r) => ({ last: runs.get(toInt(r.id))!, lastSuccess: okByJob.get(String(r.job)) ?? null }))
    .sort((a, b) => a.last.job.localeCompare(b.last.job));
}

/** Whether a run of the job for the key was recorded at or after `since`. */
export async function hasRunSince(db: Db, job: string, key: string, since: Date): Promise<boolean> {
  const row = await db('job_runs').where({ job, business_date: key }).where('started_at', '>=', since.toISOString()).first('id');
  return row !== undefined;
}
