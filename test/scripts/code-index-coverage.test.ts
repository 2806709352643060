import { describe, expect, it } from 'vitest';
import {
  isErrorCode,
  measureCoverage,
  parseCodeIndex,
  readCodeIndex,
} from '../../scripts/eval/code-index-coverage.js';

const TSV = [
  'code\tnumber_of_files\tfiles',
  '0x80070002\t7\ta;b;c;d;e;f;g',
  '0xC1900101\t7\ta;b;c;d;e;f;g',
  '0x00000000\t5\ta;b;c;d;e',
  '0x8024001E\t2\ta;b',
  '0x800F0922\t1\ta',
  '0x0000007E\t2\ta;b',
  '',
].join('\n');

describe('curated share of the code index', () => {
  it('reads nothing (and eval says so) when the reference pack is absent', () => {
    expect(readCodeIndex('/nowhere/codes.tsv')).toBeUndefined();
  });

  it('reads codes.tsv rows', () => {
    expect(parseCodeIndex(TSV)).toHaveLength(6);
    expect(parseCodeIndex(TSV)[1]).toEqual({ code: '0xC1900101', files: 7 });
  });

  it('counts only error codes (0x8..., 0xC...)', () => {
    expect(['0x80070002', '0xC1900101'].every(isErrorCode)).toBe(true);
    expect(['0x00000000', '0x0000007E', '0x4000D'].some(isErrorCode)).toBe(false);
  });

  it('measures codes two or more files mention, and all indexed error codes', () => {
    const coverage = measureCoverage(parseCodeIndex(TSV), new Set(['0x8024001E', '0x800F0922']));
    expect(coverage.multiFile).toEqual({
      total: 3,
      curated: 1,
      missing: ['0x80070002', '0xC1900101'],
    });
    expect(coverage.all).toMatchObject({ total: 4, curated: 2 });
    expect(coverage.everything).toMatchObject({ total: 6, curated: 2 });
  });
});
