/**
 * The retention job: personal data whose retention period passed is anonymised in place (see
 * `src/domain/retention.ts` for the periods). Everything happens in one transaction with its audit
 * entries and the data-sharing log entries (direction 'verwijderd', counts per category, never
 * contents). A dry run computes the same plan and changes nothing.
 */
import type { JobContext } from '../src/jobContext';
import { SYSTEM_ROLE } from '../src/jobContext';
import { retentionCutoffs, type RetentionCutoffs } from '../src/domain/retention';
import { applyRetention, planRetention, type RetentionPlan } from '../src/db/retention';
import { audit, logSharing, type AuditEntry, type SharingEntry } from '../src/db/logs';
import { finishRun, startRun } from '../src/db/jobRuns';
import { amsterdamDate } from '../src/domain/dates';
import { VsError } from '../src/errors';
import { maskValues } from '../src/logging';

export const JOB_NAME = 'bewaartermijnen';

export interface RetentionOptions {
  /** The date the periods are measured from (default: today in Amsterdam). */
  asOf?: string;
}

/** What was (or would be) removed, per category: counts only. */
export interface RetentionCounts {
  huishoudens: number;
  geboortedata: number;
  signaalReferenties: number;
  quarantaine: number;
  toestemmingOndertekenaars: number;
  contactnotities: number;
  auditWaarden: number;
  zakenVerlopen: number;
}

export interface RetentionResult {
  runId: number | null;
  asOf: string;
  dryRun: boolean;
  cutoffs: RetentionCutoffs;
  counts: RetentionCounts;
}

/** Category names in the data-sharing log (the first three are the agreement's categories). */
export const REMOVED_CATEGORIES: Record<keyof RetentionCounts, string | null> = {
  huishoudens: 'naw',
  geboortedata: 'geboortedatum',
  signaalReferenties: 'referentie',
  quarantaine: 'quarantaine-ruwe-gegevens',
  toestemmingOndertekenaars: 'toestemming-ondertekenaar',
  contactnotities: 'contactnotities',
  auditWaarden: 'audit-waarden',
  zakenVerlopen: null,
};

function countsOf(p: RetentionPlan): RetentionCounts {
  return {
    huishoudens: p.householdIds.length,
    geboortedata: p.householdsWithBirthDate.length,
    signaalReferenties: p.signalIds.length,
    quarantaine: p.quarantineIds.length,
    toestemmingOndertekenaars: p.consentIds.length,
    contactnotities: p.contactNoteIds.length,
    auditWaarden: p.auditIds.length,
    zakenVerlopen: p.caseIds.length,
  };
}

const LEGAL_BASIS = 'AVG art. 5 lid 1 sub e (opslagbeperking); bewaartermijnen Vroegsignaal (te bevestigen)';

export async function run(ctx: JobContext, opts: RetentionOptions = {}): Promise<RetentionResult> {
  const { db, config, logger } = ctx;
  const asOf = opts.asOf ?? amsterdamDate(ctx.now());
  const cutoffs = retentionCutoffs(asOf, config.retention);
  if (ctx.dryRun) {
    const counts = countsOf(await planRetention(db, cutoffs));
    logger.info({ asOf, dryRun: true, ...counts }, 'bewaartermijnen: proefrun');
    return { runId: null, asOf, dryRun: true, cutoffs, counts };
  }
  const runId = await startRun(db, JOB_NAME, asOf, ctx.now());
  try {
    const counts = await db.transaction(async (trx) => {
      const now = ctx.now();
      const plan = await planRetention(trx, cutoffs);
      await applyRetention(trx, plan, now);
      const actor = `systeem:${JOB_NAME}`;
      const reason = `bewaartermijn verstreken (peildatum ${asOf})`;
      const entries: AuditEntry[] = [
        ...plan.householdIds.map((id) => ({ entity: 'household', entityId: id })),
        ...plan.signalIds.map((id) => ({ entity: 'signal', entityId: id })),
        ...plan.quarantineIds.map((id) => ({ entity: 'quarantine', entityId: id })),
        ...plan.consentIds.map((id) => ({ entity: 'consent', entityId: id })),
        ...plan.contactNoteIds.map((id) => ({ entity: 'contact_attempt', entityId: id })),
      ].map((e) => ({ ...e, actor, role: SYSTEM_ROLE, action: 'bewaartermijn.geanonimiseerd', reason, runId }));
      if (plan.auditIds.length) {
        entries.push({
          actor, role: SYSTEM_ROLE, action: 'bewaartermijn.auditwaarden-verwijderd', entity: 'audit_log', entityId: null,
          new: { aantal: plan.auditIds.length }, reason, runId,
        });
      }
      await audit(trx, entries, now);
      const counts = countsOf(plan);
      const sharing: SharingEntry[] = Object.entries(REMOVED_CATEGORIES)
        .filter((e): e is [keyof RetentionCounts, string] => typeof e[1] === 'string')
        .map(([k, category]) => ({
          businessDate: asOf, direction: 'verwijderd' as const, counterparty: 'bewaartermijn', category,
          recordCount: counts[k], legalBasis: LEGAL_BASIS, runId,
        }));
      await logSharing(trx, sharing, now);
      return counts;
    });
    await finishRun(db, runId, 'geslaagd', { ...counts }, null, ctx.now());
    logger.info({ runId, asOf, ...counts }, 'bewaartermijnen toegepast');
    return { runId, asOf, dryRun: false, cutoffs, counts };
  } catch (e) {
    const message = e instanceof VsError ? e.message : maskValues(String((e as Error)?.message ?? e));
    await finishRun(db, runId, 'mislukt', null, message, ctx.now()).catch(() => undefined);
    logger.error({ runId, asOf, code: (e as VsError).code ?? 'ONVERWACHT' }, 'bewaartermijnen mislukt');
    throw e;
  }
}
