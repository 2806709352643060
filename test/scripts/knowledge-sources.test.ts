import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageKey, readKnowledgeSources } from '../../scripts/eval/knowledge-sources.js';

describe('pages the knowledge learned from', () => {
  it('names one page the same however its address was written', () => {
    const key = pageKey('https://github.com/Owner/Repo/issues/12');
    expect(pageKey('http://www.github.com/owner/repo/issues/12/')).toBe(key);
    expect(pageKey('https://github.com/owner/repo/issues/12#issuecomment-1')).toBe(key);
    expect(pageKey('https://github.com/owner/repo/issues/13')).not.toBe(key);
  });

  it('reads every "# from" comment of the entries, and nothing else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sources-'));
    writeFileSync(
      join(dir, '0x80070005.yaml'),
      [
        'code: "0x80070005"',
        'symptoms:',
        '  # from https://example.org/a',
        '  - "access is denied"',
        'sources:',
        '  - https://learn.microsoft.com/not-a-from-comment',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'notes.txt'), '# from https://example.org/ignored');
    expect([...readKnowledgeSources(dir)]).toEqual(['example.org/a']);
  });

  it('finds the pages the shipped knowledge cites', () => {
    expect(readKnowledgeSources().size).toBeGreaterThan(50);
  });
});
