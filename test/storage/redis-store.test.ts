import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWuerrorError } from '../../src/errors.js';
import { createRedisStore, redactUrl } from '../../src/storage/redis-store.js';
import type { StateStore } from '../../src/storage/state-store.js';
import {
  type RedisServer,
  redisUnavailableReason,
  startRedisServer,
} from '../support/redis-server.js';
import { describeStateStore } from './state-store-contract.js';

const skipReason = redisUnavailableReason();
if (skipReason) console.warn(`[redis-store.test] skipped: ${skipReason}`);

// The shared StateStore contract, on its own server; each test gets an empty key space.
describe.skipIf(skipReason !== null)('Redis state store: contract', () => {
  let contractServer: RedisServer;
  let run = 0;
  beforeAll(async () => {
    contractServer = await startRedisServer();
  });
  afterAll(async () => {
    await contractServer?.stop();
  });
  describeStateStore('redis', async () => ({
    store: await createRedisStore({ url: contractServer.url, prefix: `contract${++run}:` }),
    // Redis keeps its own clock: expiry is tested by really waiting.
    advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  }));
});

describe.skipIf(skipReason !== null)('Redis state store (real redis-server)', () => {
  let server: RedisServer;
  const stores: StateStore[] = [];
  const open = async (prefix = 'test:') => {
    const store = await createRedisStore({ url: server.url, prefix, commandTimeoutMs: 1000 });
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await server?.stop();
  });

  it('saves only when the version is the one loaded (compare-and-set)', async () => {
    const store = await open('cas:');
    expect(await store.load('k')).toBeNull();
    const v1 = await store.save('k', { step: 1 }, null);
    expect(await store.load('k')).toEqual({ value: { step: 1 }, version: v1 });
    await expect(store.save('k', { step: 9 }, null)).rejects.toMatchObject({
      code: 'STATE_CONFLICT',
    });
    const v2 = await store.save('k', { step: 2 }, v1);
    expect(v2).not.toBe(v1);
    await expect(store.save('k', { step: 3 }, v1)).rejects.toMatchObject({
      code: 'STATE_CONFLICT',
    });
    expect((await store.load('k'))?.value).toEqual({ step: 2 });
  });

  it('lets exactly one of 20 concurrent writers from two instances win', async () => {
    const a = await open('race:');
    const b = await open('race:');
    const start = await a.save('flow', { step: 0 }, null);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).save('flow', { step: i + 1 }, start)),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const r of lost) {
      expect(isWuerrorError((r as PromiseRejectedResult).reason)).toBe(true);
      expect((r as PromiseRejectedResult).reason.code).toBe('STATE_CONFLICT');
    }
  });

  it('forgets idle state after its time to live', async () => {
    const store = await open('ttl:');
    await store.save('idle', { x: 1 }, null, { ttlMs: 50 });
    expect(await store.load('idle')).not.toBeNull();
    await new Promise((r) => setTimeout(r, 120));
    expect(await store.load('idle')).toBeNull();
  });

  it('claims a key once across instances until it expires', async () => {
    const a = await open('claim:');
    const b = await open('claim:');
    expect(await a.claim('event:Ev1', 100)).toBe(true);
    expect(await b.claim('event:Ev1', 100)).toBe(false);
    expect(await a.claim('event:Ev1', 100)).toBe(false);
    await new Promise((r) => setTimeout(r, 150));
    expect(await b.claim('event:Ev1', 100)).toBe(true);
  });

  it('counts hits in a fixed window shared by instances', async () => {
    const a = await open('rate:');
    const b = await open('rate:');
    expect(await a.hit('user:U1', 100)).toBe(1);
    expect(await b.hit('user:U1', 100)).toBe(2);
    expect(await a.hit('user:U1', 100)).toBe(3);
    await new Promise((r) => setTimeout(r, 150));
    expect(await b.hit('user:U1', 100)).toBe(1);
  });

  it('deletes', async () => {
    const store = await open('del:');
    await store.save('gone', 1, null);
    await store.delete('gone');
    expect(await store.load('gone')).toBeNull();
  });

  it('fails fast with STORE_UNAVAILABLE while Redis is down and recovers by itself', async () => {
    const store = await open('outage:');
    await store.save('k', { ok: true }, null);
    await server.kill();
    const started = Date.now();
    await expect(store.load('k')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(store.ping()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(3000);
    await server.restart();
    // The server restarted empty (no persistence); the client reconnects on its own.
    await expect
      .poll(
        async () =>
          store.ping().then(
            () => 'up',
            () => 'down',
          ),
        { timeout: 10_000 },
      )
      .toBe('up');
    expect(await store.load('k')).toBeNull();
    await store.save('k', { ok: 2 }, null);
    expect((await store.load('k'))?.value).toEqual({ ok: 2 });
  });

  it('refuses to start with a clear error when Redis cannot be reached', async () => {
    await expect(
      createRedisStore({ url: 'redis://:s3cret@127.0.0.1:1', commandTimeoutMs: 500 }),
    ).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(
      createRedisStore({ url: 'redis://:s3cret@127.0.0.1:1', commandTimeoutMs: 500 }),
    ).rejects.toThrow(/^(?!.*s3cret).*$/s);
  });
});

describe('redactUrl', () => {
  it('never shows the password', () => {
    expect(redactUrl('redis://user:hunter2@cache:6379/0')).toBe('redis://user:***@cache:6379/0');
    expect(redactUrl('not a url')).not.toContain('not a url');
  });
});
