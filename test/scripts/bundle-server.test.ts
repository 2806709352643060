/**
 * The server bundle's last step: non-ASCII characters left in the output
 * (esbuild does not escape regular expressions) become \u escapes that mean
 * the same, so V8 can keep each chunk's source one byte per character.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinsViaRequire, escapeNonAscii } from '../../scripts/bundle-server.js';

const dir = mkdtempSync(join(tmpdir(), 'wuerror-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MODULE = [
  'export const times = /\u00D7/g;',
  'export const quoted = /["\u201C\u201D]([^"\u201C\u201D]+)["\u201C\u201D]/;',
  'export const range = /^[\u00E0-\u00FF]+$/;',
  'export const emoji = /\u{1F600}/u;',
  "export const text = 'caf\u00E9 \u2192 ok';",
  'export const template = `na\u00EFve`;',
].join('\n');

describe('escapeNonAscii', () => {
  it('rewrites only files with non-ASCII characters, to ASCII', () => {
    writeFileSync(join(dir, 'chunk.js'), MODULE);
    writeFileSync(join(dir, 'plain.js'), 'export const x = /a/;');
    expect(escapeNonAscii(dir)).toEqual(['chunk.js']);
    expect(readFileSync(join(dir, 'chunk.js'), 'latin1')).not.toMatch(/[\u0080-\uFFFF]/);
  });

  it('keeps what every regular expression and string means', async () => {
    const m = await import(pathToFileURL(join(dir, 'chunk.js')).href);
    expect('2\u00D73'.replace(m.times, 'x')).toBe('2x3');
    expect(m.quoted.exec('said \u201Cnot applicable\u201D')?.[1]).toBe('not applicable');
    expect(m.range.test('\u00E9\u00E8')).toBe(true);
    expect(m.range.test('e')).toBe(false);
    expect(m.emoji.test('ok \u{1F600}')).toBe(true);
    expect(m.text).toBe('caf\u00E9 \u2192 ok');
    expect(m.template).toBe('na\u00EFve');
  });
});

describe('builtinsViaRequire', () => {
  it("turns an ES module's imports of Node's built-ins into require() calls that still work", async () => {
    const entry = join(dir, 'uses-http.mjs');
    writeFileSync(
      entry,
      [
        "import http, { createServer } from 'node:http';",
        "import * as fs from 'node:fs';",
        "import { join } from 'node:path';",
        'export const ok = typeof createServer === "function" && http.METHODS.includes("GET")',
        '  && typeof fs.readFileSync === "function" && join("a", "b") === "a/b";',
      ].join('\n'),
    );
    const out = join(dir, 'out.mjs');
    await build({
      entryPoints: [entry],
      outfile: out,
      bundle: true,
      format: 'esm',
      platform: 'node',
      plugins: [builtinsViaRequire],
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
      logLevel: 'silent',
    });
    const code = readFileSync(out, 'utf8');
    expect(code).not.toMatch(/from\s*["']node:(http|fs|path)["']/);
    expect(code).toContain('require("node:http")');
    const m = await import(pathToFileURL(out).href);
    expect(m.ok).toBe(true);
  });
});
