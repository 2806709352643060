/**
 * Pins what the second reading of the Windows upgrade / setup entries and the
 * Win32 / certificate entries corrected: log paths exactly as Microsoft's
 * log-files and SetupDiag articles give them, claims that go beyond a one-line
 * table description marked as inferred, and no entry pointing at itself.
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';

const knowledge = loadKnowledge();
const entry = (code: string) => knowledge.entries.get(code);
const procedure = (id: string) => knowledge.procedures.get(id);
const text = (parts: Array<string | undefined>) => parts.filter(Boolean).join('\n');

describe('upgrade entries after QA', () => {
  it('lists no entry among its own related codes', () => {
    for (const e of knowledge.entries.values()) expect(e.related, e.code).not.toContain(e.code);
  });

  it('reads the setup logs from the folders the log-files article names', () => {
    const p = procedure('read-setup-logs');
    const all = text([...(p?.instructions ?? []), ...(p?.commands ?? []).map((c) => c.run)]);
    for (const folder of [
      '$Windows.~BT\\Sources\\Panther',
      '$Windows.~BT\\Sources\\Rollback',
      '$Windows.~BT\\Sources\\Panther\\UnattendGC',
      '$Windows.~BT\\Sources\\Rollback\\setupapi\\setupapi.dev.log',
      '%WinDir%\\Panther',
    ])
      expect(all).toContain(folder);
  });

  it('finds the result setup saved where the SetupDiag article says setup writes it', () => {
    const runs = (procedure('run-setupdiag')?.commands ?? []).map((c) => c.run);
    expect(runs).toContain('notepad "%WinDir%\\Logs\\SetupDiag\\SetupDiagResults.xml"');
    expect(runs).toContain('reg query "HKLM\\SYSTEM\\Setup\\SetupDiag\\Results"');
  });

  it('marks causes the one-line table does not give as not named by Microsoft', () => {
    for (const code of ['0xC1900202', '0xC1900204']) {
      const causes = entry(code)?.causes ?? [];
      const beyond = causes.filter((c) => /space|language/i.test(c));
      expect(beyond.length, code).toBeGreaterThan(0);
      for (const c of beyond) expect(c, code).toMatch(/not named by Microsoft/i);
    }
  });

  it('describes the 0xC1900101 safe OS phase with the articles, not with an invented cause', () => {
    const meaning = entry('0xC1900101')?.meaning ?? '';
    expect(meaning).toMatch(/non-Microsoft disk encryption/);
    expect(meaning).not.toMatch(/damaged image/);
  });

  it("starts 0xC7700112 with Microsoft's stated fix, the current upgrade tool", () => {
    expect(entry('0xC7700112')?.steps[0]?.id).toBe('upgrade-with-installation-media');
  });

  it('treats the firewall reset of 0x800706D9 as a security change', () => {
    const reset = entry('0x800706D9')
      ?.steps.flatMap((s) => s.commands)
      .find((c) => c.run === 'netsh advfirewall reset');
    expect(reset?.warnings).toContain('security-change');
  });
});
