/**
 * The state store a configuration asks for: Redis when REDIS_URL is set
 * (several instances share conversations, retries and rate limits through
 * it), otherwise the embedded SQLite file in DATA_DIR.
 */
import type { Logger } from '../logging/logger.js';
import { createSqliteStoreIn } from './sqlite-store.js';
import type { StateStore } from './state-store.js';

export async function openStore(
  settings: {
    redisUrl: string | undefined;
    dataDir: string;
    sqliteCheckpoint?: 'inline' | 'worker';
  },
  logger: Logger,
): Promise<{ store: StateStore; kind: 'redis' | 'sqlite' }> {
  if (!settings.redisUrl) {
    const checkpointInWorker = settings.sqliteCheckpoint === 'worker';
    return { store: createSqliteStoreIn(settings.dataDir, { checkpointInWorker }), kind: 'sqlite' };
  }
  // Loaded only when used: a single instance on SQLite does not pay for the Redis client.
  const { createRedisStore, redactUrl } = await import('./redis-store.js');
  const where = redactUrl(settings.redisUrl);
  let down = false;
  const store = await createRedisStore({
    url: settings.redisUrl,
    // A deploy may start the bots before Redis: come up not ready, not crashed.
    startWhileDown: true,
    onEvent(event, detail) {
      // One line when Redis goes away and one when it is back, not one per reconnect.
      if (event === 'error' && !down) {
        down = true;
        logger.error({ code: 'STORE_UNAVAILABLE', redis: where, detail }, 'Redis unreachable');
      } else if (event === 'ready' && down) {
        down = false;
        logger.info({ redis: where }, 'Redis reachable again');
      }
    },
  });
  return { store, kind: 'redis' };
}
