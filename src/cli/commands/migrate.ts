import type { Command } from 'commander';
import { action } from '../action';
import { openApp } from '../app';

export function register(program: Command): void {
  program
    .command('migrate')
    .description('Werkt het databaseschema bij (knex-migraties; gebeurt ook automatisch bij elk ander commando)')
    .action(
      action(async () => {
        const app = await openApp();
        try {
          process.stdout.write(`Database bijgewerkt (${app.config.db.client}).\n`);
        } finally {
          await app.close();
        }
      }),
    );
}
