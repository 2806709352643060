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
        expect(command.run, command.run).not.toMatch(/\$env:|Get-[A-Z]|\| Select-Object/);
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
