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
