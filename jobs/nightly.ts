/**
 * The nightly intake job for one business date: read the reports that arrived at the central
 * reporting point up to the end of that date, validate, match, evaluate, queue, and re-evaluate the
 * escalation rules on open cases.
 *
 * - The rule set is loaded and checked first: an invalid rule set stops the run before any data
 *   changes.
 * - Each batch (VS_BATCH_SIZE rows) is one transaction together with the watermark, so a crash
 *   leaves nothing half-written and the next run continues where the last commit ended.
 * - Running a date again reads nothing new (watermark) and stores no new escalation decision
 *   (only changes are stored): it changes nothing.
 */
import type { Knex } from 'knex';
import type { JobContext } from '../src/jobContext';
import { loadRuleSet } from '../src/rules/load';
import { RuleEvaluator } from '../src/rules/engine';
import { SourceReader } from '../src/source/reader';
import { intakeRow } from '../src/services/intake';
import { escalateOpenCases, type EscalationCounts } from '../src/services/escalation';
import { getWatermark, setWatermark } from '../src/db/watermarks';
import { finishRun, startRun } from '../src/db/jobRuns';
import { logSharing, type DataCategory, type SharingEntry } from '../src/db/logs';
import { VsError } from '../src/errors';
import { maskValues } from '../src/logging';

export const JOB_NAME = 'nachtelijke-verwerking';

export interface NightlyOptions {
  businessDate: string;
  /** The source to read; defaults to the configured one (opened and closed by the caller). */
  source: SourceReader;
  /** Stop after this many batches (tests use it to simulate a crash between batches). */
  maxBatches?: number;
  /** Called after each committed batch (tests use it to crash halfway). */
  afterBatch?: (batch: number) => void | Promise<void>;
}

export interface NightlyCounts {
  received: number;
  accepted: number;
  quarantined: number;
  pickedUp: number;
  notPickedUp: Record<string, number>;
  repeats: number;
  newCases: number;
  addedToOpenCase: number;
  perPartner: Record<string, { received: number; accepted: number; quarantined: number }>;
  quarantineFields: Record<string, number>;
  escalation: EscalationCounts;
  batches: number;
}

export interface NightlyResult {
  runId: number;
  businessDate: string;
  rulesetVersion: string;
  counts: NightlyCounts;
}

function emptyCounts(): NightlyCounts {
  return {
    received: 0, accepted: 0, quarantined: 0, pickedUp: 0, notPickedUp: {}, repeats: 0, newCases: 0,
    addedToOpenCase: 0, perPartner: {}, quarantineFields: {},
    escalation: { evaluated: 0, decisions: 0, escalated: 0, zorgmeldingFlagged: 0 }, batches: 0,
  };
}

export async function run(ctx: JobContext, opts: NightlyOptions): Promise<NightlyResult> {
  const { db, config, logger } = ctx;
  const { businessDate, source } = opts;
  // Fail loudly before anything changes: rules first, then the source's shape.
  const ruleSet = loadRuleSet(config.rulesDir);
  await source.check();
  const evaluator = new RuleEvaluator(ruleSet);
  const runId = await startRun(db, JOB_NAME, businessDate, ctx.now());
  const actor = `systeem:${JOB_NAME}`;
  const counts = emptyCounts();
  logger.info({ runId, businessDate, rulesetVersion: ruleSet.version }, 'nachtelijke verwerking gestart');
  try {
    for (;;) {
      if (opts.maxBatches !== undefined && counts.batches >= opts.maxBatches) break;
      const watermark = await getWatermark(db, source.key);
      const rows = await source.readBatch(watermark, businessDate, config.batchSize);
      if (rows.length === 0) break;
      await db.transaction(async (trx: Knex.Transaction) => {
        const now = ctx.now();
        const received = new Map<string, { partnerId: number; categories: Map<DataCategory, number> }>();
        for (const row of rows) {
          const partnerCode = String(row.raw.partnerCode ?? '').trim() || '(onbekend)';
          const pp = (counts.perPartner[partnerCode] ??= { received: 0, accepted: 0, quarantined: 0 });
          pp.received += 1;
          counts.received += 1;
          const result = await intakeRow(
            trx,
            { config, evaluator, runId, actor, now },
            { sourceKey: source.key, sourceRowId: String(row.rowId), receivedAt: row.receivedAt, raw: row.raw, receiptProblem: row.receiptProblem },
            businessDate,
          );
          if (result.kind === 'quarantined') {
            pp.quarantined += 1;
            counts.quarantined += 1;
            for (const p of result.problems) counts.quarantineFields[p.field] = (counts.quarantineFields[p.field] ?? 0) + 1;
            continue;
          }
          pp.accepted += 1;
          counts.accepted += 1;
          if (result.isRepeat) counts.repeats += 1;
          if (result.outcome.pickedUp) {
            counts.pickedUp += 1;
            if (result.newCase) counts.newCases += 1;
            else counts.addedToOpenCase += 1;
          } else {
            counts.notPickedUp[result.outcome.reason] = (counts.notPickedUp[result.outcome.reason] ?? 0) + 1;
          }
          const r = received.get(partnerCode) ?? { partnerId: result.partnerId, categories: new Map() };
          for (const cat of result.categories) r.categories.set(cat, (r.categories.get(cat) ?? 0) + 1);
          received.set(partnerCode, r);
        }
        const sharing: SharingEntry[] = [];
        for (const [code, r] of [...received.entries()].sort(([a], [b]) => a.localeCompare(b))) {
          for (const [category, n] of [...r.categories.entries()].sort(([a], [b]) => a.localeCompare(b))) {
            sharing.push({
              businessDate, direction: 'ontvangen', counterparty: `partner:${code}`, partnerId: r.partnerId, category,
              recordCount: n, legalBasis: 'AVG art. 6 lid 1 sub e; Wgs art. 3, 5, 8; Besluit Wgs art. 2', runId,
            });
          }
        }
        await logSharing(trx, sharing, now);
        await setWatermark(trx, source.key, rows[rows.length - 1].rowId, runId, now);
      });
      counts.batches += 1;
      ctx.progress?.(counts.received, counts.received, 'meldingen');
      logger.debug({ runId, batch: counts.batches, rows: rows.length }, 'batch verwerkt');
      await opts.afterBatch?.(counts.batches);
      if (rows.length < config.batchSize) break;
    }
    counts.escalation = await db.transaction((trx) => escalateOpenCases(trx, { evaluator, runId, actor, now: ctx.now() }, businessDate));
    await finishRun(db, runId, 'geslaagd', counts as unknown as Record<string, unknown>, null, ctx.now());
    logger.info(
      { runId, businessDate, received: counts.received, accepted: counts.accepted, quarantined: counts.quarantined, newCases: counts.newCases },
      'nachtelijke verwerking klaar',
    );
    return { runId, businessDate, rulesetVersion: ruleSet.version, counts };
  } catch (e) {
    // Driver messages quote row values (SQL with bound values): mask them before they are stored.
    const message = e instanceof VsError ? e.message : maskValues(String((e as Error)?.stack ?? e));
    await finishRun(db, runId, 'mislukt', counts as unknown as Record<string, unknown>, message, ctx.now()).catch(() => undefined);
    logger.error({ runId, businessDate, code: (e as VsError).code ?? 'ONVERWACHT' }, 'nachtelijke verwerking mislukt');
    throw e;
  }
}
