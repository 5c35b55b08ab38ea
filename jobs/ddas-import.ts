/**
 * Imports a DDAS vroegsignalering delivery from the previous system as history (see
 * src/services/ddasImport.ts). The whole file is one transaction; `ctx.dryRun` checks and counts
 * everything and then rolls back.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { JobContext } from '../src/jobContext';
import { importDdas, type DdasImportResult } from '../src/services/ddasImport';
import { resolveBsnKey } from '../src/services/bsnKey';
import { UsageError } from '../src/errors';

export const JOB_NAME = 'ddas-import';

export interface DdasImportJobOptions {
  file: string;
  gemeenten?: string[];
  actor?: string;
}

export async function run(ctx: JobContext, opts: DdasImportJobOptions): Promise<DdasImportResult> {
  if (!fs.existsSync(opts.file)) throw new UsageError(`Bestand niet gevonden: ${opts.file}`);
  if (!fs.statSync(opts.file).isFile()) throw new UsageError(`${opts.file} is geen bestand`);
  const content = fs.readFileSync(opts.file);
  const result = await importDdas(ctx.db, {
    fileName: path.basename(opts.file),
    content,
    bsnKey: resolveBsnKey(ctx.config),
    actor: opts.actor ?? `systeem:${JOB_NAME}`,
    now: ctx.now(),
    dryRun: ctx.dryRun,
    gemeenten: opts.gemeenten,
    ownSupplierCode: ctx.config.ddas.supplierCode,
  });
  // Counts only: no IDs, BSNs or addresses in the log.
  ctx.logger.info(
    { bestand: path.basename(opts.file), versie: result.version, leverancier: result.supplierCode, dryRun: result.dryRun, batch: result.batchId, ...result.totals },
    'DDAS-import verwerkt',
  );
  return result;
}
