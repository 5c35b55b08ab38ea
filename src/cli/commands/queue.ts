import type { Command } from 'commander';
import { action, intOption } from '../action';
import { openApp } from '../app';
import { listQueueItems } from '../../db/cases';
import { amsterdamDate } from '../../domain/dates';
import { groupQueues, renderQueues } from '../render';
import { CONTACT_STATUSES } from '../../domain/caseFacts';

export function register(program: Command): void {
  program
    .command('queue')
    .description('Toont de werkvoorraden: per werkvoorraad het aantal zaken en de bovenste zaken op volgorde (prioriteit, termijn, zaaknummer)')
    .option('--top <n>', 'aantal zaken per werkvoorraad in de tekstweergave', intOption(1, 10000), 10)
    .option('--json', 'alle open zaken als JSON (met werkvoorraad, prioriteit, termijn en beslissende regel)')
    .action(
      action(async (opts: { top: number; json?: boolean }) => {
        const app = await openApp();
        try {
          const items = await listQueueItems(app.db);
          const today = amsterdamDate(new Date());
          if (opts.json) {
            const queues = groupQueues(items).map((g) => ({
              queue: g.queue,
              count: g.items.length,
              overdue: g.items.filter((i) => i.deadline < today && !CONTACT_STATUSES.includes(i.status)).length,
              cases: g.items.map((i) => ({
                case: i.reference,
                queue: i.queue,
                priority: i.priority,
                deadline: i.deadline,
                rule: i.decidedByRule,
                status: i.status,
                zorgmeldingRequired: i.zorgmeldingRequired,
                signals: i.signalCount,
                arrearsCents: i.latestArrearsCents,
              })),
            }));
            process.stdout.write(JSON.stringify({ date: today, queues }, null, 2) + '\n');
          } else {
            process.stdout.write(renderQueues(items, today, opts.top) + '\n');
          }
        } finally {
          await app.close();
        }
      }),
    );
}
