/**
 * The secret for the keyed BSN hash of imported DDAS deliveries: VS_BSN_SLEUTEL, or else a random
 * key created once in the data directory (readable by the owner only). With the same key the same
 * BSN gives the same hash, so later imports find the household again; without the key the hash
 * reveals nothing. Losing or changing the key only means imported clients are matched by address.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config';

export const BSN_KEY_FILE = 'bsn-sleutel';

export function resolveBsnKey(config: Pick<Config, 'dataDir' | 'ddas'>): string {
  if (config.ddas.bsnKey) return config.ddas.bsnKey;
  const file = path.join(config.dataDir, BSN_KEY_FILE);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32).toString('hex');
  fs.writeFileSync(file, key + '\n', { encoding: 'utf8', mode: 0o600, flag: 'wx' });
  return key;
}
