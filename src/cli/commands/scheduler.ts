import type { Command } from 'commander';
import { action, dateOption, intOption } from '../action';
import { openApp } from '../app';
import { loadConfig } from '../../config';
import { addDays, amsterdamDate, amsterdamParts, dayOfWeek, formatDateNl } from '../../domain/dates';
import { jobPlans, planRuns, type PlannedRun } from '../../scheduler/plan';
import { Scheduler, type TickOutcome } from '../../scheduler/scheduler';
import { defaultRegistry, monthlyReportJob, MONTHLY_JOB } from '../../scheduler/jobs';
import { newHolderId } from '../../scheduler/lease';
import { JOB_NAME as NIGHTLY_JOB } from '../../../jobs/nightly';
import { JOB_NAME as RETENTION_JOB } from '../../../jobs/retention';
import { table } from '../../format';

const DAYS = ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'];

export function renderPlan(runs: PlannedRun[]): string {
  return table(
    ['Datum', 'Dag', 'Tijd', 'UTC-offset', 'Taak', 'Voor', 'Opmerking'],
    runs.map((r) => [
      formatDateNl(r.runDate),
      DAYS[dayOfWeek(r.runDate)],
      r.localTime,
      r.offset,
      r.job,
      r.key.length === 10 ? formatDateNl(r.key) : r.key,
      r.note === 'bestaat-niet'
        ? `${r.time} bestaat niet (zomertijd): een uur later`
        : r.note === 'dubbel'
          ? `${r.time} komt twee keer voor (wintertijd): alleen de eerste keer`
          : '',
    ]),
  );
}

function outcomeLine(o: TickOutcome, now: Date): string {
  const p = amsterdamParts(now);
  const key = o.key.length === 10 ? formatDateNl(o.key) : o.key;
  const label = { geslaagd: 'geslaagd', mislukt: 'MISLUKT (wordt later opnieuw geprobeerd)', bezet: 'overgeslagen: een andere verwerking is bezig', 'al-verwerkt': 'al verwerkt' }[o.status];
  return `${formatDateNl(p.date)} ${p.time.slice(0, 5)}  ${o.job} ${key}: ${label}${o.error ? ` — ${o.error.split('\n')[0]}` : ''}`;
}

export function register(program: Command): void {
  program
    .command('scheduler')
    .description(
      'Planner die onbeheerd blijft draaien: elke nacht de nachtelijke verwerking (per verwerkingsdatum precies één keer, ook bij ' +
        'zomer-/wintertijd), de maandrapportage en de bewaartermijnen; haalt gemiste dagen in bij het starten. Stoppen met Ctrl-C of SIGTERM.',
    )
    .option('--plan', 'alleen de geplande runs tonen (Nederlandse tijd met UTC-offset), niets uitvoeren')
    .option('--from <datum>', 'bij --plan: eerste dag (standaard vandaag)', dateOption)
    .option('--days <n>', 'bij --plan: aantal dagen', intOption(1, 3660), 14)
    .option('--once', 'één keer kijken wat klaarstaat (inhalen), dat uitvoeren en stoppen')
    .action(
      action(async (opts: { plan?: boolean; from?: string; days: number; once?: boolean }) => {
        if (opts.plan) {
          const config = loadConfig();
          const plans = jobPlans(config.schedule, {
            nightly: NIGHTLY_JOB,
            // The schedule is shown even when this build lacks the monthly report job.
            monthly: MONTHLY_JOB,
            retention: RETENTION_JOB,
          });
          const from = opts.from ?? amsterdamDate(new Date());
          process.stdout.write(renderPlan(planRuns(plans, from, addDays(from, opts.days - 1))) + '\n');
          if (!monthlyReportJob()) process.stdout.write(`(${MONTHLY_JOB} zit niet in deze versie: de scheduler slaat die over.)\n`);
          return 0;
        }
        const app = await openApp();
        const scheduler = new Scheduler({ db: app.db, config: app.config, logger: app.logger, jobs: defaultRegistry(() => app.source()), holder: newHolderId() });
        const print = (outcomes: TickOutcome[]) => outcomes.forEach((o) => process.stdout.write(outcomeLine(o, new Date()) + '\n'));
        if (opts.once) {
          try {
            const outcomes = await scheduler.tick();
            print(outcomes);
            if (outcomes.length === 0) process.stdout.write('Niets te doen: alles is bij.\n');
            return outcomes.some((o) => o.status === 'mislukt') ? 1 : 0;
          } finally {
            await app.close();
          }
        }
        process.stdout.write(`Planner gestart (${app.config.schedule.tick}, Europe/Amsterdam). Stoppen: Ctrl-C of SIGTERM.\n`);
        app.logger.info({ tick: app.config.schedule.tick }, 'planner gestart');
        const stopped = new Promise<void>((resolve) => {
          const onSignal = (sig: NodeJS.Signals) => {
            process.stderr.write(`\n${sig} ontvangen: de lopende batch wordt afgerond, daarna stopt de planner.\n`);
            app.logger.info({ signal: sig }, 'planner stopt');
            scheduler
              .stop()
              .then(() => app.close())
              .finally(resolve);
          };
          process.once('SIGTERM', onSignal);
          process.once('SIGINT', onSignal);
        });
        // Print what every tick did, also the ticks node-cron starts.
        const tick = scheduler.tick.bind(scheduler);
        scheduler.tick = async () => {
          const o = await tick();
          print(o);
          return o;
        };
        await scheduler.start();
        await stopped;
        process.stdout.write('Planner gestopt.\n');
        return 0;
      }),
    );
}
