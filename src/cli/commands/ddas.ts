/**
 * `vroegsignaal export ddas` and `vroegsignaal import ddas`: the national DDAS vroegsignalering
 * delivery to CBS, and bringing a previous system's deliveries along as history.
 */
import { cliActor } from './quarantine';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { action } from '../action';
import { openApp } from '../app';
import { run as runExport } from '../../../jobs/ddas-export';
import { run as runImport } from '../../../jobs/ddas-import';
import { isDdasVersion, type DdasVersion } from '../../domain/ddas/codes';
import { formatDateNl } from '../../domain/dates';
import { formatInt, table } from '../../format';
import type { DdasImportCounts } from '../../services/ddasImport';
import { DdasInvalidError } from '../../services/ddasExport';

function monthOption(value: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new InvalidArgumentError(`"${value}" is geen maand in de vorm jjjj-mm`);
  return value;
}

function versionOption(value: string): DdasVersion {
  if (!isDdasVersion(value)) throw new InvalidArgumentError(`"${value}" is geen DDAS-versie: kies 1.2 of 0.9`);
  return value;
}

function gemeenteOption(value: string): string {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError(`"${value}" is geen CBS-gemeentecode van 4 cijfers`);
  return value;
}

function gemeentenOption(value: string, previous: string[] = []): string[] {
  return [...previous, gemeenteOption(value)];
}

export function register(program: Command): void {
  const exp = program.command('export').description('Exports naar buiten de organisatie (landelijke levering)');
  exp
    .command('ddas')
    .description('DDAS-levering vroegsignalering (JSON voor CBS) van één gemeente en maand: signalen van de maand, zaken met activiteit in de maand, contactpogingen. Bevat gepseudonimiseerde persoonsgegevens volgens de standaard; wordt vastgelegd in het logboek gegevensuitwisseling')
    .requiredOption('--month <jjjj-mm>', 'maand van de levering', monthOption)
    .option('--versie <versie>', 'DDAS-versie: 1.2 (huidig) of 0.9', versionOption, '1.2' as DdasVersion)
    .option('--gemeente <code>', 'CBS-gemeentecode (standaard VS_GEMEENTE)', gemeenteOption)
    .option('--out <map>', 'map voor het bestand (standaard VS_OUT_DIR)')
    .option('--json', 'resultaat als JSON')
    .action(
      action(async (opts: { month: string; versie: DdasVersion; gemeente?: string; out?: string; json?: boolean }) => {
        const app = await openApp();
        try {
          const r = await runExport(app.ctx(), {
            month: opts.month, version: opts.versie, gemeenteCode: opts.gemeente,
            outDir: opts.out ? path.resolve(opts.out) : undefined, actor: `gebruiker:${cliActor()}`,
          });
          if (opts.json) {
            process.stdout.write(JSON.stringify(r, null, 2) + '\n');
            return;
          }
          const lines = [
            `DDAS-levering v${r.version} — gemeente ${r.gemeenteCode}, ${opts.month}`,
            `  Vroegsignalen          ${formatInt(r.counts.signals).padStart(7)}`,
            `  Vroegsignaalzaken      ${formatInt(r.counts.cases).padStart(7)}`,
            `  Contactpogingen        ${formatInt(r.counts.contactAttempts).padStart(7)}`,
            `  Bestand: ${r.file}`,
            '  Vastgelegd in het logboek gegevensuitwisseling (gerapporteerd aan CBS).',
          ];
          if (r.warnings.length) lines.push('', 'Weggelaten:', ...r.warnings.map((w) => `  - ${w}`));
          process.stdout.write(lines.join('\n') + '\n');
        } finally {
          await app.close();
        }
      }),
    );

  const imp = program.command('import').description('Gegevens uit een vorig systeem overnemen');
  imp
    .command('ddas <bestand>')
    .description('Importeert een DDAS-levering vroegsignalering (v1.2 of v0.9, versie herkend aan de veldnamen) als historie: signalen, zaken, eindresultaten en contactpogingen. Een ongeldig bestand wordt in zijn geheel geweigerd met alle problemen; nog eens importeren verandert niets')
    .option('--dry-run', 'alles controleren en tellen, niets opslaan')
    .option('--gemeente <code>', 'alleen deze gemeente importeren (herhaalbaar)', gemeentenOption)
    .option('--json', 'resultaat als JSON')
    .action(
      action(async (file: string, opts: { dryRun?: boolean; gemeente?: string[]; json?: boolean }) => {
        const app = await openApp();
        try {
          let r;
          try {
            r = await runImport(app.ctx({ dryRun: !!opts.dryRun }), {
              file: path.resolve(file), gemeenten: opts.gemeente, actor: `gebruiker:${cliActor()}`,
            });
          } catch (e) {
            if (e instanceof DdasInvalidError && opts.json) {
              process.stdout.write(JSON.stringify({ ok: false, problemen: e.problems }, null, 2) + '\n');
              return 1;
            }
            throw e;
          }
          if (opts.json) {
            process.stdout.write(JSON.stringify({ ok: true, ...r }, null, 2) + '\n');
            return;
          }
          const row = (g: string, c: DdasImportCounts) => [
            g, formatInt(c.signalsNew), formatInt(c.signalsUpdated), formatInt(c.signalsUnchanged),
            formatInt(c.casesNew), formatInt(c.casesUpdated), formatInt(c.attemptsNew), formatInt(c.householdsNew), formatInt(c.householdsMatched),
          ];
          const lines = [
            `${r.dryRun ? 'PROEF (niets opgeslagen): ' : ''}DDAS-import v${r.version}, leverancier ${r.supplierCode}, periode ${formatDateNl(r.periodStart)} t/m ${formatDateNl(r.periodEnd)}`,
            '',
            table(
              ['gemeente', 'signalen nieuw', 'bijgewerkt', 'ongewijzigd', 'zaken nieuw', 'zaken bijgewerkt', 'contactpogingen', 'huishoudens nieuw', 'gekoppeld'],
              [...Object.entries(r.perGemeente).map(([g, c]) => row(g, c)), row('totaal', r.totals)],
              [1, 2, 3, 4, 5, 6, 7, 8],
            ),
            '',
          ];
          if (!r.changed) lines.push('Niets gewijzigd: alles uit dit bestand was al geïmporteerd.');
          else if (!r.dryRun) lines.push(`Vastgelegd als importbatch ${r.batchId}; herkomst van de meldingen: ddas-import.`);
          if (r.earlierImports.length) lines.push(`Dit bestand is eerder geïmporteerd (batch ${r.earlierImports.map((b) => b.id).join(', ')}).`);
          if (r.totals.clientsWithBsn) lines.push(`${formatInt(r.totals.clientsWithBsn)} client(en) met BSN: alleen een versleutelde hash is bewaard, nooit het nummer.`);
          if (r.skippedGemeenten.length) lines.push(`Overgeslagen gemeenten: ${r.skippedGemeenten.join(', ')}`);
          if (r.warnings.length) lines.push('', 'Waarschuwingen (genegeerd):', ...r.warnings.map((w) => `  - ${w.path}: ${w.message}`));
          process.stdout.write(lines.join('\n') + '\n');
        } finally {
          await app.close();
        }
      }),
    );
}

