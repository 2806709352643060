import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationState, TestAdapter, TurnContext } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSqliteStorage,
  SqliteStorage,
  StorageConflictError,
} from '../../src/storage/sqlite-storage.js';

describe('SqliteStorage', () => {
  let dir: string;
  let storage: SqliteStorage;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wuerror-storage-'));
    storage = createSqliteStorage(dir);
  });

  afterEach(() => {
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads back what it wrote, with an eTag, and forgets deleted keys', async () => {
    await storage.write({ a: { step: 2, codes: ['0x80070005'] }, b: { step: 1 } });

    const items = await storage.read(['a', 'b']);
    expect(items.a).toMatchObject({ step: 2, codes: ['0x80070005'] });
    expect(items.a.eTag).toEqual(expect.any(String));
    expect(items.b).toMatchObject({ step: 1 });

    await storage.delete(['a']);
    expect(await storage.read(['a', 'b'])).toEqual({ b: items.b });
  });

  it('leaves unknown keys out of the result', async () => {
    await storage.write({ known: { x: 1 } });
    const items = await storage.read(['known', 'unknown']);
    expect(Object.keys(items)).toEqual(['known']);
  });

  it('assigns a new eTag on every write', async () => {
    await storage.write({ a: { n: 1 } });
    const first = (await storage.read(['a'])).a;
    await storage.write({ a: { ...first, n: 2 } });
    const second = (await storage.read(['a'])).a;
    expect(second.n).toBe(2);
    expect(second.eTag).not.toBe(first.eTag);
  });

  it("rejects a stale eTag with botbuilder's message and keeps the stored value", async () => {
    await storage.write({ a: { n: 1 } });
    const stale = (await storage.read(['a'])).a;
    await storage.write({ a: { ...stale, n: 2 } });

    const attempt = storage.write({ a: { ...stale, n: 3 } });
    await expect(attempt).rejects.toThrow('Storage: error writing "a" due to eTag conflict.');
    await expect(attempt).rejects.toMatchObject({ code: 'STORAGE_ETAG_CONFLICT', key: 'a' });
    await expect(attempt).rejects.toBeInstanceOf(StorageConflictError);
    expect((await storage.read(['a'])).a.n).toBe(2);
  });

  it("overwrites unconditionally with eTag '*' or no eTag", async () => {
    await storage.write({ a: { n: 1 } });
    await storage.write({ a: { n: 2, eTag: '*' } });
    expect((await storage.read(['a'])).a.n).toBe(2);
    await storage.write({ a: { n: 3 } });
    expect((await storage.read(['a'])).a.n).toBe(3);
  });

  it('writes nothing when one key in a batch conflicts', async () => {
    await storage.write({ a: { n: 1 } });
    const stale = (await storage.read(['a'])).a;
    await storage.write({ a: { n: 2 } });

    await expect(
      storage.write({ b: { n: 10 }, a: { ...stale, n: 3 }, c: { n: 30 } }),
    ).rejects.toThrow(StorageConflictError);
    const items = await storage.read(['a', 'b', 'c']);
    expect(Object.keys(items)).toEqual(['a']);
    expect(items.a.n).toBe(2);
  });

  it('keeps data after closing and reopening the same file', async () => {
    await storage.write({ a: { n: 1 } });
    const before = (await storage.read(['a'])).a;
    // WAL mode shows as a side file while the database is open.
    expect(existsSync(join(dir, 'wuerror.sqlite-wal'))).toBe(true);
    storage.close();

    storage = createSqliteStorage(dir);
    expect((await storage.read(['a'])).a).toEqual(before);
  });

  it('stores a copy, so mutating an object after writing it changes nothing', async () => {
    const item = { nested: { steps: ['one'] } };
    await storage.write({ a: item });
    item.nested.steps.push('two');

    const read = (await storage.read(['a'])).a;
    expect(read.nested.steps).toEqual(['one']);
    read.nested.steps.push('three');
    expect((await storage.read(['a'])).a.nested.steps).toEqual(['one']);
  });

  it('creates missing parent folders and works in memory', async () => {
    const nested = new SqliteStorage({ path: join(dir, 'deep', 'er', 'state.sqlite') });
    await nested.write({ a: { n: 1 } });
    expect((await nested.read(['a'])).a.n).toBe(1);
    nested.close();

    const memory = new SqliteStorage({ path: ':memory:' });
    await memory.write({ a: { n: 1 } });
    expect((await memory.read(['a'])).a.n).toBe(1);
    memory.close();
  });

  it("backs botbuilder's ConversationState across turns", async () => {
    const state = new ConversationState(storage);
    const stepAccessor = state.createProperty<number>('step');
    const toContext = () =>
      new TurnContext(new TestAdapter(), {
        type: 'message',
        channelId: 'msteams',
        conversation: { id: 'conv-1', isGroup: false, conversationType: 'personal', name: '' },
      });

    const first = toContext();
    expect(await stepAccessor.get(first, 0)).toBe(0);
    await stepAccessor.set(first, 3);
    await state.saveChanges(first);

    const second = toContext();
    expect(await stepAccessor.get(second)).toBe(3);
  });
});
