/** Wiring for CLI commands: configuration, database, source and logger, opened once and closed after. */
import path from 'node:path';
import fs from 'node:fs';
import pino from 'pino';
import type { Knex } from 'knex';
import { loadConfig, type Config } from '../config';
import { migrateLatest, openDb } from '../db/connection';
import { createLogger, type Logger } from '../logging';
import { SourceReader } from '../source/reader';
import type { JobContext } from '../jobContext';

export interface App {
  config: Config;
  db: Knex;
  logger: Logger;
  sourceDb(): Knex;
  source(): SourceReader;
  ctx(overrides?: Partial<JobContext>): JobContext;
  close(): Promise<void>;
}

/**
 * Logs go to VS_LOG_FILE (default `<data dir>/logs/vroegsignaal.log`; `-` for stderr) so the
 * terminal shows the Dutch summary a manager reads, not JSON lines.
 */
function cliLogger(config: Config): Logger {
  const target = config.logFile;
  if (target === '-') return createLogger(config.logLevel);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  return createLogger(config.logLevel, pino.destination({ dest: path.resolve(target), sync: true, mkdir: true }) as unknown as NodeJS.WritableStream);
}

export async function openApp(opts: { migrate?: boolean; config?: Config } = {}): Promise<App> {
  const config = opts.config ?? loadConfig();
  const db = openDb(config.db);
  if (opts.migrate !== false) await migrateLatest(db);
  const logger = cliLogger(config);
  let src: Knex | null = null;
  const app: App = {
    config,
    db,
    logger,
    sourceDb() {
      src ??= openDb(config.source);
      return src;
    },
    source() {
      return new SourceReader(app.sourceDb(), config.sourceTable, config.sourceColumns);
    },
    ctx(overrides = {}) {
      return { db, config, logger, now: () => new Date(), dryRun: false, ...overrides };
    },
    async close() {
      await db.destroy();
      if (src) await src.destroy();
    },
  };
  return app;
}
