import type { Command } from 'commander';
import { action, dateOption, intOption } from '../action';
import { openApp } from '../app';
import { migrationConfig } from '../../db/connection';
import { createDemoSource, resolveGemeente } from '../../demo/ensure';
import { demoSourceRowCount } from '../../demo/source';
import { demoPeriod } from '../../demo/generator';
import { addDays, amsterdamDate, formatDateNl } from '../../domain/dates';
import { UsageError } from '../../errors';
import { formatInt } from '../../format';

export const DEMO_DEFAULTS = { seed: 2026, months: 3 };

export function register(program: Command): void {
  program
    .command('demo')
    .description('Vult de demobron (centraal meldpunt) met realistische, synthetische meldingen')
    .option('--months <n>', 'aantal maanden', intOption(1, 24), DEMO_DEFAULTS.months)
    .option('--seed <n>', 'startwaarde: dezelfde seed geeft dezelfde data', intOption(0, 2 ** 31 - 1), DEMO_DEFAULTS.seed)
    .option('--gemeente <code>', 'CBS-gemeentecode (0384 Diemen, 0363 Amsterdam, 1900 Súdwest-Fryslân, …)')
    .option('--inwoners <n>', 'aantal inwoners (bepaalt het aantal meldingen)', intOption(1000, 20_000_000))
    .option('--tot <datum>', 'laatste dag van de demoperiode (standaard: gisteren)', dateOption)
    .option('--overschrijven', 'een bestaande demobron vervangen (zet ook de eigen database opnieuw op)')
    .action(
      action(async (opts: { months: number; seed: number; gemeente?: string; inwoners?: number; tot?: string; overschrijven?: boolean }) => {
        const app = await openApp();
        try {
          if (!app.config.demoSource) {
            throw new UsageError('VS_SOURCE_URL is gezet: de demo schrijft alleen in de demobron in de datamap, nooit in een echte bron');
          }
          const table = app.config.sourceTable;
          if ((await demoSourceRowCount(app.sourceDb(), table)) > 0 && !opts.overschrijven) {
            throw new UsageError('De demobron bestaat al. Gebruik --overschrijven om haar te vervangen.');
          }
          const gemeenteCode = opts.gemeente ?? app.config.gemeenteCode;
          const gemeente = resolveGemeente(gemeenteCode, opts.inwoners);
          const endDate = opts.tot ?? addDays(amsterdamDate(new Date()), -1);
          if (opts.overschrijven) {
            // A new demo source invalidates what was read from the old one.
            await app.db.migrate.rollback(migrationConfig(), true);
            await app.db.migrate.latest(migrationConfig());
          }
          const rows = await createDemoSource(app.sourceDb(), table, {
            seed: opts.seed, months: opts.months, endDate, gemeenteCode, inhabitants: opts.inwoners,
          });
          const period = demoPeriod(endDate, opts.months);
          process.stdout.write(
            `Demobron gevuld: ${formatInt(rows.length)} meldingen voor ${gemeente.name} (${gemeente.code}), ` +
              `${formatDateNl(period.from)} t/m ${formatDateNl(period.to)}, seed ${opts.seed}.\n` +
              `Verwerk ze met: npx vroegsignaal nightly --van ${period.from} --tot ${period.to}\n`,
          );
        } finally {
          await app.close();
        }
      }),
    );
}
