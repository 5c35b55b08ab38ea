import type { Command } from 'commander';
import { action } from '../action';
import { openApp } from '../app';
import { ensureDemoSource } from '../../demo/ensure';
import { addDays, amsterdamDate, dateRange, formatDateNl } from '../../domain/dates';
import { intakeSummary } from '../../db/summary';
import { formatInt } from '../../format';
import { redactUrl } from '../../config';
import { renderSummary } from '../render';
import { runNightlyDates } from './nightly';
import { DEMO_DEFAULTS } from './demo';
import { describeReport, produceMonthlyReport } from './report';
import { lastCompleteMonth } from '../../../jobs/monthly-report';

export function register(program: Command): void {
  program
    .command('start')
    .description(
      'Wat `npm start` doet: database bijwerken, demobron vullen als er geen bron is ingesteld, ' +
        'de nachtelijke verwerking voor elke dag van de periode, en een samenvatting',
    )
    .action(
      action(async () => {
        const started = Date.now();
        const app = await openApp();
        try {
          const today = amsterdamDate(new Date());
          let dates: string[];
          if (app.config.demoSource) {
            const demo = await ensureDemoSource(app.sourceDb(), app.config.sourceTable, {
              ...DEMO_DEFAULTS,
              endDate: addDays(today, -1),
              gemeenteCode: app.config.gemeenteCode,
            });
            process.stdout.write(
              demo.created
                ? `Geen bron ingesteld (VS_SOURCE_URL): demobron aangemaakt met ${formatInt(demo.rows)} meldingen.\n`
                : `Demobron gevonden met ${formatInt(demo.rows)} meldingen.\n`,
            );
            dates = dateRange(demo.from, demo.to);
          } else {
            dates = [addDays(today, -1)];
          }
          process.stdout.write(`Verwerkingsdagen: ${formatDateNl(dates[0])} t/m ${formatDateNl(dates[dates.length - 1])}\n`);
          // In demo mode simulated caseworkers (actor "simulatie:…", cases marked simulated) work the
          // queues after each night, so the database holds realistic case histories.
          const sim = { closed: 0, routes: 0, zorgmeldingen: 0 };
          const results = await runNightlyDates(app, dates, {
            skipDone: true,
            quiet: false,
            simulate: app.config.demoSource
              ? { seed: DEMO_DEFAULTS.seed, onDay: (c) => { sim.closed += c.closed; sim.routes += c.routesStarted; sim.zorgmeldingen += c.zorgmeldingen; } }
              : undefined,
          });
          if (results.length === 0) process.stdout.write('Alle dagen waren al verwerkt.\n');
          const summary = await intakeSummary(app.db, { from: dates[0], to: dates[dates.length - 1] }, today);
          process.stdout.write('\n' + renderSummary(summary) + '\n');
          if (app.config.demoSource && results.length) {
            process.stdout.write(
              `\nGesimuleerde casemanagers (demo): ${formatInt(sim.closed)} zaken afgesloten, ${formatInt(sim.routes)} routes gestart, ` +
                `${formatInt(sim.zorgmeldingen)} zorgmeldingen gedaan. Zaakstatus per zaak: npx vroegsignaal case show <zaak>\n`,
            );
          }
          // Monthly report (Excel, PDF) for the last complete month of the processed period.
          const reportResult = await produceMonthlyReport(app, { month: lastCompleteMonth(dates[dates.length - 1]) });
          process.stdout.write('\n' + describeReport(reportResult) + '\n');
          process.stdout.write(
            `\nKlaar in ${((Date.now() - started) / 1000).toFixed(1)} s. Database: ${redactUrl(app.config.db.url)}\n` +
              'Werkvoorraden bekijken: npx vroegsignaal queue\n',
          );
        } finally {
          await app.close();
        }
      }),
    );
}
