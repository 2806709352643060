/**
 * Start-up checks of the SQLite store: a damaged database, a data folder
 * that is a file or cannot be created stop start-up with one line naming the
 * path and what to do, never a stack trace or a bot that apologises for
 * every turn.
 */
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { isWuerrorError } from '../../src/errors.js';
import { createSqliteStoreIn } from '../../src/storage/sqlite-store.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'wuerror-startup-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function failure(open: () => unknown): { code: string; message: string } {
  try {
    open();
  } catch (error) {
    if (!isWuerrorError(error)) throw error;
    return { code: error.code, message: error.message };
  }
  throw new Error('start-up did not fail');
}

/** A real state database with enough rows for several pages, then garbage over some of them. */
function corruptDatabase(dir: string): string {
  const path = join(dir, 'wuerror.sqlite');
  const db = new Database(path);
  db.exec(
    'CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL, version TEXT NOT NULL, expires_at INTEGER)',
  );
  const insert = db.prepare('INSERT INTO state VALUES (?, ?, ?, NULL)');
  db.transaction(() => {
    for (let i = 0; i < 2000; i++)
      insert.run(`key-${i}`, JSON.stringify({ step: i, pad: 'x'.repeat(200) }), `v${i}`);
  })();
  db.close();
  const size = readFileSync(path).length;
  const fd = openSync(path, 'r+');
  // Pages 3.. hold the table's b-tree; scribble over a run of them, past the header.
  writeSync(fd, Buffer.alloc(4096 * 4, 0xab), 0, 4096 * 4, Math.min(4096 * 3, size - 4096 * 4));
  return path;
}

describe('SQLite store start-up', () => {
  it('opens a healthy database and passes its quick check', async () => {
    const store = createSqliteStoreIn(tempDir());
    await store.save('k', { a: 1 }, null);
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
  });

  it('refuses a database with damaged pages, naming the file and what to do', () => {
    const dir = tempDir();
    const path = corruptDatabase(dir);
    const { code, message } = failure(() => createSqliteStoreIn(dir));
    expect(code).toBe('DATABASE_CORRUPT');
    expect(message).toContain(path);
    expect(message).toMatch(/move the file .* aside|restore it from a backup/);
    expect(message.split('\n')).toHaveLength(1);
  });

  it('refuses a file that is not a database at all', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'wuerror.sqlite'), 'this is not a database '.repeat(300));
    const { code, message } = failure(() => createSqliteStoreIn(dir));
    expect(code).toBe('DATABASE_CORRUPT');
    expect(message).toContain(join(dir, 'wuerror.sqlite'));
  });

  it('refuses a DATA_DIR that is a file, in one line naming the path', () => {
    const file = join(tempDir(), 'data');
    writeFileSync(file, 'not a folder');
    const { code, message } = failure(() => createSqliteStoreIn(file));
    expect(code).toBe('DATA_DIR_UNUSABLE');
    expect(message).toBe(
      `DATA_DIR ${file} is a file, not a folder; set DATA_DIR to a writable folder`,
    );
  });

  it('refuses a DATA_DIR that cannot be created', () => {
    const file = join(tempDir(), 'data');
    writeFileSync(file, 'not a folder');
    const { code, message } = failure(() => createSqliteStoreIn(join(file, 'below')));
    expect(code).toBe('DATA_DIR_UNUSABLE');
    expect(message).toMatch(/cannot be created \(ENOTDIR\)/);
    expect(message).toContain(join(file, 'below'));
  });

  // Root ignores permission bits, so a read-only folder can only be tried as another user.
  it.skipIf(process.getuid?.() === 0)('refuses a read-only DATA_DIR', async () => {
    const { chmodSync } = await import('node:fs');
    const dir = tempDir();
    chmodSync(dir, 0o555);
    try {
      const { code, message } = failure(() => createSqliteStoreIn(dir));
      expect(code).toBe('DATA_DIR_UNUSABLE');
      expect(message).toBe(`DATA_DIR ${dir} is read-only; set DATA_DIR to a writable folder`);
    } finally {
      chmodSync(dir, 0o755);
    }
  });
});
