import os from 'node:os';
import type { Command } from 'commander';
import { action } from '../action';
import { openApp } from '../app';
import { listQuarantine } from '../../db/quarantine';
import { audit } from '../../db/logs';
import { caseReference } from '../../db/cases';
import { REPORT_FIELDS, type ReportField } from '../../domain/intake';
import { amsterdamDate, formatDateNl } from '../../domain/dates';
import { correctQuarantined, revalidateQuarantined } from '../../services/quarantine';
import { loadRuleSet } from '../../rules/load';
import { RuleEvaluator } from '../../rules/engine';
import { UsageError } from '../../errors';
import { loadConfig } from '../../config';

/** Who is at the keyboard, for the audit trail (VS_USER, else the OS user). */
export function cliActor(): string {
  return loadConfig().user ?? os.userInfo().username;
}

export function register(program: Command): void {
  const q = program
    .command('quarantine')
    .description('Meldingen die niet door de controle kwamen: bekijken, corrigeren en opnieuw controleren');
  q.command('list', { isDefault: true })
    .description('Toont de open quarantaineregels met alle redenen (het bekijken wordt gelogd in de audittrail)')
    .option('--alle', 'ook al verwerkte regels tonen')
    .option('--json', 'als JSON')
    .action(
      action(async (opts: { alle?: boolean; json?: boolean }) => {
        const app = await openApp();
        try {
          const rows = await listQuarantine(app.db, opts.alle ? {} : { status: 'open' });
          // Raw rows hold personal data: every view is audited.
          await app.db.transaction((trx) =>
            audit(trx, rows.map((r) => ({
              actor: cliActor(), role: 'beheerder', action: 'quarantaine.bekeken', entity: 'quarantine', entityId: r.id,
            })), new Date()),
          );
          if (opts.json) {
            process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
            return;
          }
          if (rows.length === 0) {
            process.stdout.write('Geen meldingen in quarantaine.\n');
            return;
          }
          for (const r of rows) {
            process.stdout.write(
              `#${r.id}  bronregel ${r.sourceRowId}  verwerkingsdatum ${formatDateNl(r.businessDate)}  status ${r.status}` +
                (r.resolvedSignalId ? ` (signaal ${r.resolvedSignalId})` : '') + '\n',
            );
            for (const p of r.problems) {
              const value = r.raw[p.field];
              process.stdout.write(`    - ${p.message}${value !== undefined && value !== null && value !== '' ? `   [waarde: ${JSON.stringify(value)}]` : ''}\n`);
            }
          }
          process.stdout.write(
            `\n${rows.length} regel(s). Corrigeren: npx vroegsignaal quarantine corrigeer <nr> veld=waarde …\n` +
              'Opnieuw controleren: npx vroegsignaal quarantine opnieuw [nr …]\n' +
              `Velden: ${(Object.keys(REPORT_FIELDS) as ReportField[]).filter((f) => f !== 'sourceRowId' && f !== 'receivedAt').join(', ')}\n`,
          );
        } finally {
          await app.close();
        }
      }),
    );
  q.command('corrigeer <nr> <correcties...>')
    .description('Corrigeert velden van een quarantaineregel, bijv.: corrigeer 12 achternaam="de Vries" postcode="1111 AB"')
    .option('--reden <tekst>', 'reden van de correctie (voor de audittrail)')
    .action(
      action(async (nr: string, corrections: string[], opts: { reden?: string }) => {
        if (!/^\d+$/.test(nr)) throw new UsageError(`"${nr}" is geen quarantainenummer`);
        const parsed: Record<string, string> = {};
        for (const c of corrections) {
          const i = c.indexOf('=');
          if (i <= 0) throw new UsageError(`"${c}" is geen correctie in de vorm veld=waarde`);
          if (c.slice(0, i) in parsed) throw new UsageError(`Veld "${c.slice(0, i)}" staat twee keer in de correctie`);
          parsed[c.slice(0, i)] = c.slice(i + 1);
        }
        const app = await openApp();
        try {
          const now = new Date();
          const r = await app.db.transaction((trx) =>
            correctQuarantined(trx, Number(nr), parsed, { actor: cliActor(), role: 'beheerder', reason: opts.reden ?? null }, amsterdamDate(now), now),
          );
          process.stdout.write(
            r.problemsLeft === 0
              ? `Regel ${nr} is nu geldig. Neem haar op met: npx vroegsignaal quarantine opnieuw ${nr}\n`
              : `Regel ${nr} bijgewerkt; er zijn nog ${r.problemsLeft} probleem/problemen.\n`,
          );
        } finally {
          await app.close();
        }
      }),
    );
  q.command('opnieuw [nrs...]')
    .description('Controleert open quarantaineregels opnieuw (alle, of de genoemde); geldige regels worden alsnog verwerkt')
    .action(
      action(async (nrs: string[]) => {
        const app = await openApp();
        try {
          const evaluator = new RuleEvaluator(loadRuleSet(app.config.rulesDir));
          const now = new Date();
          const bad = nrs.find((n) => !/^\d+$/.test(n));
          if (bad) throw new UsageError(`"${bad}" is geen quarantainenummer`);
          const ids = nrs.length ? nrs.map(Number) : 'all';
          const results = await app.db.transaction((trx) =>
            revalidateQuarantined(trx, { config: app.config, evaluator, runId: null, actor: cliActor(), now }, ids, amsterdamDate(now)),
          );
          for (const r of results) {
            process.stdout.write(
              r.accepted
                ? `#${r.id}: verwerkt als signaal ${r.signalId}${r.caseId ? `, zaak ${caseReference(r.caseId)}` : ' (niet opgepakt)'}\n`
                : `#${r.id}: nog steeds ongeldig: ${r.problems.join('; ')}\n`,
            );
          }
          process.stdout.write(`${results.filter((r) => r.accepted).length} van ${results.length} regel(s) verwerkt.\n`);
          return results.every((r) => r.accepted) ? 0 : 1;
        } finally {
          await app.close();
        }
      }),
    );
}
