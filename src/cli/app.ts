/** Wiring for CLI commands: configuration, database, source and logger, opened once and closed after. */
import path from 'node:path';
import fs from 'node:fs';
import pino from 'pino';
import type { Knex } from 'knex';
import { loadConfig, type Config } from '../config';
import { ConfigError, SourceError } from '../errors';
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
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (fs.existsSync(target) && !fs.statSync(target).isFile()) throw new Error('dat is geen bestand');
    fs.closeSync(fs.openSync(target, 'a'));
  } catch (e) {
    throw new ConfigError(`VS_LOG_FILE: logbestand ${target} kan niet worden geschreven (${(e as Error).message.replace(/^[A-Z]+: /, '')})`);
  }
  return createLogger(config.logLevel, pino.destination({ dest: target, sync: true, mkdir: true }) as unknown as NodeJS.WritableStream);
}

export async function openApp(opts: { migrate?: boolean; config?: Config } = {}): Promise<App> {
  const config = opts.config ?? loadConfig();
  // The logger first: a bad VS_LOG_FILE must fail before a database connection is open.
  const logger = cliLogger(config);
  const db = openDb(config.db);
  try {
    if (opts.migrate !== false) await migrateLatest(db);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  let src: Knex | null = null;
  const app: App = {
    config,
    db,
    logger,
    sourceDb() {
      if (!src && config.source.client === 'sqlite' && !config.demoSource && config.source.filename && !fs.existsSync(config.source.filename)) {
        throw new SourceError(`Bronbestand ${config.source.filename} bestaat niet (VS_SOURCE_URL)`);
      }
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
