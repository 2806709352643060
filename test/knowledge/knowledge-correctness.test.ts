/**
 * Pins the corrections of the seeds' known defects (shared/seeds/README.md)
 * and the rules every command must follow to be safe to paste.
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import type { Step } from '../../src/knowledge/types.js';

const knowledge = loadKnowledge();
const allSteps: Step[] = [
  ...knowledge.procedures.values(),
  ...[...knowledge.entries.values()].flatMap((e) => e.steps),
  ...knowledge.families.flatMap((f) => f.steps),
].map((s) => ({ ...s, warnings: s.warnings ?? [] }) as Step);
const allCommands = allSteps.flatMap((s) => s.commands);

describe('seed defects are corrected', () => {
  it('no command carries the CHECKHEALT typo; the component-store repair uses /CheckHealth', () => {
    for (const command of allCommands) expect(command.run).not.toMatch(/CHECKHEALT(?!H)/i);
    const repair = knowledge.procedures.get('repair-component-store');
    expect(repair?.commands.map((c) => c.run)).toContain(
      'DISM /Online /Cleanup-Image /CheckHealth',
    );
  });

  it('every Settings path is given for Windows 10 and Windows 11', () => {
    for (const step of allSteps) {
      const text = [...step.instructions, step.why].join('\n');
      // A step that sends people through the Settings app must carry both paths
      // in `ui` (Group Policy's "Windows Settings > ..." is not the Settings app).
      if (/(?<!Windows |Security )\bSettings\s*>/.test(text))
        expect(step.ui, step.title).toBeDefined();
      // Windows 11 has no "Update & Security" page; that is the Windows 10 layout.
      if (step.ui) expect(step.ui.windows11, step.title).not.toMatch(/Update & Security/);
    }
    const troubleshooter = knowledge.procedures.get('run-update-troubleshooter');
    expect(troubleshooter?.ui?.windows10).toMatch(/Update & Security > Troubleshoot/);
    expect(troubleshooter?.ui?.windows11).toMatch(/System > Troubleshoot/);
  });

  it('0x8024401B leads with HTTP 407 proxy authentication, not a generic timeout', () => {
    const entry = knowledge.entries.get('0x8024401B');
    expect(entry?.name).toBe('WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ');
    expect(entry?.title).toMatch(/proxy authentication/i);
    expect(entry?.title).toMatch(/407/);
    expect(entry?.title).not.toMatch(/timeout/i);
    expect(entry?.meaning.split('.')[0]).toMatch(/407/);
    expect(entry?.steps[0]?.id).toBe('check-proxy');
  });
});

describe('commands are safe to paste', () => {
  it('marks administrative commands as elevated', () => {
    const adminOnly =
      /^(net (stop|start)|sc config|ren %SystemRoot%|DISM \/Online|dism \/online|sfc \/scannow|reg add|netsh winhttp (import|set|reset)|wusa|schtasks \/Change)/i;
    for (const command of allCommands)
      if (adminOnly.test(command.run)) expect(command.elevated, command.run).toBe(true);
  });

  it('warns when a command stops a service, moves update data or changes the proxy', () => {
    for (const command of allCommands) {
      if (/^net stop /i.test(command.run))
        expect(command.warnings, command.run).toContain('restarts-service');
      if (/^ren %SystemRoot%\\SoftwareDistribution/i.test(command.run))
        expect(command.warnings, command.run).toContain('data-loss');
      if (/^netsh winhttp (import|set|reset)/i.test(command.run))
        expect(command.warnings, command.run).toContain('network-change');
    }
  });

  it('uses the syntax of the shell it names', () => {
    for (const command of allCommands) {
      if (command.shell === 'cmd')
        // A cmdlet, not a DISM option such as /Get-Intl.
        expect(command.run, command.run).not.toMatch(/\$env:|(?<!\/)Get-[A-Z]|\| Select-Object/);
      if (command.shell === 'powershell')
        expect(command.run, command.run).not.toMatch(/%[A-Za-z]+%/);
      expect(command.run, 'one command per line').not.toMatch(/\n/);
    }
  });

  it('gives sc config its required space after start= obj= and the other options', () => {
    for (const command of allCommands) {
      if (!/^sc config/i.test(command.run)) continue;
      expect(command.run).toMatch(
        /\b(start|obj|binpath|depend|type|error|password|displayname)= \S/i,
      );
      expect(command.run).not.toMatch(
        /\b(start|obj|binpath|depend|type|error|password|displayname)=(?! )/i,
      );
    }
  });
});

describe('every entry cites its sources', () => {
  it('names a seed, a header or a public page', () => {
    for (const entry of knowledge.entries.values())
      expect(entry.sources.length, entry.code).toBeGreaterThan(0);
    for (const step of allSteps) expect(step.sources.length, step.title).toBeGreaterThan(0);
  });
});

/** The audit of issue 8 (item 4): each fix is pinned so it cannot quietly come back. */
describe('audit corrections stay corrected', () => {
  const textOf = (step: Step) =>
    [
      step.title,
      step.why,
      step.note ?? '',
      ...step.instructions,
      ...step.commands.map((c) => `${c.run} ${c.note ?? ''}`),
    ].join('\n');
  const entry = (code: string) => {
    const found = knowledge.entries.get(code);
    if (!found) throw new Error(`${code} is not curated`);
    return found;
  };
  const procedure = (id: string) => {
    const found = knowledge.procedures.get(id);
    if (!found) throw new Error(`procedure ${id} is missing`);
    return { ...found, warnings: found.warnings ?? [] } as Step;
  };

  it('never asks for KB4493473 itself: "or any later cumulative update", on 1607 / Server 2016 only', () => {
    for (const command of allCommands) expect(command.run, command.run).not.toMatch(/KB4493473/i);
    const mentions = [
      ...allSteps.map(textOf),
      ...[...knowledge.entries.values()].flatMap((e) => [e.meaning, ...e.causes]),
    ]
      .flatMap((text) => text.split(/(?<=[.;])\s+|\n/))
      .filter((sentence) => /KB4493473/.test(sentence));
    expect(mentions.length).toBeGreaterThan(0);
    for (const sentence of mentions) {
      expect(sentence, sentence).toMatch(/later/i);
      expect(sentence, sentence).toMatch(/1607|2016/);
    }
  });

  it('check-update-endpoints allows and tests port 80 as well as 443', () => {
    const step = procedure('check-update-endpoints');
    const text = textOf(step);
    expect(text).toContain('http://*.download.windowsupdate.com');
    expect(text).toContain('*.delivery.mp.microsoft.com');
    expect(text).toMatch(/port 80/i);
    const tests = step.commands.filter((c) => /^Test-NetConnection/.test(c.run));
    expect(tests.some((c) => /-Port 80$/.test(c.run))).toBe(true);
    expect(tests.some((c) => /-Port 443$/.test(c.run))).toBe(true);
    expect(step.sources).toContainEqual(
      expect.objectContaining({
        doc: 'SupportArticles-docs/support/windows-client/installing-updates-features-roles/windows-update-issues-troubleshooting.md',
      }),
    );
  });

  it('0x80070BC9 checks both msiserver (current article) and TrustedInstaller (seed) and says so', () => {
    const bc9 = entry('0x80070BC9');
    const commands = bc9.steps.flatMap((s) => s.commands.map((c) => c.run));
    expect(commands).toContain('sc qc msiserver');
    expect(commands).toContain('sc qc TrustedInstaller');
    expect(bc9.meaning).toMatch(/Windows Installer service \(msiserver\)/);
    expect(bc9.meaning).toMatch(/TrustedInstaller/);
    expect(bc9.caveats.join(' ')).toMatch(/msiserver.*TrustedInstaller/s);
  });

  it('quotes every %USERPROFILE% path and leaves no <placeholder> where cmd would redirect', () => {
    for (const command of allCommands) {
      for (const match of command.run.matchAll(/%USERPROFILE%|\$env:USERPROFILE/g)) {
        const before = command.run.slice(0, match.index);
        expect((before.match(/"/g) ?? []).length % 2, command.run).toBe(1);
      }
      const outsideQuotes = command.run.replace(/"[^"]*"/g, '""');
      expect(outsideQuotes, command.run).not.toMatch(/[<>]/);
    }
    const setProxy = procedure('check-proxy').commands.find((c) => /winhttp set proxy/.test(c.run));
    expect(setProxy?.run).toContain('bypass-list="<local>"');
    expect(setProxy?.note).toMatch(/keyword/);
    expect(allCommands.some((c) => /EDIT-ME/.test(c.run))).toBe(true);
    for (const command of allCommands)
      if (/EDIT-ME/.test(command.run)) expect(command.note, command.run).toMatch(/EDIT-ME/);
  });

  it('0x80072F8F: in WinHTTP, 12175 is ERROR_WINHTTP_SECURE_FAILURE (TLS/certificate)', () => {
    const f8f = entry('0x80072F8F');
    expect(f8f.meaning).toMatch(/12175/);
    expect(f8f.meaning).toMatch(/ERROR_WINHTTP_SECURE_FAILURE/);
    expect(f8f.meaning).toMatch(/TLS/);
    expect(f8f.meaning).toMatch(/certificate/);
    expect(f8f.caveats.length).toBeGreaterThan(0);
  });

  it('clean boot warns that it turns off third-party antivirus, EDR and VPN services', () => {
    const step = procedure('clean-boot');
    const text = textOf(step);
    for (const word of ['antivirus', 'EDR', 'VPN']) expect(text).toContain(word);
    expect(step.warnings).toContain('security-change');
  });

  it('decodes the Update Orchestrator .etl logs with Get-WindowsUpdateLog before searching them', () => {
    const first = entry('0x8024001E').steps[0] as Step;
    expect(textOf(first)).toMatch(/\.etl/);
    const runs = first.commands.map((c) => c.run);
    const decode = runs.findIndex((r) => /^Get-WindowsUpdateLog .*USOShared/.test(r));
    const search = runs.findIndex((r) => /^Select-String/.test(r));
    expect(decode).toBeGreaterThanOrEqual(0);
    expect(search).toBeGreaterThan(decode);
  });

  it('a manual install of a checkpoint cumulative update keeps the earlier .msu files in the same folder', () => {
    const step = procedure('install-from-catalog');
    const text = textOf(step);
    expect(text).toMatch(/checkpoint/i);
    expect(text).toMatch(/24H2/);
    expect(text).toMatch(/Server 2025/);
    expect(text).toMatch(/same folder/);
    expect(step.sources).toContainEqual(
      expect.objectContaining({
        url: 'https://learn.microsoft.com/windows/deployment/update/catalog-checkpoint-cumulative-updates',
      }),
    );
  });

  it('says the Windows Update troubleshooter now opens Get Help and the old one is retired', () => {
    const text = textOf(procedure('run-update-troubleshooter'));
    expect(text).toMatch(/Get Help/);
    expect(text).toMatch(/retired/);
  });

  it('runs DISM CheckHealth before ScanHealth', () => {
    const runs = procedure('repair-component-store').commands.map((c) => c.run);
    const check = runs.indexOf('DISM /Online /Cleanup-Image /CheckHealth');
    const scan = runs.indexOf('DISM /Online /Cleanup-Image /ScanHealth');
    expect(check).toBeGreaterThanOrEqual(0);
    expect(check).toBeLessThan(scan);
  });

  it('0x8007000D tries a plain retry before renaming SoftwareDistribution', () => {
    const ids = entry('0x8007000D').steps.map((s) => s.id);
    expect(ids[0]).toBe('restart-and-retry');
    expect(ids.indexOf('rename-software-distribution')).toBeGreaterThan(0);
  });

  it('says netsh winhttp import proxy source=ie does not carry a PAC script over', () => {
    const step = procedure('check-proxy');
    const importCommand = step.commands.find(
      (c) => c.run === 'netsh winhttp import proxy source=ie',
    );
    expect(importCommand?.note).toMatch(/PAC/);
    expect(step.instructions.join(' ')).toMatch(/PAC/);
  });
});

/** Issue 8 item 5: the order a helpdesk would use. */
describe('steps come in the order a helpdesk would use', () => {
  it('0x8024001E no longer starts with a backup; the backup is a caution on the risky step', () => {
    const steps = knowledge.entries.get('0x8024001E')?.steps ?? [];
    expect(steps[0]?.title).not.toMatch(/back ?up/i);
    expect(steps.some((s) => /^Back up/i.test(s.title))).toBe(false);
    const rename = steps.find((s) => s.id === 'rename-software-distribution');
    expect(rename?.note).toMatch(/back up the system disk/i);
  });

  it('puts WSUS-admin steps after the steps a person at the computer can do', () => {
    for (const entry of [...knowledge.entries.values(), ...knowledge.families]) {
      const ids = entry.steps.map((s) => s.id);
      const wsus = ids.indexOf('check-wsus-health');
      if (wsus < 0) continue;
      for (const local of [
        'restart-and-retry',
        'free-disk-space',
        'restart-update-services',
        'install-from-catalog',
        'update-wua',
        'reset-update-components',
        'rename-software-distribution',
      ])
        if (ids.includes(local)) {
          const owner = 'code' in entry ? entry.code : entry.id;
          expect(ids.indexOf(local), `${owner} ${local}`).toBeLessThan(wsus);
        }
    }
  });

  it('keeps the in-place upgrade as the last resort', () => {
    for (const entry of knowledge.entries.values()) {
      const ids = entry.steps.map((s) => s.id);
      if (ids.includes('upgrade-in-place')) expect(ids.at(-1), entry.code).toBe('upgrade-in-place');
    }
  });
});
