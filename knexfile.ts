/** For the knex CLI (`npx knex --knexfile knexfile.ts migrate:latest`); the app itself uses src/db. */
import { loadConfig } from './src/config';
import { knexConfig, migrationConfig } from './src/db/connection';

const config = loadConfig();
module.exports = { ...knexConfig(config.db), migrations: migrationConfig() };
