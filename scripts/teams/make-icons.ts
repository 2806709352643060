/**
 * Regenerates the Teams app icons next to the manifest:
 *
 *   npx tsx scripts/teams/make-icons.ts
 *
 * The output is deterministic; the committed PNGs are what this writes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawColorIcon, drawOutlineIcon } from './draw-icons.js';
import { TEAMS_MANIFEST_DIR } from './paths.js';

function main(): void {
  const icons = [
    { file: 'color.png', data: drawColorIcon() },
    { file: 'outline.png', data: drawOutlineIcon() },
  ];
  for (const { file, data } of icons) {
    const path = join(TEAMS_MANIFEST_DIR, file);
    writeFileSync(path, data);
    process.stdout.write(`make-icons: wrote ${path} (${data.length} bytes)\n`);
  }
}

main();
