/**
 * The knowledge lint: each rule is shown failing on a small bad example and
 * passing on the fixed one, then the whole knowledge folder must pass.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintCommand } from '../../src/knowledge/lint-commands.js';
import {
  defaultLintOptions,
  expectedUrl,
  lintKnowledge,
} from '../../src/knowledge/lint-knowledge.js';
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import type { Command, Source } from '../../src/knowledge/schema.js';
import type { Knowledge, KnowledgeEntry, Step } from '../../src/knowledge/types.js';

const cmd = (run: string, extra: Partial<Command> = {}): Command => ({
  shell: 'cmd',
  run,
  elevated: false,
  warnings: [],
  ...extra,
});
const ps = (run: string, extra: Partial<Command> = {}): Command =>
  cmd(run, { shell: 'powershell', ...extra });

describe('lintCommand', () => {
  it.each([
    [
      'a cmd command with a PowerShell variable',
      cmd('dir $env:USERPROFILE'),
      /PowerShell variable/,
    ],
    ['a cmd command calling a cmdlet', cmd('Get-Service wuauserv'), /cmdlet/],
    ['a cmd command piping into a cmdlet', cmd('sc query wuauserv | Select-Object Name'), /cmdlet/],
    ['a PowerShell command with %VAR%', ps('Get-ChildItem %windir%'), /%VARIABLE%/],
    [
      'sc in PowerShell (Set-Content)',
      ps('sc config wuauserv start= demand', { elevated: true }),
      /Set-Content/,
    ],
    [
      'two commands in one',
      cmd('net stop bits\nnet start bits', { elevated: true }),
      /one command/,
    ],
  ])('flags the wrong shell: %s', (_, command, message) => {
    expect(lintCommand(command).join('\n')).toMatch(message);
  });

  it.each([
    'net stop wuauserv',
    'net start bits',
    'sc config wuauserv start= demand',
    'DISM /Online /Cleanup-Image /RestoreHealth',
    'dism /online /add-package /packagepath:"C:\\temp\\EDIT-ME-x.cab"',
    'sfc /scannow',
    'reg add "HKLM\\SOFTWARE\\X" /v Y /t REG_DWORD /d 1 /f',
    'reg delete HKEY_LOCAL_MACHINE\\SOFTWARE\\X /f',
    'bitsadmin /list /allusers /verbose',
    'takeown /f C:\\Windows\\x.dll',
    'icacls "C:\\Windows\\x.dll"',
    'netsh winhttp reset proxy',
    'netsh winhttp import proxy source=ie',
    'ren %SystemRoot%\\SoftwareDistribution SoftwareDistribution.old',
  ])('asks for an admin prompt for %s', (run) => {
    const problems = lintCommand(cmd(run, { note: 'EDIT-ME: the file' })).join('\n');
    expect(problems).toMatch(/needs an admin prompt/);
    expect(
      lintCommand(cmd(run, { elevated: true, note: 'EDIT-ME: the file' })).join('\n'),
    ).not.toMatch(/admin prompt/);
  });

  it.each(['Set-Service -Name wuauserv -StartupType Manual', 'Restart-Service -Name wuauserv'])(
    'asks for an admin prompt for the PowerShell %s',
    (run) => {
      expect(lintCommand(ps(run)).join('\n')).toMatch(/needs an admin prompt/);
    },
  );

  it('sees an admin-only cmdlet in a pipeline stage', () => {
    expect(lintCommand(ps('Get-Service -Name wuauserv | Restart-Service')).join()).toMatch(
      /admin prompt/,
    );
    expect(
      lintCommand(ps('Set-ItemProperty -Path "HKLM:\\SOFTWARE\\X" -Name Y -Value 1')).join(),
    ).toMatch(/admin prompt/);
  });

  it('knows $WINDOWS.~BT in a cmd path is not a variable, but PowerShell would expand it in double quotes', () => {
    expect(lintCommand(cmd('dir "C:\\$WINDOWS.~BT\\Sources\\Panther"'))).toEqual([]);
    expect(lintCommand(ps('Get-ChildItem "C:\\$WINDOWS.~BT\\Sources\\Panther"')).join()).toMatch(
      /single quotes/,
    );
    expect(lintCommand(ps("Get-ChildItem 'C:\\$WINDOWS.~BT\\Sources\\Panther'"))).toEqual([]);
    expect(lintCommand(ps('Get-ChildItem "C:\\Users\\$env:USERNAME"'))).toEqual([]);
  });

  it('allows > to save output to a file', () => {
    expect(
      lintCommand(cmd('netsh winhttp show proxy > "%USERPROFILE%\\Desktop\\proxy.txt"')),
    ).toEqual([]);
  });

  it('leaves read-only commands alone', () => {
    for (const command of [
      cmd('netsh winhttp show proxy'),
      cmd('sc query wuauserv'),
      ps('Get-Service -Name BITS'),
    ])
      expect(lintCommand(command)).toEqual([]);
  });

  it('asks for the warning that says what a command does', () => {
    expect(lintCommand(cmd('net stop wuauserv', { elevated: true })).join()).toMatch(
      /restarts-service/,
    );
    expect(
      lintCommand(
        cmd('netsh winhttp reset proxy', { elevated: true, warnings: ['network-change'] }),
      ),
    ).toEqual([]);
    expect(
      lintCommand(
        cmd('ren %SystemRoot%\\SoftwareDistribution SoftwareDistribution.old', { elevated: true }),
      ).join(),
    ).toMatch(/data-loss/);
  });

  it('wants %USERPROFILE% and paths with spaces inside double quotes', () => {
    expect(lintCommand(cmd('findstr error %USERPROFILE%\\Desktop\\x.log')).join()).toMatch(
      /outside double quotes/,
    );
    expect(lintCommand(ps('Get-Content $env:USERPROFILE\\Desktop\\x.log')).join()).toMatch(
      /outside double quotes/,
    );
    expect(lintCommand(cmd('dir C:\\Program Files\\Windows Defender\\')).join()).toMatch(
      /path with a space/,
    );
    expect(lintCommand(cmd('findstr error "%USERPROFILE%\\Desktop\\x.log"'))).toEqual([]);
    expect(lintCommand(cmd('dir "C:\\Program Files\\Windows Defender\\"'))).toEqual([]);
    expect(lintCommand(cmd('expand -f:*x64.cab C:\\temp\\x.msu C:\\temp\\KB1'))).toEqual([]);
    expect(lintCommand(cmd('copy %windir%\\Logs\\CBS\\CBS.log %windir%\\Temp\\x.log'))).toEqual([]);
  });

  it('refuses <placeholders> but keeps the quoted netsh keyword "<local>"', () => {
    expect(lintCommand(cmd('wusa C:\\temp\\<update-file>.msu', { elevated: true })).join()).toMatch(
      /redirection/,
    );
    expect(lintCommand(cmd('schtasks /Query /TN "<task-path>"')).join()).toMatch(
      /placeholder <task-path>/,
    );
    const setProxy = cmd(
      'netsh winhttp set proxy proxy-server="EDIT-ME-proxy:8080" bypass-list="<local>"',
      {
        elevated: true,
        warnings: ['network-change'],
        note: 'Replace EDIT-ME-proxy:8080 with your proxy.',
      },
    );
    expect(lintCommand(setProxy)).toEqual([]);
    expect(
      lintCommand({ ...setProxy, run: setProxy.run.replace('"<local>"', '<local>') }).join(),
    ).toMatch(/redirection/);
  });

  it('wants the note to say what to put in place of EDIT-ME', () => {
    expect(
      lintCommand(cmd('schtasks /Query /TN "\\EDIT-ME-task"', { note: 'Show the task.' })).join(),
    ).toMatch(/EDIT-ME token/);
  });
});

const seed = { seed: '000_0123456789abcdef.txt' } satisfies Source;
const doc = 'SupportArticles-docs/support/windows-client/x/article.md';
const step = (id: string, commands: Command[] = []): Step => ({
  id,
  kind: 'fix',
  title: 't',
  why: 'w',
  instructions: [],
  commands,
  warnings: [],
  question: 'q?',
  sources: [seed],
});
const entry = (over: Partial<KnowledgeEntry> = {}): KnowledgeEntry => ({
  code: '0x80070005',
  name: 'E_ACCESSDENIED',
  aliases: [],
  title: 't',
  meaning: 'm',
  causes: ['c'],
  symptoms: ['s'],
  logSignatures: [],
  steps: [step('restart-and-retry')],
  related: [],
  caveats: [],
  sources: [seed],
  ...over,
});
const knowledgeWith = (
  entries: KnowledgeEntry[],
  procedureIds = ['restart-and-retry'],
): Knowledge => ({
  entries: new Map(entries.map((e) => [e.code, e])),
  families: [],
  catalogue: new Map(),
  procedures: new Map(procedureIds.map((id) => [id, { ...step(id), id }])),
  names: new Map(),
});

/** A throw-away shared/ with one article and one seed, so existence checks can pass and fail. */
function sharedFolder() {
  const root = mkdtempSync(join(tmpdir(), 'wuerror-lint-'));
  const referencesDir = join(root, 'references');
  const seedsDir = join(root, 'seeds');
  mkdirSync(join(referencesDir, 'SupportArticles-docs/support/windows-client/x'), {
    recursive: true,
  });
  mkdirSync(seedsDir);
  writeFileSync(join(referencesDir, doc), '# article');
  writeFileSync(join(seedsDir, seed.seed), 'seed');
  return {
    referencesDir,
    seedsDir,
    catalogueRecords: [
      { code: '0x80070005' as const, name: 'ERROR_ACCESS_DENIED', header: 'winerror.h' as const },
      { code: '0x80070005' as const, name: 'E_ACCESSDENIED', header: 'winerror.h' as const },
      { code: '0x80070003' as const, name: 'ERROR_PATH_NOT_FOUND', header: 'winerror.h' as const },
    ],
  };
}

describe('lintKnowledge', () => {
  const options = sharedFolder();

  it('passes a small, sound knowledge base', () => {
    expect(lintKnowledge(knowledgeWith([entry()]), options)).toEqual({ problems: [], notices: [] });
  });

  it('names the file and field of a bad command in an inline step', () => {
    const bad = entry({
      steps: [step('restart-and-retry'), step('0x80070005-step-2', [cmd('net stop bits')])],
    });
    const { problems } = lintKnowledge(knowledgeWith([bad]), options);
    expect(problems[0]).toMatch(
      /^errors\/0x80070005\.yaml: field "steps\.1\.commands\.0\.run": "net stop bits" runs net stop/,
    );
  });

  it('finds a procedure nothing uses', () => {
    const { problems } = lintKnowledge(
      knowledgeWith([entry()], ['restart-and-retry', 'orphan']),
      options,
    );
    expect(problems).toEqual([
      'procedures/orphan.yaml: field "id": no entry or family uses this procedure',
    ]);
  });

  it('wants at least one source that exists, and flags cited files that do not', () => {
    const headerOnly = lintKnowledge(
      knowledgeWith([entry({ sources: [{ header: 'winerror.h' }] })]),
      options,
    );
    expect(headerOnly.problems.join()).toMatch(
      /field "sources": cites no article, seed or public page/,
    );
    const missing = lintKnowledge(
      knowledgeWith([entry({ sources: [{ seed: '001_fedcba9876543210.txt' }] })]),
      options,
    );
    expect(missing.problems.join()).toMatch(
      /"sources\.0": 001_fedcba9876543210\.txt does not exist/,
    );
    const withDoc = entry({ sources: [{ doc, url: expectedUrl(doc) }] });
    expect(lintKnowledge(knowledgeWith([withDoc]), options).problems).toEqual([]);
    const wrongUrl = entry({ sources: [{ doc, url: 'https://learn.microsoft.com/elsewhere' }] });
    expect(lintKnowledge(knowledgeWith([wrongUrl]), options).problems.join()).toMatch(
      /"sources\.0\.url"/,
    );
  });

  it('skips the existence check with a notice when the reference pack is absent', () => {
    const withDoc = entry({ sources: [{ doc, url: expectedUrl(doc) }] });
    const report = lintKnowledge(knowledgeWith([withDoc]), {
      ...options,
      referencesDir: '/nowhere/refs',
    });
    expect(report.problems).toEqual([]);
    expect(report.notices.join()).toMatch(/reference pack not found at \/nowhere\/refs/);
  });

  it('wants the name to be the catalogue name (or an alias) for the code', () => {
    expect(
      lintKnowledge(knowledgeWith([entry({ name: 'ERROR_ACCESS_DENIED' })]), options).problems,
    ).toEqual([]);
    const wrong = lintKnowledge(
      knowledgeWith([entry({ name: 'ERROR_PATH_NOT_FOUND' })]),
      options,
    ).problems.join('\n');
    expect(wrong).toMatch(
      /field "name": ERROR_PATH_NOT_FOUND is not the catalogue's name for 0x80070005/,
    );
    expect(wrong).toMatch(/ERROR_PATH_NOT_FOUND is the catalogue's name for 0x80070003/);
  });

  it('wants a reason for more than eight steps', () => {
    const steps = Array.from({ length: 9 }, () => step('restart-and-retry'));
    expect(lintKnowledge(knowledgeWith([entry({ steps })]), options).problems.join()).toMatch(
      /field "longFlowReason": 9 steps is more than 8/,
    );
    const explained = entry({
      steps,
      longFlowReason: 'Five unrelated causes, each with its own fix.',
    });
    expect(lintKnowledge(knowledgeWith([explained]), options).problems).toEqual([]);
  });
});

describe('lintKnowledge: the order a helpdesk would use', () => {
  const options = sharedFolder();
  const ordered = (...ids: string[]) =>
    entry({ steps: ids.map((id) => ({ ...step(id), title: id })) });
  const procedures = [
    'restart-and-retry',
    'check-wsus-health',
    'upgrade-in-place',
    'reset-update-components',
  ];
  const lint = (e: KnowledgeEntry) =>
    lintKnowledge(knowledgeWith([e], procedures), options).problems.join('\n');

  it('refuses a backup as step 1', () => {
    const backup = entry({
      steps: [
        { ...step('0x80070005-step-1'), title: 'Back up the system disk first' },
        step('restart-and-retry'),
      ],
    });
    expect(lintKnowledge(knowledgeWith([backup]), options).problems.join()).toMatch(
      /field "steps\.0": starts with a backup/,
    );
  });

  it('puts the WSUS admin after the person at the computer', () => {
    const bad = lint(
      ordered(
        'check-wsus-health',
        'restart-and-retry',
        'reset-update-components',
        'upgrade-in-place',
      ),
    );
    expect(bad).toMatch(
      /field "steps\.0": check-wsus-health \(for the WSUS admin\) comes before restart-and-retry/,
    );
    expect(
      lint(
        ordered(
          'restart-and-retry',
          'reset-update-components',
          'check-wsus-health',
          'upgrade-in-place',
        ),
      ),
    ).toBe('');
  });

  it('keeps the in-place upgrade last', () => {
    expect(
      lint(
        ordered(
          'upgrade-in-place',
          'restart-and-retry',
          'reset-update-components',
          'check-wsus-health',
        ),
      ),
    ).toMatch(/field "steps\.0": upgrade-in-place is the last resort/);
  });
});

describe('the knowledge folder', () => {
  it('passes the lint', () => {
    const report = lintKnowledge(loadKnowledge(), defaultLintOptions(DEFAULT_KNOWLEDGE_DIR));
    expect(report.problems).toEqual([]);
  });
});
