/**
 * Running work under a job lease: take it, renew it while the work runs (so it only lapses when
 * this process dies), and release it afterwards — also when the work fails.
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { acquireLease, getLease, releaseLease, renewLease, type Lease } from '../db/leases';
import type { Logger } from '../logging';
import { VsError } from '../errors';
import { amsterdamParts, formatDateNl } from '../domain/dates';

/** A holder id unique per process: host, pid and a random part (pids repeat across containers). */
export function newHolderId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export interface LeaseOptions {
  name: string;
  holder: string;
  scope: string | null;
  now: () => Date;
  ttlMs: number;
  logger?: Logger;
}

/** The lease is held by another (live) runner. */
export class LeaseBusyError extends VsError {
  constructor(readonly lease: Lease | null, name: string) {
    const until = lease ? amsterdamParts(new Date(lease.expiresAt)) : null;
    super(
      'BEZET',
      `${name} is bezet door een andere verwerking` +
        (lease ? ` (${lease.holder}${lease.scope ? `, ${lease.scope.length === 10 ? formatDateNl(lease.scope) : lease.scope}` : ''}; ` +
          `slot verloopt ${formatDateNl(until!.date)} ${until!.time.slice(0, 5)} als die verwerking stopt)` : '') +
        '. Probeer het later opnieuw.',
      { name, holder: lease?.holder },
    );
  }
}

/**
 * Runs `fn` while holding the lease. Throws LeaseBusyError when another live holder has it.
 * `state.lost` turns true when a renewal found the lease taken over (this process stalled longer
 * than the lease lasts); the caller should stop at the next safe point.
 */
export async function withLease<T>(db: Knex, opts: LeaseOptions, fn: (state: { lost: boolean }) => Promise<T>): Promise<T> {
  const lease = await acquireLease(db, opts.name, opts.holder, opts.scope, opts.now(), opts.ttlMs);
  if (!lease) throw new LeaseBusyError(await getLease(db, opts.name), opts.name);
  const state = { lost: false };
  const timer = setInterval(() => {
    renewLease(db, opts.name, opts.holder, opts.now(), opts.ttlMs)
      .then((ok) => {
        if (!ok && !state.lost) {
          state.lost = true;
          opts.logger?.error({ lease: opts.name }, 'slot kwijtgeraakt tijdens verwerking');
        }
      })
      .catch((e) => opts.logger?.warn({ lease: opts.name, code: (e as { code?: string }).code }, 'slot verlengen mislukt'));
  }, Math.max(1000, Math.floor(opts.ttlMs / 3)));
  timer.unref();
  try {
    return await fn(state);
  } finally {
    clearInterval(timer);
    await releaseLease(db, opts.name, opts.holder);
  }
}
