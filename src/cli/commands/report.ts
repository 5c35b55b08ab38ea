import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { action } from '../action';
import { openApp, type App } from '../app';
import { run as runMonthlyReport, type MonthlyReportResult } from '../../../jobs/monthly-report';
import { formatInt } from '../../format';
import { monthNameNl } from '../../../reports/labels';

function monthOption(value: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw new InvalidArgumentError(`"${value}" is geen maand in de vorm jjjj-mm`);
  return value;
}

function gemeenteOption(value: string): string {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError(`"${value}" is geen CBS-gemeentecode van 4 cijfers (bijv. 0384)`);
  return value;
}

/** Where the files are and the headline figures, in Dutch, for the terminal. */
export function describeReport(res: MonthlyReportResult, cwd = process.cwd()): string {
  const r = res.report;
  const rel = (f: string) => {
    const r = path.relative(cwd, f);
    return r === '' || r.startsWith('..') || path.isAbsolute(r) ? f : r;
  };
  return [
    `Maandrapportage ${res.gemeente.name} (${res.gemeente.code}), ${monthNameNl(res.month)}:`,
    `  ${formatInt(r.current.signals.received)} meldingen ontvangen, ${formatInt(r.current.signals.newCases)} nieuwe zaken, ` +
      `${formatInt(r.current.openBacklog)} open zaken einde maand; ` +
      (r.compliance.total === 0 ? 'geen overtredingen.' : `${formatInt(r.compliance.total)} overtreding(en), zie hoofdstuk Naleving.`),
    `  Excel: ${rel(res.files.xlsx)}`,
    `  PDF:   ${rel(res.files.pdf)}`,
    ...(res.files.json ? [`  DDAS:  ${rel(res.files.json)}`] : []),
  ].join('\n');
}

/** Produces the monthly report for the given month with an opened app (used by `start` too). */
export async function produceMonthlyReport(
  app: App,
  opts: { month?: string; gemeenteCode?: string; outDir?: string; smallNumbers?: boolean },
): Promise<MonthlyReportResult> {
  return runMonthlyReport(app.ctx(), opts);
}

export function register(program: Command): void {
  const report = program.command('report').description('Rapportages voor de gemeente');
  report
    .command('monthly')
    .description(
      'Maandrapportage (Excel en PDF): resultaten, verantwoording gegevensuitwisseling en naleving, zonder persoonsgegevens',
    )
    .option('--month <jjjj-mm>', 'verslagmaand (standaard: vorige maand)', monthOption)
    .option('--gemeente <code>', 'CBS-gemeentecode (standaard: VS_GEMEENTE)', gemeenteOption)
    .option('--out <map>', 'uitvoermap (standaard: VS_OUT_DIR)')
    .option('--klein-aantal', 'aantallen van 1 t/m 4 tonen als "<5" (voor rapportages die de organisatie verlaten)')
    .action(
      action(async (opts: { month?: string; gemeente?: string; out?: string; kleinAantal?: boolean }) => {
        const app = await openApp();
        try {
          const res = await produceMonthlyReport(app, {
            month: opts.month, gemeenteCode: opts.gemeente, outDir: opts.out, smallNumbers: opts.kleinAantal ?? false,
          });
          process.stdout.write(describeReport(res) + '\n');
        } finally {
          await app.close();
        }
      }),
    );
}
