/** A Config for tests: repo rules, temp dirs, SQLite paths that are never used unless asked. */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { loadConfig, type Config } from '../../src/config';
import { silentLogger } from '../../src/logging';
import type { JobContext } from '../../src/jobContext';
import type { Knex } from 'knex';

export const REPO_ROOT = path.resolve(__dirname, '../..');

const created: string[] = [];

/** A fresh temporary directory, removed after the whole run (see `mochaHooks` below). */
export function tempDir(prefix = 'vs-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Root hooks (registered through .mocharc's `require`): the test run leaves no temp files behind. */
export const mochaHooks = {
  afterAll(): void {
    for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  },
};

export function testConfig(env: Record<string, string> = {}): Config {
  const dir = tempDir();
  return loadConfig({ VS_DATA_DIR: dir, VS_RULES_DIR: path.join(REPO_ROOT, 'rules'), VS_OUT_DIR: path.join(dir, 'out'), ...env }, REPO_ROOT);
}

/** A job context with a fixed clock (an instant on the business date, 02:00 Amsterdam). */
export function testContext(db: Knex, config: Config, now = new Date('2026-03-02T01:00:00Z')): JobContext {
  return { db, config, logger: silentLogger(), now: () => now, dryRun: false };
}
