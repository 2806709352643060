/**
 * Versions for the stores' compare-and-set: a random prefix per opened store
 * and a counter, so no version is ever given twice (not after a restart, not
 * by another process or instance sharing the data, not for a key deleted and
 * saved again), without a random UUID per write.
 */
import { randomBytes } from 'node:crypto';

export function versionSource(): () => string {
  const prefix = randomBytes(12).toString('base64url');
  let n = 0;
  return () => `${prefix}.${(++n).toString(36)}`;
}
