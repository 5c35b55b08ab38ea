import type { Command } from 'commander';
import { action } from '../action';
import { loadConfig } from '../../config';
import { checkRuleDir } from '../../rules/load';

export function register(program: Command): void {
  const rules = program.command('rules').description('Regelbestanden voor beleidsmedewerkers: controleren (en meer)');
  rules
    .command('check')
    .description('Controleert alle regelbestanden zonder iets uit te voeren; meldt alle fouten tegelijk')
    .option('--rules <map>', 'regelmap (standaard VS_RULES_DIR)')
    .action(
      action(async (opts: { rules?: string }) => {
        const dir = opts.rules ?? loadConfig().rulesDir;
        const { ruleSet, problems } = checkRuleDir(dir);
        for (const p of problems) {
          process.stdout.write(
            `${p.severity === 'error' ? 'FOUT' : 'WAARSCHUWING'}  ${p.file}${p.rule ? ` [${p.rule}]` : ''}${p.path ? ` ${p.path}` : ''}: ${p.message}\n`,
          );
        }
        if (!ruleSet) {
          process.stdout.write(`\nRegelset in ${dir} is ONGELDIG: ${problems.filter((p) => p.severity === 'error').length} fout(en).\n`);
          return 1;
        }
        process.stdout.write(`Regelset in orde: ${ruleSet.rules.length} regels, versie ${ruleSet.version}.\n`);
        return 0;
      }),
    );
}
