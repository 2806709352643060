/**
 * Issue 10's terminal items: a negative decimal is a query, a closed pipe
 * ends quietly, and the chat (`wuerror` in a terminal) speaks of typing, not
 * buttons, wraps to the terminal, records "next" as a skip and "back" once,
 * and ends "all steps" with its question.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { chooseQueries, DEFAULT_QUERIES, REPO_QUERIES } from '../../scripts/eval/eval-queries.js';
import { runCli } from '../../src/cli/main.js';
import { wrapText } from '../../src/renderers/terminal.js';

async function run(argv: string[], lines?: string[], columns?: number) {
  const stdin = Object.assign(Readable.from(lines ? lines.map((l) => `${l}\n`) : []), {
    isTTY: lines !== undefined,
  });
  const stdout = Object.assign(new PassThrough(), columns ? { columns, isTTY: true } : {});
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (c) => (out += c));
  const code = await runCli({ argv, stdin, stdout, stderr });
  return { code, out };
}

/** Typed lines in the chat; the output after the welcome, split per answer. */
async function chat(lines: string[], columns?: number) {
  const { out } = await run([], lines, columns);
  return out
    .split('you> ')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

describe('CLI arguments and pipes', () => {
  it('reads a negative decimal as a query, not an option', async () => {
    const { code, out } = await run(['-2145124322']);
    expect(code).toBe(0);
    expect(out).toMatch(/^0x8024001E WU_E_SERVICE_STOP/);
    expect((await run(['--json', '-2145124322'])).out).toContain('"0x8024001E"');
  });

  it('exits quietly when the reader closes the pipe early (| head -1)', async () => {
    const entry = join(import.meta.dirname, '..', '..', 'src', 'cli', 'bin.ts');
    const child = spawn(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), entry, '--stdin'],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.end(`${'0x8024001E\n'.repeat(3000)}`);
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  }, 30_000);
});

describe('the terminal chat', () => {
  it('welcomes without speaking of buttons, and help says what to type and where we are', async () => {
    const [welcome, , help] = await chat(['0x8024401B', 'help']);
    expect(welcome).not.toMatch(/button/i);
    expect(welcome).toContain('Answer each step in words');
    expect(help).not.toMatch(/button/i);
    expect(help).toMatch(/We are on step 1 of \d+ for 0x8024401B\./);
    expect(help).not.toMatch(/Step 1 of/);
  });

  it('records "next" as skipped and a step answered again after "back" once', async () => {
    // Step 1 skipped with "next", then answered again after "back": one line, the last answer.
    const parts = await chat(['0x8024401B', 'next', 'back', 'that worked']);
    const recap = parts.at(-1) ?? '';
    expect(recap).toContain('Great, it is fixed.');
    expect(recap.match(/Step 1,/g)).toHaveLength(1);
    expect(recap).toMatch(/Step 1, .*: fixed it/);
    const skipped = await chat(['0x8024401B', 'next', 'that worked']);
    expect(skipped.at(-1)).toMatch(/Step 1, .*: skipped/);
    expect(skipped.at(-1)).not.toMatch(/did not help/);
  });

  it('"yes" to "Shall I hand it to a human?" gives the hand-off summary, not "fixed"', async () => {
    const parts = await chat(['0x80242014', ...Array(12).fill('still failing'), 'yes']);
    const answer = parts.at(-1) ?? '';
    expect(answer).toContain('Summary for the helpdesk');
    expect(answer).not.toContain('it is fixed');
  });

  it('ends "all steps" with the question it expects an answer to', async () => {
    const parts = await chat(['0x8024401B', 'all steps']);
    const all = parts.at(-1) ?? '';
    const lastLine = all.split('\n').at(-1) ?? '';
    expect(lastLine).toMatch(/\?\s*\(answer: yes \/ no/);
    // Every step line starts with a marker, so no bare "5." turns into a markdown list.
    for (const line of all.split('\n').filter((l) => /^\S+ \d+\. /.test(l)))
      expect(line).toMatch(/^[▶✓○] \d+\. /);
  });

  it('wraps prose to the terminal width and never breaks a command', async () => {
    const parts = await chat(['0x8024001E'], 60);
    const lines = parts.join('\n').split('\n');
    for (const line of lines.filter((l) => !l.startsWith('      ')))
      expect(line.length).toBeLessThanOrEqual(60);
    expect(wrapText('      net stop wuauserv && net stop bits && net stop cryptsvc', 20)).toBe(
      '      net stop wuauserv && net stop bits && net stop cryptsvc',
    );
    const wrapped = wrapText('  1. open the settings app now please', 16).split('\n');
    expect(wrapped[0]).toBe('  1. open the');
    for (const line of wrapped.slice(1)) expect(line).toMatch(/^ {5}\S/);
    for (const line of wrapped) expect(line.length).toBeLessThanOrEqual(16);
    expect(wrapped.join(' ').replace(/\s+/g, ' ')).toBe(' 1. open the settings app now please');
  });
});

describe('npm run eval', () => {
  it("falls back to the repository's own evaluation set and says so", () => {
    const fresh = chooseQueries(undefined, () => false);
    expect(fresh.path).toBe(REPO_QUERIES);
    expect(fresh.note).toContain('not found');
    expect(chooseQueries(undefined, () => true).path).toBe(DEFAULT_QUERIES);
    expect(chooseQueries('mine.jsonl').path).toBe('mine.jsonl');
  });
});
