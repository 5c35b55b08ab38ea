/**
 * Writes the national DDAS vroegsignalering delivery (for CBS) of one municipality and month:
 * built from the database, validated, written atomically and logged as data sharing with CBS.
 */
import type { JobContext } from '../src/jobContext';
import { buildDdasExport, writeDdasFile, type DdasCounts } from '../src/services/ddasExport';
import type { DdasVersion } from '../src/domain/ddas/codes';

export const JOB_NAME = 'ddas-export';

export interface DdasExportJobOptions {
  month: string;
  gemeenteCode?: string;
  version?: DdasVersion;
  outDir?: string;
  actor?: string;
}

export interface DdasExportJobResult {
  file: string | null;
  version: DdasVersion;
  gemeenteCode: string;
  month: string;
  counts: DdasCounts;
  warnings: string[];
}

export async function run(ctx: JobContext, opts: DdasExportJobOptions): Promise<DdasExportJobResult> {
  const gemeenteCode = opts.gemeenteCode ?? ctx.config.gemeenteCode;
  const now = ctx.now();
  const built = await buildDdasExport(ctx.db, { month: opts.month, gemeenteCode, version: opts.version, now, config: ctx.config });
  let file: string | null = null;
  if (!ctx.dryRun) {
    const written = await writeDdasFile(ctx.db, built.delivery, {
      outDir: opts.outDir ?? ctx.config.outDir, now, actor: opts.actor ?? `systeem:${JOB_NAME}`,
    });
    file = written.file;
  }
  // Counts only: the delivery holds personal data and is never logged.
  ctx.logger.info({ gemeenteCode, month: opts.month, version: built.version, ...built.counts, weggelaten: built.warnings.length }, 'DDAS-levering gemaakt');
  return { file, version: built.version, gemeenteCode, month: opts.month, counts: built.counts, warnings: built.warnings };
}
