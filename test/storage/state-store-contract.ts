/**
 * The behaviour every StateStore promises, as one suite any store can run:
 * call `describeStateStore(name, open)` from a test file with a factory for a
 * fresh, empty store. `advance` moves the store's clock on: a fake clock for
 * the memory and SQLite stores, a real wait for a store with its own clock
 * (Redis), which is why the expiry times here are short.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isStateConflict } from '../../src/errors.js';
import type { StateStore } from '../../src/storage/state-store.js';

export interface OpenedStore {
  store: StateStore;
  advance(ms: number): Promise<void>;
  /** Removes whatever the store left behind (files, keys); called after close. */
  cleanup?(): Promise<void> | void;
}

const TTL = 200;

export function describeStateStore(name: string, open: () => Promise<OpenedStore>): void {
  describe(`StateStore contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: StateStore;

    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });

    afterEach(async () => {
      await store.close();
      await opened.cleanup?.();
    });

    it('loads null for a key never saved', async () => {
      expect(await store.load('nothing')).toBeNull();
    });

    it('saves an absent key with expected null and loads it back with that version', async () => {
      const version = await store.save('a', { step: 2, codes: ['0x80070005'] }, null);
      expect(version).toEqual(expect.any(String));
      expect(await store.load('a')).toEqual({
        value: { step: 2, codes: ['0x80070005'] },
        version,
      });
    });

    it('gives a new version on every save', async () => {
      const first = await store.save('a', { n: 1 }, null);
      const second = await store.save('a', { n: 2 }, first);
      expect(second).not.toBe(first);
      expect(await store.load('a')).toEqual({ value: { n: 2 }, version: second });
    });

    it('rejects a stale version with STATE_CONFLICT and keeps the stored value', async () => {
      const stale = await store.save('a', { n: 1 }, null);
      const current = await store.save('a', { n: 2 }, stale);

      const attempt = store.save('a', { n: 3 }, stale);
      await expect(attempt).rejects.toMatchObject({ code: 'STATE_CONFLICT' });
      expect(isStateConflict(await attempt.catch((error: unknown) => error))).toBe(true);
      expect(await store.load('a')).toEqual({ value: { n: 2 }, version: current });
    });

    it('rejects expected null when the key is already stored', async () => {
      await store.save('a', { n: 1 }, null);
      await expect(store.save('a', { n: 2 }, null)).rejects.toMatchObject({
        code: 'STATE_CONFLICT',
      });
      expect((await store.load('a'))?.value).toEqual({ n: 1 });
    });

    it('rejects an expected version when nothing is stored', async () => {
      await expect(store.save('a', { n: 1 }, 'some-version')).rejects.toMatchObject({
        code: 'STATE_CONFLICT',
      });
      expect(await store.load('a')).toBeNull();
    });

    it('does not accept an old version after the key was deleted and saved again', async () => {
      const old = await store.save('a', { n: 1 }, null);
      await store.delete('a');
      await store.save('a', { n: 2 }, null);
      await expect(store.save('a', { n: 3 }, old)).rejects.toMatchObject({
        code: 'STATE_CONFLICT',
      });
    });

    it('forgets deleted keys, and deleting an absent key is fine', async () => {
      await store.save('a', { n: 1 }, null);
      await store.save('b', { n: 2 }, null);
      await store.delete('a');
      await store.delete('never-there');
      expect(await store.load('a')).toBeNull();
      expect((await store.load('b'))?.value).toEqual({ n: 2 });
    });

    it('stores a copy, so mutating an object after saving it changes nothing', async () => {
      const item = { nested: { steps: ['one'] } };
      await store.save('a', item, null);
      item.nested.steps.push('two');
      const loaded = await store.load<typeof item>('a');
      expect(loaded?.value.nested.steps).toEqual(['one']);
      loaded?.value.nested.steps.push('three');
      expect((await store.load<typeof item>('a'))?.value.nested.steps).toEqual(['one']);
    });

    it('treats a saved key as absent once its ttl has passed', async () => {
      await store.save('a', { n: 1 }, null, { ttlMs: TTL });
      await store.save('kept', { n: 1 }, null);
      await opened.advance(TTL / 4);
      expect((await store.load('a'))?.value).toEqual({ n: 1 });
      await opened.advance(TTL * 1.5);
      expect(await store.load('a')).toBeNull();
      expect((await store.load('kept'))?.value).toEqual({ n: 1 });
      // Absent again, so a save expecting nothing succeeds.
      await expect(store.save('a', { n: 2 }, null)).resolves.toEqual(expect.any(String));
    });

    it('restarts the ttl on every save', async () => {
      const first = await store.save('a', { n: 1 }, null, { ttlMs: TTL });
      await opened.advance(TTL * 0.6);
      await store.save('a', { n: 2 }, first, { ttlMs: TTL });
      await opened.advance(TTL * 0.6);
      expect((await store.load('a'))?.value).toEqual({ n: 2 });
    });

    it('claims a key once, and again only after the claim expired', async () => {
      expect(await store.claim('event-1', TTL)).toBe(true);
      expect(await store.claim('event-1', TTL)).toBe(false);
      expect(await store.claim('event-2', TTL)).toBe(true);
      await opened.advance(TTL * 1.5);
      expect(await store.claim('event-1', TTL)).toBe(true);
    });

    it('lets only one of many simultaneous claims win', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, () => store.claim('x', TTL)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('counts hits in a fixed window that resets after it ends', async () => {
      expect(await store.hit('user-1', TTL)).toBe(1);
      expect(await store.hit('user-1', TTL)).toBe(2);
      expect(await store.hit('user-2', TTL)).toBe(1);
      // Hits do not extend the window: it runs from the first hit.
      await opened.advance(TTL * 0.6);
      expect(await store.hit('user-1', TTL)).toBe(3);
      await opened.advance(TTL * 0.6);
      expect(await store.hit('user-1', TTL)).toBe(1);
    });

    it('counts simultaneous hits without losing any', async () => {
      await Promise.all(Array.from({ length: 10 }, () => store.hit('burst', TTL * 5)));
      expect(await store.hit('burst', TTL * 5)).toBe(11);
    });

    it('answers ping while open', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}

/** A clock for stores that take `now`: starts at a fixed time and moves only when told. */
export function fakeClock(): { now: () => number; advance(ms: number): Promise<void> } {
  let at = Date.parse('2026-11-22T09:00:00Z');
  return {
    now: () => at,
    async advance(ms) {
      at += ms;
    },
  };
}
