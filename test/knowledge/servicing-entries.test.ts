/**
 * Pins what the servicing-stack, Features on Demand and component store entries
 * must say: the case helpdesks meet most comes first, commands that need a path
 * fail safely when pasted unedited, and every code of the family is curated.
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';

const knowledge = loadKnowledge();
const entry = (code: string) => {
  const found = knowledge.entries.get(code);
  if (!found) throw new Error(`no curated entry for ${code}`);
  return found;
};

describe('servicing and component store entries', () => {
  it('curates every servicing, FoD and Win32 servicing code of this set', () => {
    const codes = [
      '0x800F0922',
      '0x80070643',
      '0x80070002',
      '0x80073712',
      '0x800F0906',
      '0x800F0907',
      '0x80070490',
      '0x80070057',
      '0x800F0950',
      '0x800F0915',
      '0x800F0986',
      '0x800F0988',
      '0x800736B3',
      '0x800F0900',
      '0x8007000E',
      '0x800705AA',
      '0x800705B4',
      '0x80070652',
      '0x80070008',
      '0x80071A91',
      '0x800706BE',
      '0x80070246',
      '0x800705B9',
      '0x800F090D',
      '0x800F0982',
      '0x800F0984',
      '0x800736CC',
      '0x8007370A',
      '0x8007370B',
      '0x8007370D',
    ];
    for (const code of codes) {
      const e = entry(code);
      expect(e.symptoms.length, code).toBeGreaterThanOrEqual(5);
      // 5-8 written with the entry, plus up to 4 lines in people's words
      // collected from real posts (issue 9).
      expect(e.symptoms.length, code).toBeLessThanOrEqual(12);
      expect(e.steps.length, code).toBeLessThanOrEqual(8);
    }
  });

  it('0x80070643 starts with the WinRE recovery partition and cites Microsoft KB5028997', () => {
    const e = entry('0x80070643');
    expect(e.steps[0]?.id).toBe('check-winre-partition');
    expect(e.steps[0]?.commands.map((c) => c.run)).toContain('reagentc /info');
    expect(e.symptoms.join('\n')).toMatch(/KB5034441/);
    const urls = e.steps[1]?.sources.map((s) => ('url' in s ? s.url : '')) ?? [];
    expect(urls.some((u) => /kb5028997/i.test(u))).toBe(true);
    // Resizing partitions can lose data: the step must say so.
    expect(e.steps[1]?.warnings).toContain('data-loss');
  });

  it('the .NET 3.5 source command names sources\\sxs and fails safely until edited', () => {
    const fod = knowledge.procedures.get('enable-netfx3-from-source');
    const dism = fod?.commands.find((c) => /FeatureName:NetFx3/i.test(c.run));
    expect(dism?.run).toMatch(/\/Source:EDIT-ME:\\sources\\sxs/);
    expect(dism?.run).toMatch(/\/LimitAccess/);
    expect(dism?.elevated).toBe(true);
    for (const code of ['0x800F0906', '0x800F0907', '0x800F0950']) {
      expect(
        entry(code).steps.some((s) => s.id === 'enable-netfx3-from-source'),
        code,
      ).toBe(true);
    }
  });

  it('0x800F0922 reads the CBS log before deleting scheduled-task registry keys', () => {
    const steps = entry('0x800F0922').steps;
    expect(steps[0]?.id).toBe('check-cbs-log');
    const deletes = steps.flatMap((s) => s.commands).filter((c) => /^reg delete/i.test(c.run));
    expect(deletes.length).toBeGreaterThan(0);
    for (const c of deletes) {
      expect(c.elevated).toBe(true);
      expect(c.warnings).toContain('data-loss');
      expect(c.run).not.toMatch(/[<>{}]/);
    }
  });

  it('0x800F0988 cleans up the component store with StartComponentCleanup first', () => {
    const first = entry('0x800F0988').steps[0];
    expect(first?.commands.map((c) => c.run)).toContain(
      'dism /online /cleanup-image /startcomponentcleanup',
    );
  });
});
