/**
 * The monthly report job: for one municipality and month (default: the previous calendar month in
 * Europe/Amsterdam) it loads the report snapshot, computes the model and writes the Excel workbook
 * and the PDF into the output directory, each atomically. The same data gives the same numbers.
 */
import path from 'node:path';
import type { JobContext } from '../src/jobContext';
import { addMonths, amsterdamDate, firstOfMonth, lastOfMonth } from '../src/domain/dates';
import { findGemeente } from '../src/domain/gemeenten';
import { loadReportSnapshot } from '../src/db/reportData';
import { finishRun, startRun } from '../src/db/jobRuns';
import { buildMonthlyReport, type MonthlyReport } from '../src/domain/reports/model';
import { renderXlsx } from '../reports/xlsx';
import { renderPdf } from '../reports/pdf';
import { writeFileAtomic } from '../src/fsAtomic';
import { buildDdasExport, writeDdasFile } from '../src/services/ddasExport';
import { CURRENT_DDAS_VERSION } from '../src/domain/ddas/codes';
import { UsageError, VsError } from '../src/errors';

export const JOB_NAME = 'maandrapportage';

export interface MonthlyReportOptions {
  /** `YYYY-MM`; default the previous month. */
  month?: string;
  /** CBS code; default the installation's municipality (VS_GEMEENTE). */
  gemeenteCode?: string;
  /** Output directory; default VS_OUT_DIR. */
  outDir?: string;
  /** Counts of 1–4 as "<5" for reports that leave the organisation (file names end in `-extern`). */
  smallNumbers?: boolean;
}

export interface MonthlyReportResult {
  month: string;
  gemeente: { code: string; name: string };
  files: { xlsx: string; pdf: string; json?: string };
  report: MonthlyReport;
}

/** The month before the one `now` falls in (Amsterdam). */
export function previousMonth(now: Date): string {
  return addMonths(firstOfMonth(amsterdamDate(now).slice(0, 7)), -1).slice(0, 7);
}

/** The last month that is complete on `lastDay` (its own month when it is the month's last day). */
export function lastCompleteMonth(lastDay: string): string {
  const month = lastDay.slice(0, 7);
  return lastDay === lastOfMonth(month) ? month : addMonths(firstOfMonth(month), -1).slice(0, 7);
}

export function reportBaseName(gemeenteCode: string, month: string, smallNumbers: boolean): string {
  return `maandrapportage-${gemeenteCode}-${month}${smallNumbers ? '-extern' : ''}`;
}

export async function run(ctx: JobContext, opts: MonthlyReportOptions = {}): Promise<MonthlyReportResult> {
  const { db, config, logger } = ctx;
  const month = opts.month ?? previousMonth(ctx.now());
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError(`"${month}" is geen maand in de vorm jjjj-mm`);
  const today = amsterdamDate(ctx.now());
  if (firstOfMonth(month) > today) throw new UsageError(`De maand ${month} is nog niet begonnen`);
  if (lastOfMonth(month) >= today) throw new UsageError(`De maand ${month} is nog niet afgelopen; de rapportage gaat over een volledige maand`);
  const gemeenteCode = opts.gemeenteCode ?? config.gemeenteCode;
  if (!/^\d{4}$/.test(gemeenteCode)) throw new UsageError(`"${gemeenteCode}" is geen CBS-gemeentecode (4 cijfers)`);
  if (!findGemeente(gemeenteCode)) logger.warn({ gemeenteCode }, 'gemeentecode niet in de lijst met namen; rapport toont de code');
  const smallNumbers = opts.smallNumbers ?? false;
  const outDir = path.resolve(opts.outDir ?? config.outDir);

  // The run is keyed by the month (`YYYY-MM`), as the scheduler plans it.
  const runId = ctx.dryRun ? null : await startRun(db, JOB_NAME, month, ctx.now());
  try {
    const base = path.join(outDir, reportBaseName(gemeenteCode, month, smallNumbers));
    let json: string | undefined;
    if (!ctx.dryRun && !smallNumbers) {
      // The national DDAS delivery (not for the small-numbers edition, which leaves the organisation) for the same municipality and month, validated and logged as
      // shared with CBS before the report is built, so the report accounts for it; its counts
      // equal the report's totals (test/jobs/monthly-report-ddas.test.ts).
      const ddas = await buildDdasExport(db, { month, gemeenteCode, version: CURRENT_DDAS_VERSION, now: ctx.now(), config });
      json = (await writeDdasFile(db, ddas.delivery, { outDir, now: ctx.now(), actor: `systeem:${JOB_NAME}`, runId })).file;
    }
    const snapshot = await loadReportSnapshot(db, {
      month, gemeenteCode, homeGemeente: config.gemeenteCode, retention: config.retention,
    });
    const report = buildMonthlyReport(snapshot);
    const renderOpts = { smallNumbers, generatedAt: ctx.now() };
    const xlsx = await renderXlsx(report, renderOpts);
    const pdf = await renderPdf(report, renderOpts);
    const files: MonthlyReportResult['files'] = { xlsx: `${base}.xlsx`, pdf: `${base}.pdf`, ...(json ? { json } : {}) };
    if (!ctx.dryRun) {
      writeFileAtomic(files.xlsx, xlsx);
      writeFileAtomic(files.pdf, pdf);
    }
    if (runId !== null) {
      await finishRun(db, runId, 'geslaagd', {
        month, gemeente: gemeenteCode, smallNumbers, received: report.current.signals.received,
        violations: report.compliance.total, files: Object.values(files).map((f) => path.basename(f)),
      }, null, ctx.now());
    }
    logger.info({ month, gemeenteCode, smallNumbers, violations: report.compliance.total }, 'maandrapportage gemaakt');
    return { month, gemeente: report.gemeente, files, report };
  } catch (e) {
    if (runId !== null) {
      const message = e instanceof VsError ? e.message : String((e as Error)?.stack ?? e);
      await finishRun(db, runId, 'mislukt', { month, gemeente: gemeenteCode }, message, ctx.now()).catch(() => undefined);
    }
    throw e;
  }
}
