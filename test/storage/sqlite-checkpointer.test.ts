/**
 * The checkpoint worker: the connection that writes stops checkpointing
 * (no fsync on the event loop), and what it commits still reaches the
 * database file, from the worker's connection.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/create-logger.js';
import { openStore } from '../../src/storage/open-store.js';
import { startCheckpointer } from '../../src/storage/sqlite-checkpointer.js';
import { createSqliteStore } from '../../src/storage/sqlite-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openWal(): { db: Database.Database; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'wuerror-ckpt-'));
  dirs.push(dir);
  const path = join(dir, 'state.sqlite');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)');
  return { db, path };
}

/** 2 MB of rows, one commit each. */
function write(db: Database.Database): void {
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  for (let i = 0; i < 500; i++) insert.run('x'.repeat(4000));
}

async function until(ok: () => boolean, ms = 5_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (ok()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return ok();
}

describe('startCheckpointer', () => {
  it('takes checkpoints off the writing connection and still copies the log into the file', async () => {
    const { db, path } = openWal();
    const checkpointer = startCheckpointer(db, path, 10, 5000);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    write(db);
    // The database file grows only when a checkpoint copies pages into it.
    expect(await until(() => statSync(path).size > 1_500_000)).toBe(true);
    await checkpointer.stop();
    // Without the worker the connection checkpoints by itself again.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(5000);
    db.close();
  });

  it('without it, the same writes stay in the log (what the worker does is what moves them)', async () => {
    const { db, path } = openWal();
    db.pragma('wal_autocheckpoint = 0');
    write(db);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(statSync(path).size).toBeLessThan(100_000);
    db.close();
  });

  it('runs behind the SQLite store, which closes it with the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wuerror-ckpt-'));
    dirs.push(dir);
    const path = join(dir, 'state.sqlite');
    const store = createSqliteStore({ path, checkpointEveryMs: 10 });
    for (let i = 0; i < 300; i++) await store.save(`k${i}`, { v: 'x'.repeat(4000) }, null);
    expect(await until(() => statSync(path).size > 1_000_000)).toBe(true);
    await store.close();
    const reopened = createSqliteStore({ path, checkpointEveryMs: 0 });
    expect((await reopened.load<{ v: string }>('k299'))?.value.v).toHaveLength(4000);
    await reopened.close();
  });

  it('is what WUERROR_SQLITE_CHECKPOINT=worker turns on', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wuerror-ckpt-'));
    dirs.push(dataDir);
    const { store } = await openStore(
      { redisUrl: undefined, dataDir, sqliteCheckpoint: 'worker' },
      createLogger('silent'),
    );
    const path = join(dataDir, 'wuerror.sqlite');
    for (let i = 0; i < 300; i++) await store.save(`k${i}`, { v: 'x'.repeat(4000) }, null);
    // Far short of the connection's own 10,000 pages: only the worker copies it this soon.
    expect(await until(() => statSync(path).size > 1_000_000)).toBe(true);
    await store.close();
  });
});
