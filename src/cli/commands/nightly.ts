import type { Command } from 'commander';
import { action, dateOption } from '../action';
import { openApp, type App } from '../app';
import { run as runNightly, JOB_NAME, type NightlyResult } from '../../../jobs/nightly';
import { addDays, amsterdamDate, amsterdamInstant, dateRange, formatDateNl } from '../../domain/dates';
import { hasSucceeded, succeededBusinessDates } from '../../db/jobRuns';
import { createProgress } from '../../progress';
import { newHolderId, withLease } from '../../scheduler/lease';
import { intakeSummary } from '../../db/summary';
import { UsageError } from '../../errors';
import { formatInt } from '../../format';
import { renderSummary } from '../render';
import { simulateWorkday, workDayAfter, type SimulationCounts } from '../../demo/simulate';
import { caseworkSettings } from '../../services/casework';
import type { Route } from '../../domain/casework';

/**
 * Runs the nightly job for each date in order; dates with a successful run are skipped when asked.
 * Each date runs under the nightly job's lease (like the scheduler), so a manual run never overlaps
 * a scheduled one; with `skipDone` the run log is checked again under the lease.
 */
export async function runNightlyDates(
  app: App,
  dates: string[],
  opts: { skipDone: boolean; quiet: boolean; simulate?: { seed: number; onDay?: (c: SimulationCounts) => void } },
): Promise<NightlyResult[]> {
  const done = opts.skipDone ? await succeededBusinessDates(app.db, JOB_NAME) : new Set<string>();
  const todo = dates.filter((d) => !done.has(d));
  const results: NightlyResult[] = [];
  const source = app.source();
  const holder = newHolderId();
  const routeUse = new Map<Route, number>();
  const progress = createProgress({ label: 'Verwerkingsdagen', total: todo.length, mode: opts.quiet ? 'off' : undefined });
  try {
    for (const [i, date] of todo.entries()) {
      // In the demo the nightly run happens in the night after its business date, so its audit
      // entries sit in time order with the simulated caseworkers' work of the next day.
      const ctx = opts.simulate ? app.ctx({ now: () => amsterdamInstant(addDays(date, 1), '01:30:00') }) : app.ctx();
      const r = await withLease(
        app.db,
        { name: JOB_NAME, holder, scope: date, now: ctx.now, ttlMs: app.config.schedule.leaseMinutes * 60_000, logger: app.logger },
        async () => (opts.skipDone && (await hasSucceeded(app.db, JOB_NAME, date)) ? null : runNightly(ctx, { businessDate: date, source })),
      );
      if (r) results.push(r);
      // Demo only: simulated caseworkers work the next working day's queues through the real services,
      // up to the last business date (the queue of the last night waits for real caseworkers).
      const workDate = opts.simulate && r ? workDayAfter(date) : null;
      if (opts.simulate && workDate && workDate <= dates[dates.length - 1]) {
        const counts = await simulateWorkday(app.db, caseworkSettings(app.config), workDate, { seed: opts.simulate.seed, routeUse });
        opts.simulate.onDay?.(counts);
      }
      progress.update(i + 1, r ? `${formatDateNl(date)}: ${formatInt(r.counts.received)} ontvangen, ${formatInt(r.counts.newCases)} ${r.counts.newCases === 1 ? "nieuwe zaak" : "nieuwe zaken"}` : `${formatDateNl(date)}: al verwerkt`);
    }
  } finally {
    progress.stop();
  }
  return results;
}

export function register(program: Command): void {
  program
    .command('nightly')
    .description('Nachtelijke verwerking: nieuwe meldingen lezen, valideren, koppelen, regels toepassen, in werkvoorraad zetten')
    .option('--date <datum>', 'verwerkingsdatum jjjj-mm-dd (standaard: gisteren): meldingen ontvangen t/m die dag', dateOption)
    .option('--van <datum>', 'eerste verwerkingsdatum van een reeks', dateOption)
    .option('--tot <datum>', 'laatste verwerkingsdatum van een reeks', dateOption)
    .option('--json', 'resultaat als JSON')
    .action(
      action(async (opts: { date?: string; van?: string; tot?: string; json?: boolean }) => {
        if (opts.date && (opts.van || opts.tot)) throw new UsageError('Gebruik --date óf --van/--tot, niet beide');
        const yesterday = addDays(amsterdamDate(new Date()), -1);
        const dates = opts.van || opts.tot
          ? dateRange(opts.van ?? opts.tot!, opts.tot ?? yesterday)
          : [opts.date ?? yesterday];
        if (dates.length === 0) throw new UsageError('--van ligt na --tot');
        // A business date is the day whose reports are processed: it must be over. A run for a
        // future date would escalate cases early, and escalation is never undone.
        if (dates[dates.length - 1] > yesterday) {
          throw new UsageError(`Verwerkingsdatum ${dates[dates.length - 1]} ligt niet in het verleden; de laatste mogelijke is gisteren (${yesterday})`);
        }
        const app = await openApp();
        try {
          const results = await runNightlyDates(app, dates, { skipDone: false, quiet: !!opts.json });
          const summary = await intakeSummary(app.db, { from: dates[0], to: dates[dates.length - 1] }, amsterdamDate(new Date()));
          if (opts.json) {
            process.stdout.write(JSON.stringify({ runs: results, summary }, null, 2) + '\n');
          } else {
            const newNow = results.reduce((n, r) => n + r.counts.received, 0);
            if (newNow === 0 && summary.received > 0) {
              process.stdout.write('Deze run vond geen nieuwe meldingen (de dag was al verwerkt; er is niets gewijzigd).\nHieronder wat eerder voor deze periode is verwerkt.\n\n');
            }
            process.stdout.write(renderSummary(summary) + '\n');
          }
        } finally {
          await app.close();
        }
      }),
    );
}
