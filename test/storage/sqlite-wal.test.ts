/**
 * The SQLite store checkpoints its write-ahead log every 10,000 pages, not
 * SQLite's 1,000: a checkpoint's fsyncs run on the event loop inside a
 * commit, so they should come rarely. The database file grows only when a
 * checkpoint copies pages into it.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore, WAL_AUTOCHECKPOINT_PAGES } from '../../src/storage/sqlite-store.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the SQLite store write-ahead log', () => {
  it('is checkpointed only past 10,000 pages, and what it holds survives a restart', async () => {
    expect(WAL_AUTOCHECKPOINT_PAGES).toBe(10_000);
    dir = mkdtempSync(join(tmpdir(), 'wuerror-wal-'));
    const path = join(dir, 'state.sqlite');
    const store = createSqliteStore({ path, purgeEveryMs: 0 });
    // About 2,000 pages of log (8 MB): past SQLite's default, short of ours.
    for (let i = 0; i < 2000; i++) await store.save(`k${i}`, { v: 'x'.repeat(3000) }, null);
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(4_500_000);
    expect(statSync(path).size).toBeLessThan(100_000);
    await store.close();
    const reopened = createSqliteStore({ path, purgeEveryMs: 0 });
    expect((await reopened.load<{ v: string }>('k1999'))?.value.v).toHaveLength(3000);
    await reopened.close();
  });
});
