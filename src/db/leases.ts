/**
 * Job leases: at most one runner works on a job at a time, across processes and machines. A lease
 * has a holder and an expiry; the holder renews it while working and deletes it when done. A holder
 * that dies stops renewing, so its lease expires and another runner may take it over.
 *
 * Portable on SQLite, PostgreSQL and SQL Server: a plain insert (the primary key refuses a second
 * holder) and, for an expired lease, a conditional update whose affected-row count tells who won.
 */
import { toStrOrNull, type Db } from './rows';

export interface Lease {
  name: string;
  holder: string;
  scope: string | null;
  acquiredAt: string;
  renewedAt: string;
  expiresAt: string;
}

function fromRow(r: Record<string, unknown>): Lease {
  return {
    name: String(r.name),
    holder: String(r.holder),
    scope: toStrOrNull(r.scope),
    acquiredAt: String(r.acquired_at),
    renewedAt: String(r.renewed_at),
    expiresAt: String(r.expires_at),
  };
}

/** True for the errors the three drivers give for a primary-key / unique violation. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: unknown; number?: unknown; message?: unknown };
  return (
    err?.code === '23505' || // PostgreSQL
    err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    err?.number === 2627 || err?.number === 2601 || // SQL Server
    /UNIQUE constraint failed|duplicate key/i.test(String(err?.message ?? ''))
  );
}

/**
 * Takes the lease `name` for `holder` until now + ttl. Returns the lease when taken (or already
 * held by this holder), null when someone else holds a lease that has not expired.
 */
export async function acquireLease(
  db: Db,
  name: string,
  holder: string,
  scope: string | null,
  now: Date,
  ttlMs: number,
): Promise<Lease | null> {
  const row = {
    name,
    holder,
    scope,
    acquired_at: now.toISOString(),
    renewed_at: now.toISOString(),
    expires_at: new Date(now.getTime() + ttlMs).toISOString(),
  };
  try {
    await db('job_leases').insert(row);
    return fromRow(row);
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  // Held already: take it over only if it expired (its holder died) or is our own.
  const n = await db('job_leases')
    .where({ name })
    .andWhere((q) => q.where('expires_at', '<', now.toISOString()).orWhere({ holder }))
    .update({ holder, scope, acquired_at: row.acquired_at, renewed_at: row.renewed_at, expires_at: row.expires_at });
  return Number(n) === 1 ? fromRow(row) : null;
}

/** Extends the lease; false when it is no longer ours (it expired and was taken over). */
export async function renewLease(db: Db, name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const n = await db('job_leases')
    .where({ name, holder })
    .update({ renewed_at: now.toISOString(), expires_at: new Date(now.getTime() + ttlMs).toISOString() });
  return Number(n) === 1;
}

/** Gives the lease up (only when it is ours). */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db('job_leases').where({ name, holder }).delete();
}

export async function getLease(db: Db, name: string): Promise<Lease | null> {
  const r = await db('job_leases').where({ name }).first();
  return r ? fromRow(r) : null;
}

export async function listLeases(db: Db): Promise<Lease[]> {
  return (await db('job_leases').orderBy('name')).map(fromRow);
}
