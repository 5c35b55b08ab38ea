/** The `vroegsignaal` command line: parses arguments and calls jobs and services, nothing more. */
import { Command, CommanderError } from 'commander';
import { VsError } from '../errors';
import { CONFIG_VARIABLES } from '../config';
import { register as registerStart } from './commands/start';
import { register as registerDemo } from './commands/demo';
import { register as registerNightly } from './commands/nightly';
import { register as registerQueue } from './commands/queue';
import { register as registerQuarantine } from './commands/quarantine';
import { register as registerRules } from './commands/rules';
import { register as registerMigrate } from './commands/migrate';
import { register as registerDdas } from './commands/ddas';
import { register as registerReport } from './commands/report';
import { register as registerCase } from './commands/case';
import { register as registerScheduler } from './commands/scheduler';
import { register as registerStatus } from './commands/status';
import { register as registerRetention } from './commands/retention';

/** Commander's own texts (usage, errors) in Dutch, like the rest of the CLI. */
const DUTCH: Array<[RegExp, string]> = [
  [/^Usage:/gm, 'Gebruik:'],
  [/^Options:/gm, 'Opties:'],
  [/^Commands:/gm, "Commando's:"],
  [/^Arguments:/gm, 'Argumenten:'],
  [/display help for command/g, 'toon hulp bij dit commando'],
  [/\(default: /g, '(standaard: '],
  [/\(choices: /g, '(keuzes: '],
  [/\[options\]/g, '[opties]'],
  [/\[command\]/g, '[commando]'],
  [/error: unknown command '([^']*)'/g, "fout: onbekend commando '$1'"],
  [/error: unknown option '([^']*)'/g, "fout: onbekende optie '$1'"],
  [/error: required option '([^']*)' not specified/g, "fout: verplichte optie '$1' ontbreekt"],
  [/error: option '([^']*)' argument '([^']*)' is invalid\./g, "fout: optie '$1' met waarde '$2' is ongeldig."],
  [/error: option '([^']*)' argument missing/g, "fout: optie '$1' mist een waarde"],
  [/error: missing required argument '([^']*)'/g, "fout: verplicht argument '$1' ontbreekt"],
  [/error: too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./g, 'fout: te veel argumenten (verwacht $2, gekregen $3).'],
  [/\(Did you mean ([^)]*)\?\)/g, '(Bedoelt u $1?)'],
];

export function toDutch(text: string): string {
  return DUTCH.reduce((t, [re, nl]) => t.replace(re, nl), text);
}

export function buildProgram(): Command {
  const program = new Command('vroegsignaal')
    .description('Vroegsignalering huurachterstanden: meldingen verwerken, werkvoorraden, regels en rapportages')
    .configureOutput({
      writeOut: (str) => process.stdout.write(toDutch(str)),
      writeErr: (str) => process.stderr.write(toDutch(str)),
    })
    .helpCommand('help [commando]', 'toon hulp bij een commando')
    .showHelpAfterError('(gebruik --help voor hulp)')
    .addHelpText(
      'after',
      `\nConfiguratie (omgevingsvariabelen):\n${CONFIG_VARIABLES.map((v) => `  ${v.name.padEnd(26)} ${v.description} (standaard: ${v.default})`).join('\n')}\n`,
    );
  registerStart(program);
  registerDemo(program);
  registerNightly(program);
  registerQueue(program);
  registerQuarantine(program);
  registerCase(program);
  registerRules(program);
  registerMigrate(program);
  registerDdas(program);
  registerReport(program);
  registerScheduler(program);
  registerStatus(program);
  registerRetention(program);
  return program;
}

/**
 * Problems of the environment (a database that is not reachable, a file that cannot be opened) are
 * not programming errors: they get a Dutch message naming what to check, without a stack trace.
 */
export function environmentMessage(e: unknown): string | null {
  const err = e as { code?: string; message?: string } | null;
  const code = String(err?.code ?? '');
  const msg = String(err?.message ?? '');
  if (['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET'].includes(code) || /ECONNREFUSED|ENOTFOUND|getaddrinfo|Timeout acquiring a connection/.test(msg)) {
    return 'De database of de bron is niet bereikbaar. Controleer VS_DB_URL en VS_SOURCE_URL en of de server draait.';
  }
  if (['28P01', '28000', 'ELOGIN'].includes(code) || /password authentication failed|Login failed/i.test(msg)) {
    return 'Aanmelden bij de database mislukt: controleer gebruiker en wachtwoord in VS_DB_URL of VS_SOURCE_URL.';
  }
  if (code === '3D000' || /database ".*" does not exist/.test(msg)) return `De database bestaat niet (${msg.replace(/^.*?database/, 'database')}).`;
  if (code === 'SQLITE_CANTOPEN' || /unable to open database file/.test(msg)) {
    return 'Het SQLite-bestand kan niet worden geopend of aangemaakt: controleer VS_DATA_DIR / VS_DB_URL en de schrijfrechten.';
  }
  if (['EISDIR', 'ENOENT', 'EACCES', 'ENOTDIR', 'EPERM', 'EROFS'].includes(code)) {
    return `Bestand of map niet bruikbaar: ${msg.replace(/^[A-Z]+: /, '')}`;
  }
  return null;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof VsError) {
      process.stderr.write(`Fout (${e.code}): ${e.message}\n`);
      return 1;
    }
    const env = environmentMessage(e);
    if (env) {
      process.stderr.write(`Fout: ${env}\n`);
      return 1;
    }
    process.stderr.write(`Onverwachte fout: ${(e as Error)?.stack ?? String(e)}\n`);
    return 1;
  }
}
