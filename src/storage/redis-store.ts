/**
 * The state store on Redis, for several instances sharing the work. Every
 * write that must not race is one atomic step on the server: the version
 * compare-and-set and the rate-limit counter are Lua scripts, a claim is
 * `SET NX PX`. Nothing here reads and then writes from the client side.
 *
 * While Redis is unreachable, commands fail at once (no offline queue), so a
 * turn answers with an apology instead of hanging; ioredis reconnects by
 * itself and the next turn works again.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { WuerrorError } from '../errors.js';
import type { SaveOptions, StateStore, Versioned } from './state-store.js';
import { versionSource } from './versions.js';

export interface RedisStoreOptions {
  url: string;
  /** Prepended to every key, so one Redis can serve several bots. */
  prefix?: string;
  /** A command that takes longer than this fails (the turn apologises). */
  commandTimeoutMs?: number;
  /**
   * Start even when Redis is not reachable yet: commands fail (the turn
   * apologises, /readyz says 503) until a reconnect succeeds. Otherwise the
   * first failed connection throws STORE_UNAVAILABLE.
   */
  startWhileDown?: boolean;
  /** Called on connection state changes, for logs. */
  onEvent?: (event: 'ready' | 'error' | 'reconnecting' | 'end', detail?: string) => void;
}

// KEYS[1] state key. ARGV: expected version ('' = must be absent), new
// version, value, ttl in ms ('0' = keep forever). Returns 1 written, 0 conflict.
const SAVE_SCRIPT = `
local current = redis.call('HGET', KEYS[1], 'version')
if ARGV[1] == '' then
  if current then return 0 end
elseif current ~= ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'version', ARGV[2], 'value', ARGV[3])
if tonumber(ARGV[4]) > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
else
  redis.call('PERSIST', KEYS[1])
end
return 1`;

// KEYS[1] counter key, ARGV[1] window in ms. The window starts at the first hit.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

export async function createRedisStore(options: RedisStoreOptions): Promise<StateStore> {
  const prefix = options.prefix ?? 'wuerror:';
  const redisOptions: RedisOptions = {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 2000,
    // Back off up to 2 s between reconnects, forever: an outage ends by itself.
    retryStrategy: (times) => Math.min(times * 100, 2000),
    // No auto-pipelining: commands asked for together (a turn's rate-limit counts and
    // its conversation load) are written one after the other without waiting for
    // answers anyway, so they share one round trip; auto-pipelining also delays every
    // lone command to the next tick (measured: about twice the client CPU per turn,
    // and EVALSHA through defineCommand about 10% more than EVAL with the text).
  };
  const redis = new Redis(options.url, redisOptions);
  const nextVersion = versionSource();
  // ioredis emits 'error' on every failed reconnect; without a listener Node
  // would treat it as unhandled and crash the process.
  redis.on('error', (error: Error) => options.onEvent?.('error', error.message));
  redis.on('ready', () => options.onEvent?.('ready'));
  redis.on('reconnecting', () => options.onEvent?.('reconnecting'));
  redis.on('end', () => options.onEvent?.('end'));
  try {
    await redis.connect();
  } catch (error) {
    // ioredis keeps reconnecting by itself after a failed first connection.
    if (options.startWhileDown) options.onEvent?.('error', (error as Error).message);
    else {
      redis.disconnect();
      throw new WuerrorError(
        'STORE_UNAVAILABLE',
        `Redis at ${redactUrl(options.url)} is not reachable: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  const run = async <T>(what: string, command: () => Promise<T>): Promise<T> => {
    try {
      return await command();
    } catch (error) {
      throw new WuerrorError('STORE_UNAVAILABLE', `Redis ${what} failed`, { cause: error });
    }
  };

  return {
    async load<T>(key: string): Promise<Versioned<T> | null> {
      const [version, value] = await run('load', () =>
        redis.hmget(prefix + key, 'version', 'value'),
      );
      if (version == null || value == null) return null;
      return { value: JSON.parse(value) as T, version };
    },
    async save<T>(key: string, value: T, expected: string | null, saveOptions?: SaveOptions) {
      const version = nextVersion();
      const written = await run('save', () =>
        redis.eval(
          SAVE_SCRIPT,
          1,
          prefix + key,
          expected ?? '',
          version,
          JSON.stringify(value),
          String(Math.max(0, Math.floor(saveOptions?.ttlMs ?? 0))),
        ),
      );
      if (written !== 1) {
        throw new WuerrorError('STATE_CONFLICT', `state "${key}" changed since it was loaded`);
      }
      return version;
    },
    async delete(key: string) {
      await run('delete', () => redis.del(prefix + key));
    },
    async claim(key: string, ttlMs: number) {
      const answer = await run('claim', () =>
        redis.set(prefix + key, '1', 'PX', Math.max(1, Math.floor(ttlMs)), 'NX'),
      );
      return answer === 'OK';
    },
    async hit(key: string, windowMs: number) {
      const count = await run('hit', () =>
        redis.eval(HIT_SCRIPT, 1, prefix + key, String(Math.max(1, Math.floor(windowMs)))),
      );
      return Number(count);
    },
    async ping() {
      await run('ping', () => redis.ping());
    },
    async close() {
      try {
        await redis.quit();
      } catch {
        // Already disconnected (an outage at shutdown): nothing left to close.
        redis.disconnect();
      }
    },
  };
}

/** redis://user:secret@host -> redis://user:***@host: the password never reaches a log. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable REDIS_URL)';
  }
}
