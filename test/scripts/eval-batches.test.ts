import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  batchOf,
  chooseBatch,
  readQueries,
  scoreByBatch,
} from '../../scripts/eval/eval-queries.js';

function jsonl(lines: object[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'eval-batches-'));
  const path = join(dir, 'set.jsonl');
  writeFileSync(path, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
  return path;
}

const LINE = { q: 'text', expect: [], mode: 'none', kind: 'offtopic' };

describe('real-text batches', () => {
  it('keeps the batch field when reading, and counts lines without it as batch 1', () => {
    const queries = readQueries(jsonl([LINE, { ...LINE, batch: 2 }]));
    expect(queries.map(batchOf)).toEqual([1, 2]);
  });

  it('rejects a batch that is not a positive whole number', () => {
    expect(() => readQueries(jsonl([{ ...LINE, batch: 0 }]))).toThrow(/set\.jsonl:1/);
    expect(() => readQueries(jsonl([{ ...LINE, batch: '2' }]))).toThrow();
  });

  it('scores each batch on its own, in batch order', () => {
    const queries = readQueries(
      jsonl([{ ...LINE, batch: 2 }, LINE, { ...LINE, batch: 2 }, LINE, LINE]),
    );
    expect(scoreByBatch(queries, [true, true, false, false, true])).toEqual([
      { batch: 1, passed: 2, total: 3 },
      { batch: 2, passed: 1, total: 2 },
    ]);
  });

  it('reads --batch=N and refuses a malformed value instead of scoring everything', () => {
    expect(chooseBatch(['--failures'])).toBeUndefined();
    expect(chooseBatch(['eval/real-text.jsonl', '--batch=2'])).toBe(2);
    expect(() => chooseBatch(['--batch'])).toThrow(/--batch=N/);
    expect(() => chooseBatch(['--batch=two'])).toThrow(/--batch=N/);
    expect(() => chooseBatch(['--batch=0'])).toThrow(/--batch=N/);
  });
});
