import type { Command } from 'commander';
import { action } from '../action';
import { openApp } from '../app';
import { jobPlans } from '../../scheduler/plan';
import { monthlyReportJob, MONTHLY_JOB } from '../../scheduler/jobs';
import { buildStatus, renderStatus } from '../../scheduler/status';
import { JOB_NAME as NIGHTLY_JOB } from '../../../jobs/nightly';
import { JOB_NAME as RETENTION_JOB } from '../../../jobs/retention';

export function register(program: Command): void {
  program
    .command('status')
    .description(
      'Stand van de onbeheerde verwerking: laatste runs per taak, gemiste of achterstallige dagen, sloten, werkvoorraden, ' +
        'quarantaine en wat de bewaartermijnen laatst verwijderden. Exitcode 1 als iets aandacht nodig heeft (voor monitoring).',
    )
    .option('--json', 'als JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const app = await openApp();
        try {
          const monthlyAvailable = monthlyReportJob() !== undefined;
          const plans = jobPlans(app.config.schedule, { nightly: NIGHTLY_JOB, monthly: monthlyAvailable ? MONTHLY_JOB : undefined, retention: RETENTION_JOB });
          const s = await buildStatus(app.db, app.config, plans, new Date(), { retention: RETENTION_JOB, monthlyAvailable });
          process.stdout.write((opts.json ? JSON.stringify(s, null, 2) : renderStatus(s)) + '\n');
          return s.attention.length ? 1 : 0;
        } finally {
          await app.close();
        }
      }),
    );
}
