/**
 * Regenerates knowledge/catalogue.json, the list of every publicly named
 * error code, from the public-domain Windows headers in Debian's
 * mingw-w64-common package.
 *
 *   npx tsx scripts/generate-catalogue.ts [include-dir]
 *
 * The directory defaults to /usr/share/mingw-w64/include; the first argument
 * or MINGW_INCLUDE overrides it. The output is deterministic, one record a line.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildCatalogueRecords,
  type DocumentedName,
  HEADER_ORDER,
  type HeaderName,
} from './catalogue/parse-headers.js';

const DEFAULT_INCLUDE = '/usr/share/mingw-w64/include';
/** Names from Microsoft's articles that the headers lack, each with its page. */
const DOCUMENTED_NAMES = resolve(
  dirname(fileURLToPath(import.meta.url)),
  'catalogue',
  'documented-names.json',
);
const OUTPUT = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'knowledge',
  'catalogue.json',
);

function packageVersion(includeDir: string): string {
  if (resolve(includeDir) !== DEFAULT_INCLUDE) return 'unknown version';
  try {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's format syntax, not a template
    const version = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'mingw-w64-common'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return version ? `${version} (Debian)` : 'unknown version';
  } catch {
    return 'unknown version';
  }
}

function main(): void {
  const includeDir = process.argv[2] ?? process.env.MINGW_INCLUDE ?? DEFAULT_INCLUDE;
  const missing = HEADER_ORDER.filter((header) => !existsSync(join(includeDir, header)));
  if (missing.length > 0) {
    process.stderr.write(
      `generate-catalogue: ${missing.join(', ')} not found in ${includeDir}.\n` +
        "Install Debian's mingw-w64-common: apt-get install mingw-w64-common\n" +
        '(or pass the include directory as the first argument or in MINGW_INCLUDE)\n',
    );
    process.exit(1);
  }

  const texts = {} as Record<HeaderName, string>;
  for (const header of HEADER_ORDER) {
    texts[header] = readFileSync(join(includeDir, header), 'utf8');
  }
  const documented = (
    JSON.parse(readFileSync(DOCUMENTED_NAMES, 'utf8')) as { records: DocumentedName[] }
  ).records;
  const records = buildCatalogueRecords(texts, documented);
  for (const header of HEADER_ORDER) {
    const count = records.filter((record) => record.header === header).length;
    process.stderr.write(`${header}: ${count} records\n`);
  }
  process.stderr.write(`Microsoft articles: ${records.filter((r) => r.page).length} records\n`);

  const generatedFrom = `mingw-w64-common ${packageVersion(includeDir)}: ${HEADER_ORDER.join(', ')}; names the headers lack from scripts/catalogue/documented-names.json`;
  const lines = records.map((record) => `    ${JSON.stringify(record)}`);
  const json = `{\n  "generatedFrom": ${JSON.stringify(generatedFrom)},\n  "records": [\n${lines.join(',\n')}\n  ]\n}\n`;
  writeFileSync(OUTPUT, json);
  process.stderr.write(`wrote ${records.length} records to ${OUTPUT}\n`);
}

main();
