import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';

async function run(argv: string[], input?: string, knowledgeDir?: string) {
  const stdin = Object.assign(Readable.from(input === undefined ? [] : [input]), {
    isTTY: input === undefined,
  });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (c) => (chunks.out += c));
  stderr.on('data', (c) => (chunks.err += c));
  const code = await runCli({
    argv,
    stdin,
    stdout,
    stderr,
    ...(knowledgeDir ? { knowledgeDir } : {}),
  });
  return { code, ...chunks };
}

const CODE_FORMAT = /^0x[0-9A-F]{8}$/;
const knowledgeDir = join(import.meta.dirname, '..', '..', 'knowledge');

describe('wuerror CLI', () => {
  it('prints a readable answer with meaning, causes and numbered steps with commands', async () => {
    const { code, out } = await run(['0x8024001E']);
    expect(code).toBe(0);
    expect(out).toMatch(/^0x8024001E WU_E_SERVICE_STOP: /);
    expect(out).toContain('Likely causes:');
    expect(out).toMatch(/\nStep 1 of \d+: /);
    expect(out).toMatch(/\[Command Prompt \(as administrator\)\]\n\s+net stop wuauserv/);
  });

  it('quotes the decisive line of a log and decodes an extend code', async () => {
    const log = [
      '2024-02-14 09:02:41, Info                  CBS    Flags: 0x00000000, Options: 0x80000000',
      '2024-02-14 09:04:10, Error                 CBS    Package Package_for_KB5034441~31bf3856ad364e35~amd64~~19041.3920.1.0 failed with 0x80070643 - ERROR_INSTALL_FAILURE',
    ].join('\n');
    const { code, out } = await run([log]);
    expect(code).toBe(0);
    expect(out).toContain('CBS.log: Package KB5034441 failed with 0x80070643');
    expect(out).toContain('    2024-02-14 09:04:10, Error CBS Package Package_for_KB5034441');
    const setup = await run(['0xC1900101 - 0x40017']);
    expect(setup.out).toContain('Windows Setup stopped in phase 4 (SP_EXECUTION_OOBE_BOOT)');
  });

  it('prints one JSON object in the contract format', async () => {
    const { code, out } = await run(['--json', 'Windows Update failed: 0x8024402f']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.query).toBe('Windows Update failed: 0x8024402f');
    expect(json.matches[0]).toMatchObject({
      code: '0x8024402F',
      name: 'WU_E_PT_ECP_SUCCEEDED_WITH_ERRORS',
      source: 'curated',
      score: 1,
    });
    for (const match of json.matches) expect(match.code).toMatch(CODE_FORMAT);
  });

  it('answers no match with an empty list', async () => {
    const { out } = await run(['--json', 'lunch?']);
    expect(JSON.parse(out)).toMatchObject({ query: 'lunch?', matches: [] });
  });

  it('reads one query per line from stdin and writes one JSON object per line', async () => {
    const { code, out } = await run(
      ['--json', '--stdin'],
      '0x8024001E\nprinter jammed\r\n-2145107941\n\n',
    );
    expect(code).toBe(0);
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.query)).toEqual(['0x8024001E', 'printer jammed', '-2145107941', '']);
    expect(lines.map((l) => l.matches[0]?.code ?? null)).toEqual([
      '0x8024001E',
      null,
      '0x8024401B',
      null,
    ]);
  });

  it('checks the knowledge and reports coverage', async () => {
    const { code, out } = await run(['--check-knowledge']);
    expect(code).toBe(0);
    const curated = readdirSync(join(knowledgeDir, 'errors')).filter((f) =>
      f.endsWith('.yaml'),
    ).length;
    expect(out).toMatch(new RegExp(`Curated entries:\\s+${curated}\\b`));
    expect(out).toContain('All knowledge files are valid.');
  });

  it('fails --check-knowledge on a lint problem, naming the file and the field', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'wuerror-cli-')), 'repo', 'knowledge');
    cpSync(join(import.meta.dirname, '..', '..', 'knowledge'), dir, { recursive: true });
    const file = join(dir, 'procedures', 'restart-update-services.yaml');
    const yaml = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      yaml.replace(
        'run: net stop bits\n    elevated: true',
        'run: net stop bits\n    elevated: false',
      ),
    );
    const { code, out } = await run(['--check-knowledge'], undefined, dir);
    expect(code).toBe(1);
    expect(out).toMatch(
      /procedures\/restart-update-services\.yaml: field "commands\.2\.run": "net stop bits" runs net stop\/start, which needs an admin prompt/,
    );
    // No shared/ beside this copy: the existence checks are skipped, and the output says so.
    expect(out).toMatch(/Notice: reference pack not found/);
  });

  it.each([
    [['--nope'], /Unknown option '--nope'/],
    [['--json'], /--json needs the text/],
    [['--stdin', '0x8024001E'], /give no text as well/],
    [['--check-knowledge', 'x'], /takes no other arguments/],
    [['   '], /empty/],
  ])('rejects bad arguments %j with exit code 2 and usage', async (argv, message) => {
    const { code, err, out } = await run(argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).toContain('Usage:');
    expect(out).toBe('');
  });

  it('works from any directory', async () => {
    const entry = join(import.meta.dirname, '..', '..', 'src', 'cli', 'bin.ts');
    const tsx = import.meta.resolve('tsx');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', tsx, entry, '--json', '8024401b'],
      {
        cwd: tmpdir(),
      },
    );
    expect(JSON.parse(stdout).matches[0].code).toBe('0x8024401B');
  });

  it('reads JSON lines of multi-line texts with --jsonl, one JSON object out per line', async () => {
    const log = [
      '2024-01-10 10:11:13, Info                  CBS    Failed to get state [HRESULT = 0x80070490 - ERROR_NOT_FOUND]',
      '2024-01-10 10:15:02, Error                 CBS    Failed to perform operation.  [HRESULT = 0x800f0922 - CBS_E_INSTALLERS_FAILED]',
    ].join('\n');
    const input = [
      JSON.stringify({ text: log }),
      JSON.stringify({ text: 'WU_S_REBOOT_REQUIRED' }),
      '',
      'not json',
      JSON.stringify({ text: 'lunch?' }),
    ].join('\n');
    for (const argv of [['--json', '--jsonl'], ['--jsonl']]) {
      const { code, out } = await run(argv, input);
      expect(code).toBe(0);
      const lines = out
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(lines).toHaveLength(4);
      expect(lines[0].query).toBe(log);
      expect(lines[0].matches.map((m: { code: string }) => m.code)).toEqual([
        '0x800F0922',
        '0x80070490',
      ]);
      expect(lines[0].matches[0].evidence).toMatchObject({ level: 'error', log: 'CBS.log' });
      expect(lines[1].matches[0]).toMatchObject({ code: '0x00240005', source: 'success' });
      expect(lines[2]).toEqual({ error: 'not a JSON object' });
      expect(lines[3]).toMatchObject({ query: 'lunch?', matches: [] });
    }
  });

  it('takes a negative decimal argument as the query, not as an option', async () => {
    const { code, out } = await run(['--json', '-2145124322']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({
      query: '-2145124322',
      matches: [{ code: '0x8024001E', via: 'decimal' }],
    });
    expect((await run(['-2145124322'])).out).toMatch(/^0x8024001E WU_E_SERVICE_STOP/);
    expect((await run(['-x'])).code).toBe(2);
  });

  it('carries the extend code of a setup failure in its JSON', async () => {
    const { out } = await run(['--json', '0xC1900101 - 0x4000D']);
    expect(JSON.parse(out).matches[0]).toMatchObject({
      code: '0xC1900101',
      source: 'curated',
      family: 'windows-setup',
      extend: { code: '0x4000D', phase: { digit: 4 }, operation: { hex: 'D' } },
    });
  });

  it('stops quietly when the reader of its output goes away (| head -1)', async () => {
    const entry = join(import.meta.dirname, '..', '..', 'src', 'cli', 'bin.ts');
    const tsx = import.meta.resolve('tsx');
    const script = `yes 0x8024001E | head -n 3000 | "${process.execPath}" --import "${tsx}" "${entry}" --json --stdin | head -n 1`;
    const { stdout, stderr } = await promisify(execFile)('sh', ['-c', `${script}; echo "rc=$?"`]);
    expect(JSON.parse(stdout.split('\n')[0] ?? '').matches[0].code).toBe('0x8024001E');
    expect(stderr).not.toMatch(/EPIPE|Error/);
  }, 20_000);
});
