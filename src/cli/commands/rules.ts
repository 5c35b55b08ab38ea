import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { action, dateOption } from '../action';
import { openApp } from '../app';
import { cliActor } from './quarantine';
import { loadConfig } from '../../config';
import { checkRuleDir, loadRuleSet } from '../../rules/load';
import { readTestCaseFiles, renderTestRun, runTestCases } from '../../rules/testcases';
import { findOverlaps, describeExample } from '../../domain/rules/analyse';
import { parseCaseReference } from '../../db/cases';
import { rulesetHistory } from '../../db/decisions';
import { explainCase, renderExplanation } from '../../services/explain';
import { CHANGE_KINDS, CHANGE_LABELS, simulate, type SimulationResult, type SimulationRow } from '../../services/simulate';
import { writeSimulationXlsx } from '../../../reports/simulation';
import { formatDateNl } from '../../domain/dates';
import { formatInt, table } from '../../format';
import { UsageError, type RuleProblem } from '../../errors';

function problemLine(p: RuleProblem): string {
  return `${p.severity === 'error' ? 'FOUT' : 'WAARSCHUWING'}  ${p.file}${p.rule ? ` [${p.rule}]` : ''}${p.path ? ` ${p.path}` : ''}: ${p.message}`;
}

function describeSide(phase: string, o: SimulationRow['actual']): string {
  if (phase === 'escalatie') {
    return [o.queue ? `escalatie naar ${o.queue} (prio ${o.priority})` : 'geen escalatie', o.zorgmelding ? 'zorgmelding' : 'geen zorgmelding'].join(', ');
  }
  if (!o.pickedUp) return `niet opgepakt (${o.reason})`;
  return `${o.queue}, prio ${o.priority}, termijn ${o.deadline ? formatDateNl(o.deadline) : '-'}`;
}

export function renderSimulation(r: SimulationResult, examples: number): string {
  const out: string[] = [];
  out.push(`Simulatie van regelset ${r.candidateVersion} over ${r.from ? formatDateNl(r.from) : 'het begin'} t/m ${r.to ? formatDateNl(r.to) : 'nu'}`);
  out.push(
    `Opnieuw beoordeeld: ${formatInt(r.evaluated.intake)} meldingen (intake) en ${formatInt(r.evaluated.escalation)} escalatiebeslissingen, ` +
      `genomen onder regelset ${r.actualVersions.join(', ') || '-'}, plus ${formatInt(r.evaluated.atOpening)} zaken zonder escalatiebeslissing (escalatieregels op de zaak bij opening).`,
  );
  out.push(`Er verandert iets bij ${formatInt(r.changedReferences)} zaken/meldingen (${formatInt(r.rows.length)} beslissingen). Er is niets in de database gewijzigd.`);
  out.push('');
  out.push(table(['Wat verandert', 'Zaken/meldingen'], CHANGE_KINDS.map((k) => [CHANGE_LABELS[k], formatInt(r.counts[k])]), [1]));
  for (const k of CHANGE_KINDS) {
    const rows = r.rows.filter((x) => x.changes.includes(k));
    if (rows.length === 0) continue;
    out.push('');
    out.push(`Voorbeelden — ${CHANGE_LABELS[k]} (${rows.length} beslissingen${rows.length > examples ? `, eerste ${examples}` : ''}):`);
    for (const x of rows.slice(0, examples)) {
      out.push(`  ${x.reference}  ${formatDateNl(x.businessDate)}${x.basis === 'bij-opening' ? ' (bij opening)' : ''}  nu: ${describeSide(x.phase, x.actual)}  →  kandidaat: ${describeSide(x.phase, x.candidate)}`);
    }
  }
  return out.join('\n');
}

export function register(program: Command): void {
  const rules = program
    .command('rules')
    .description('Regels voor beleidsmedewerkers: controleren, testen, uitleggen, simuleren en versies bekijken');

  rules
    .command('check')
    .description('Controleert alle regelbestanden zonder iets uit te voeren: alle fouten tegelijk (bestand, regel, JSON-pad), plus waarschuwingen over overlap en gaten')
    .option('--rules <map>', 'regelmap (standaard VS_RULES_DIR)')
    .option('--overlap', 'toon ook alle regels die samen kunnen vuren waarbij de prioriteit de uitkomst bepaalt (ter informatie)')
    .action(
      action(async (opts: { rules?: string; overlap?: boolean }) => {
        const dir = opts.rules ?? loadConfig().rulesDir;
        const { ruleSet, problems } = checkRuleDir(dir);
        for (const p of problems) process.stdout.write(`${problemLine(p)}\n`);
        if (!ruleSet) {
          process.stdout.write(`\nRegelset in ${dir} is ONGELDIG: ${problems.filter((p) => p.severity === 'error').length} fout(en). De nachtelijke verwerking start hier niet mee.\n`);
          return 1;
        }
        if (opts.overlap) {
          process.stdout.write('\nRegels die samen kunnen vuren (de uitkomst volgt uit de prioriteit):\n');
          for (const o of findOverlaps(ruleSet).filter((x) => !x.ambiguous)) {
            process.stdout.write(`  ${o.a} + ${o.b} (${o.phase}), bijvoorbeeld bij ${describeExample(o.example)}\n`);
          }
        }
        const warnings = problems.filter((p) => p.severity === 'warning').length;
        process.stdout.write(`${problems.length ? '\n' : ''}Regelset in orde: ${ruleSet.rules.length} regels, versie ${ruleSet.version}${warnings ? `, ${warnings} waarschuwing(en) (blokkeren niet)` : ''}.\n`);
        return 0;
      }),
    );

  rules
    .command('test')
    .description('Draait de testgevallen in <regelmap>/testgevallen/*.json en toont per mislukt geval wat verwacht werd, wat er gebeurde en welke voorwaarde besliste')
    .option('--rules <map>', 'regelmap (standaard VS_RULES_DIR)')
    .action(
      action(async (opts: { rules?: string }) => {
        const config = loadConfig();
        const dir = opts.rules ?? config.rulesDir;
        const ruleSet = loadRuleSet(dir);
        const files = readTestCaseFiles(dir);
        if (files.length === 0) throw new UsageError(`Geen testgevallen gevonden in ${path.join(dir, 'testgevallen')}`);
        const run = await runTestCases(ruleSet, files, config.defaultQueue);
        process.stdout.write(`Regelset ${ruleSet.version} (${dir})\n${renderTestRun(run)}\n`);
        return run.problems.length === 0 && run.results.every((r) => r.passed) ? 0 : 1;
      }),
    );

  rules
    .command('explain')
    .argument('<zaak>', 'zaaknummer: VS-000123 of 123')
    .description('Legt uit waarom een zaak in zijn werkvoorraad staat: per opgeslagen beslissing de feiten, welke regels vuurden en welke niet, voorwaarde voor voorwaarde, met de regelsetversie (het bekijken wordt gelogd)')
    .option('--volledig', 'toon bij elke regel de volledige voorwaardenboom')
    .option('--json', 'uitleg als JSON')
    .action(
      action(async (zaak: string, opts: { volledig?: boolean; json?: boolean }) => {
        const id = parseCaseReference(zaak);
        if (id === null) throw new UsageError(`"${zaak}" is geen zaaknummer; gebruik VS-000123 of 123`);
        const app = await openApp();
        try {
          const explanation = await app.db.transaction((trx) => explainCase(trx, id, { actor: cliActor(), role: 'beleidsmedewerker' }, new Date()));
          process.stdout.write(opts.json ? `${JSON.stringify(explanation, null, 2)}\n` : `${renderExplanation(explanation, { volledig: opts.volledig })}\n`);
          return 0;
        } finally {
          await app.close();
        }
      }),
    );

  rules
    .command('simulate')
    .description('Beoordeelt de opgeslagen meldingen en escalaties van een periode opnieuw met een kandidaat-regelset en toont wat er anders zou zijn; wijzigt niets')
    .requiredOption('--rules <map>', 'map met de kandidaat-regelset')
    .option('--van <datum>', 'eerste verwerkingsdatum (jjjj-mm-dd)', dateOption)
    .option('--tot <datum>', 'laatste verwerkingsdatum (jjjj-mm-dd)', dateOption)
    .option('--xlsx <bestand>', 'Excel-bestand met de verschillen (standaard <VS_OUT_DIR>/simulatie-<versie>.xlsx)')
    .option('--voorbeelden <n>', 'aantal voorbeelden per soort verschil', (v) => Number(v), 10)
    .option('--json', 'resultaat als JSON')
    .action(
      action(async (opts: { rules: string; van?: string; tot?: string; xlsx?: string; voorbeelden: number; json?: boolean }) => {
        if (opts.van && opts.tot && opts.van > opts.tot) throw new UsageError('--van ligt na --tot');
        const candidate = loadRuleSet(opts.rules);
        const app = await openApp();
        try {
          const result = await simulate(app.db, candidate, { from: opts.van ?? null, to: opts.tot ?? null, defaults: app.config.defaultQueue });
          const file = opts.xlsx ?? path.join(app.config.outDir, `simulatie-${candidate.version}.xlsx`);
          fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
          await writeSimulationXlsx(result, file, new Date());
          if (opts.json) process.stdout.write(`${JSON.stringify({ ...result, xlsx: file }, null, 2)}\n`);
          else process.stdout.write(`${renderSimulation(result, opts.voorbeelden)}\n\nExcel: ${file}\n`);
          return 0;
        } finally {
          await app.close();
        }
      }),
    );

  rules
    .command('history')
    .description('Regelsetversies die golden: eerste en laatste verwerkingsdatum en aantal beslissingen per versie')
    .option('--json', 'als JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const app = await openApp();
        try {
          const history = await rulesetHistory(app.db);
          let current: string | null = null;
          try {
            current = loadRuleSet(app.config.rulesDir).version;
          } catch {
            current = null;
          }
          if (opts.json) {
            process.stdout.write(`${JSON.stringify({ huidigeVersie: current, versies: history }, null, 2)}\n`);
            return 0;
          }
          if (history.length === 0) process.stdout.write('Nog geen beslissingen opgeslagen.\n');
          else {
            process.stdout.write(
              `${table(
                ['Versie', 'Eerste datum', 'Laatste datum', 'Intake', 'Escalatie', 'Totaal', 'Runs'],
                history.map((h) => [h.version, formatDateNl(h.firstDate), formatDateNl(h.lastDate), formatInt(h.intake), formatInt(h.escalation), formatInt(h.total), formatInt(h.runs)]),
                [3, 4, 5, 6],
              )}\n`,
            );
          }
          process.stdout.write(`\nHuidige regelset in ${app.config.rulesDir}: ${current ?? 'ONGELDIG (zie rules check)'}${current && !history.some((h) => h.version === current) ? ' (nog niet gebruikt)' : ''}\n`);
          return 0;
        } finally {
          await app.close();
        }
      }),
    );
}


