import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/storage/memory-store.js';
import { createSqliteStore, createSqliteStoreIn } from '../../src/storage/sqlite-store.js';
import { describeStateStore, fakeClock } from './state-store-contract.js';

describeStateStore('memory', async () => {
  const clock = fakeClock();
  return { store: createMemoryStore(clock.now), advance: clock.advance };
});

describeStateStore('sqlite', async () => {
  const clock = fakeClock();
  const dir = mkdtempSync(join(tmpdir(), 'wuerror-state-'));
  return {
    store: createSqliteStore({ path: join(dir, 'state.sqlite'), now: clock.now }),
    advance: clock.advance,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('SQLite store', () => {
  const withDir = async (use: (dir: string) => Promise<void>) => {
    const dir = mkdtempSync(join(tmpdir(), 'wuerror-state-'));
    try {
      await use(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('keeps values, claims and counters after closing and reopening the file', () =>
    withDir(async (dir) => {
      const clock = fakeClock();
      let store = createSqliteStore({ path: join(dir, 'wuerror.sqlite'), now: clock.now });
      const version = await store.save('a', { n: 1 }, null);
      await store.claim('event-1', 60_000);
      await store.hit('user-1', 60_000);
      // WAL mode shows as a side file while the database is open.
      expect(existsSync(join(dir, 'wuerror.sqlite-wal'))).toBe(true);
      await store.close();

      store = createSqliteStore({ path: join(dir, 'wuerror.sqlite'), now: clock.now });
      expect(await store.load('a')).toEqual({ value: { n: 1 }, version });
      expect(await store.claim('event-1', 60_000)).toBe(false);
      expect(await store.hit('user-1', 60_000)).toBe(2);
      await store.close();
    }));

  it('shares versions, claims and counters between two connections to one file (workers)', () =>
    withDir(async (dir) => {
      const clock = fakeClock();
      const path = join(dir, 'wuerror.sqlite');
      const one = createSqliteStore({ path, now: clock.now, purgeEveryMs: 0 });
      const two = createSqliteStore({ path, now: clock.now, purgeEveryMs: 0 });
      try {
        const version = await one.save('a', { n: 1 }, null);
        await expect(two.save('a', { n: 2 }, null)).rejects.toMatchObject({
          code: 'STATE_CONFLICT',
        });
        const next = await two.save('a', { n: 2 }, version);
        await expect(one.save('a', { n: 3 }, version)).rejects.toMatchObject({
          code: 'STATE_CONFLICT',
        });
        expect(await one.load('a')).toEqual({ value: { n: 2 }, version: next });

        expect(await one.claim('event-1', 1_000)).toBe(true);
        expect(await two.claim('event-1', 1_000)).toBe(false);
        expect(await one.hit('ip-1', 1_000)).toBe(1);
        expect(await two.hit('ip-1', 1_000)).toBe(2);
        expect(await one.hit('ip-1', 1_000)).toBe(3);

        clock.advance(1_500);
        // Expired everywhere: claimed and counted afresh, saved over with expected null.
        expect(await two.claim('event-1', 1_000)).toBe(true);
        expect(await two.hit('ip-1', 1_000)).toBe(1);
        expect(await one.hit('ip-1', 1_000)).toBe(2);
        const kept = await one.save('short', 1, null, { ttlMs: 10 });
        clock.advance(20);
        await expect(two.save('short', 2, kept)).rejects.toMatchObject({
          code: 'STATE_CONFLICT',
        });
        await expect(two.save('short', 2, null)).resolves.toEqual(expect.any(String));
        expect((await one.load('short'))?.value).toBe(2);
      } finally {
        await one.close();
        await two.close();
      }
    }));

  /** Frames appended to the write-ahead log: one per page a commit writes. */
  const walFrames = (path: string) => (statSync(`${path}-wal`).size - 32) / (4096 + 24);

  it('runs the operations asked in one tick as one commit', () =>
    withDir(async (dir) => {
      const path = join(dir, 'wuerror.sqlite');
      const store = createSqliteStore({ path, purgeEveryMs: 0 });
      const version = await store.save('conversation', { n: 1 }, null);

      let before = walFrames(path);
      await store.hit('rate:user', 60_000);
      await store.hit('rate:conversation', 60_000);
      await store.claim('event-1', 60_000);
      await store.save('conversation', { n: 2 }, version);
      const oneByOne = walFrames(path) - before;

      before = walFrames(path);
      const [loaded, user, place, first] = await Promise.all([
        store.load<{ n: number }>('conversation'),
        store.hit('rate:user', 60_000),
        store.hit('rate:conversation', 60_000),
        store.claim('event-2', 60_000),
      ]);
      const together = walFrames(path) - before;

      // Each commit writes every page it changed (the table's and its key index's);
      // one commit writes each of the two once.
      expect(oneByOne).toBeGreaterThanOrEqual(4);
      expect(together).toBeLessThanOrEqual(2);
      expect(loaded?.value).toEqual({ n: 2 });
      expect([user, place, first]).toEqual([2, 2, true]);
      await store.close();
    }));

  it('settles each operation of a batch on its own: a conflict or a failure fails only that one', () =>
    withDir(async (dir) => {
      const store = createSqliteStore({ path: join(dir, 'wuerror.sqlite'), purgeEveryMs: 0 });
      const version = await store.save('a', { n: 1 }, null);
      const [won, lost, broken, counted] = await Promise.allSettled([
        store.save('a', { n: 2 }, version),
        store.save('a', { n: 3 }, version),
        // Serialises to nothing: the row's NOT NULL value fails the batch's transaction.
        store.save('nothing', undefined, null),
        store.hit('h', 60_000),
      ]);
      expect(won).toMatchObject({ status: 'fulfilled', value: expect.any(String) });
      expect(lost).toMatchObject({ status: 'rejected', reason: { code: 'STATE_CONFLICT' } });
      expect(broken.status).toBe('rejected');
      expect(counted).toEqual({ status: 'fulfilled', value: 1 });
      // Written once each, not once in the rolled-back batch and again alone.
      expect(await store.hit('h', 60_000)).toBe(2);
      expect(await store.load('a')).toEqual({
        value: { n: 2 },
        version: (won as PromiseFulfilledResult<string>).value,
      });
      expect(await store.load('nothing')).toBeNull();
      await store.close();
    }));

  it('writes what was asked for just before closing', () =>
    withDir(async (dir) => {
      const path = join(dir, 'wuerror.sqlite');
      let store = createSqliteStore({ path, purgeEveryMs: 0 });
      const saving = store.save('last', { n: 1 }, null);
      await store.close();
      const version = await saving;
      store = createSqliteStore({ path, purgeEveryMs: 0 });
      expect(await store.load('last')).toEqual({ value: { n: 1 }, version });
      await store.close();
    }));

  it('purges expired rows in the background', () =>
    withDir(async (dir) => {
      let at = 1_000;
      const path = join(dir, 'wuerror.sqlite');
      const store = createSqliteStore({ path, now: () => at, purgeEveryMs: 5 });
      await store.save('old', { n: 1 }, null, { ttlMs: 10 });
      await store.save('kept', { n: 1 }, null);
      at += 100;
      await new Promise((resolve) => setTimeout(resolve, 30));
      const raw = new Database(path, { readonly: true });
      expect(raw.prepare('SELECT key FROM state').all()).toEqual([{ key: 'kept' }]);
      raw.close();
      await store.close();
    }));

  it('creates missing parent folders, opens in a data folder and works in memory', () =>
    withDir(async (dir) => {
      const nested = createSqliteStore({ path: join(dir, 'deep', 'er', 'state.sqlite') });
      await nested.save('a', 1, null);
      expect((await nested.load('a'))?.value).toBe(1);
      await nested.close();

      const inFolder = createSqliteStoreIn(join(dir, 'data'));
      await inFolder.save('a', 1, null);
      await inFolder.close();
      expect(existsSync(join(dir, 'data', 'wuerror.sqlite'))).toBe(true);

      const memory = createSqliteStore({ path: ':memory:' });
      await memory.save('a', 1, null);
      expect((await memory.load('a'))?.value).toBe(1);
      await memory.close();
    }));
});
