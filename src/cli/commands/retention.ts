import type { Command } from 'commander';
import { action, dateOption } from '../action';
import { openApp } from '../app';
import { run as runRetention, JOB_NAME, type RetentionResult } from '../../../jobs/retention';
import { formatDateNl, formatInt } from '../../format';
import { withLease, newHolderId } from '../../scheduler/lease';

const LABELS: Record<string, string> = {
  huishoudens: 'Huishoudens (naam, adres, geboortedatum)',
  geboortedata: '  waarvan met geboortedatum',
  signaalReferenties: 'Referentienummers van meldingen',
  quarantaine: 'Ruwe gegevens in quarantaine',
  toestemmingOndertekenaars: 'Ondertekenaars van toestemmingen',
  contactnotities: 'Notities bij contactpogingen',
  auditWaarden: 'Oude/nieuwe waarden in de audittrail',
  zakenVerlopen: 'Zaken voorbij hun bewaartermijn',
};

function render(r: RetentionResult): string {
  const lines = [
    `${r.dryRun ? 'Proefrun (er verandert niets)' : 'Bewaartermijnen toegepast'} — peildatum ${formatDateNl(r.asOf)}`,
    `  niet-opgepakte meldingen van vóór ${formatDateNl(r.cutoffs.notPickedUpBefore)}, zaken gesloten vóór ${formatDateNl(r.cutoffs.closedBefore)}, quarantaine van vóór ${formatDateNl(r.cutoffs.quarantineBefore)}`,
    '',
    r.dryRun ? 'Zou worden geanonimiseerd:' : 'Geanonimiseerd:',
  ];
  for (const [k, v] of Object.entries(r.counts)) lines.push(`  ${(LABELS[k] ?? k).padEnd(44)} ${formatInt(v).padStart(7)}`);
  if (!r.dryRun) lines.push('', 'Vastgelegd in de audittrail en in het gegevensuitwisselingslog (richting "verwijderd", alleen aantallen).');
  return lines.join('\n');
}

export function register(program: Command): void {
  program
    .command('retention')
    .description(
      'Bewaartermijnen toepassen: persoonsgegevens waarvan de termijn verstreken is worden geanonimiseerd; ' +
        'de aantallen voor rapportages blijven gelijk. Met --dry-run alleen tonen wat zou verdwijnen.',
    )
    .option('--dry-run', 'alleen tonen wat zou worden geanonimiseerd')
    .option('--peildatum <datum>', 'rekenen vanaf deze datum (standaard vandaag)', dateOption)
    .option('--json', 'resultaat als JSON')
    .action(
      action(async (opts: { dryRun?: boolean; peildatum?: string; json?: boolean }) => {
        const app = await openApp();
        try {
          const ctx = app.ctx({ dryRun: !!opts.dryRun });
          const result = opts.dryRun
            ? await runRetention(ctx, { asOf: opts.peildatum })
            : await withLease(
                app.db,
                { name: JOB_NAME, holder: newHolderId(), scope: opts.peildatum ?? null, now: ctx.now, ttlMs: app.config.schedule.leaseMinutes * 60_000, logger: app.logger },
                () => runRetention(ctx, { asOf: opts.peildatum }),
              );
          process.stdout.write((opts.json ? JSON.stringify(result, null, 2) : render(result)) + '\n');
        } finally {
          await app.close();
        }
      }),
    );
}
