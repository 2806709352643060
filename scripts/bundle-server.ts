/**
 * Build step (`npm run build`, after tsc): bundles the server (src/start.ts
 * and everything it imports, node_modules too) into dist/bundle/ with
 * esbuild. Loading a few large files instead of about 1,500 small ones (each
 * resolved, read, compiled, linked) is most of a fast start. Parts a
 * configuration may not use (Slack, Redis, the YAML fallback for knowledge)
 * stay in their own chunks, loaded only by their dynamic import.
 *
 * The bundle sits two folders below the repository, as dist/knowledge/*.js
 * do, so the knowledge paths resolved from import.meta.url stay the same
 * (knowledge/ and dist/knowledge.json). better-sqlite3 stays external: a
 * native addon is loaded from node_modules.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { applyEdits, eagerFactoryEdits, shiftMappings } from './eager-factories.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE_DIR = join(ROOT, 'dist', 'bundle');

/**
 * Bundled CommonJS packages still call require() for Node's built-ins and
 * read __dirname / __filename (ioredis on an error path, for one); an ES
 * module has neither, so every chunk defines them first (var: a chunk may
 * declare one of them itself).
 */
const COMMONJS_GLOBALS = [
  "import { createRequire as __wuCreateRequire } from 'node:module';",
  "import { fileURLToPath as __wuFileURLToPath } from 'node:url';",
  "import { dirname as __wuDirname } from 'node:path';",
  'var require = __wuCreateRequire(import.meta.url);',
  'var __filename = __wuFileURLToPath(import.meta.url);',
  'var __dirname = __wuDirname(__filename);',
].join('\n');

/**
 * Node's built-in modules, imported by an ES module of the bundle, are
 * required instead: an `import ... from 'node:http'` makes Node build an ES
 * module facade that reads every export once, and node:http's lazy
 * `WebSocket` export loads Node's whole fetch implementation (undici) when
 * read: about 30 ms of start-up for an import that needs createServer.
 * require() returns the module object and reads nothing; esbuild's interop
 * turns named imports into property reads where they are used. Each such
 * import becomes a one-line CommonJS module, `module.exports = require(...)`,
 * and that require() stays external (the banner's createRequire).
 */
export const builtinsViaRequire: Plugin = {
  name: 'builtins-via-require',
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) =>
      args.kind === 'import-statement' ? { path: args.path, namespace: 'builtin' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

export async function bundleServer(outdir = BUNDLE_DIR): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: { start: join(ROOT, 'src', 'start.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    external: ['better-sqlite3'],
    plugins: [builtinsViaRequire],
    banner: { js: COMMONJS_GLOBALS },
    minify: true,
    // Licences in dist/bundle/*.LEGAL.txt, not in the code V8 keeps in memory.
    legalComments: 'external',
    // Off: keepNames wraps every function in __name(fn, "x"), an Object.defineProperty
    // each time a closure is created (5% of a Teams message's allocated bytes, in the
    // router's, botbuilder's and our per-request closures). Nothing the server runs
    // depends on a function's or class's name: errors name themselves (`name`, which
    // the logger reports as the error's type, logging/create-logger.ts); router, depd
    // and the Azure SDK's tracing read names only for debug text. Stack traces map back
    // through the linked source maps (`node --enable-source-maps`).
    keepNames: false,
    sourcemap: 'linked',
    logLevel: 'warning',
    metafile: false,
  });
  if (result.errors.length > 0) throw new Error('bundling the server failed');
  compileFactoriesEagerly(outdir);
  escapeNonAscii(outdir);
}

/**
 * Every chunk's module factories compiled with the chunk, so that Node's
 * compile cache keeps them (scripts/eager-factories.ts); the source maps
 * follow the edits. Returns how many factories were rewritten.
 */
export function compileFactoriesEagerly(outdir: string): number {
  let rewritten = 0;
  for (const name of readdirSync(outdir).filter((file) => file.endsWith('.js'))) {
    const file = join(outdir, name);
    const code = readFileSync(file, 'utf8');
    const edits = eagerFactoryEdits(code);
    if (edits.length === 0) continue;
    writeFileSync(file, applyEdits(code, edits));
    rewritten += edits.length / 2;
    const mapFile = `${file}.map`;
    if (!existsSync(mapFile)) continue;
    const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { mappings: string };
    map.mappings = shiftMappings(map.mappings, code, edits);
    writeFileSync(mapFile, JSON.stringify(map));
  }
  return rewritten;
}

/**
 * V8 keeps every module's source text in memory, one byte per character only
 * while it is all Latin-1: one "\u00D7" typed as itself in a regular
 * expression doubles a megabytes-long chunk. esbuild escapes strings but not
 * regular expressions, so what is left is escaped here, one UTF-16 unit at a
 * time: inside a regular expression, a string, a template or an identifier
 * `\uXXXX` means the same character (licences, the only comments left, are
 * in *.LEGAL.txt). Returns the files rewritten.
 */
export function escapeNonAscii(outdir: string): string[] {
  const rewritten: string[] = [];
  for (const name of readdirSync(outdir).filter((file) => file.endsWith('.js'))) {
    const file = join(outdir, name);
    const text = readFileSync(file, 'utf8');
    if (!/[\u0080-\uFFFF]/.test(text)) continue;
    const escaped = text.replace(
      /[\u0080-\uFFFF]/g,
      (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    writeFileSync(file, escaped);
    rewritten.push(name);
  }
  return rewritten;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await bundleServer();
}
