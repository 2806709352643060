/**
 * One way to start the server: package.json's "start" script, the
 * Dockerfile's CMD and the benchmarks (serverCommand) run the same node
 * flags and the same entry, the one the build's bundler writes.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serverCommand } from '../../scripts/bench-http/harness.js';
import { BUNDLE_DIR } from '../../scripts/bundle-server.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('the start command', () => {
  const { script, nodeArgs } = serverCommand();

  it('runs the bundle entry the build writes', () => {
    expect(script).toBe(join(BUNDLE_DIR, 'start.js'));
  });

  it('is the Dockerfile CMD, flag for flag', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    expect(cmd).toBeDefined();
    expect(JSON.parse(cmd ?? '[]')).toEqual(['node', ...nodeArgs, relative(ROOT, script)]);
  });

  it('gives node only flags this node accepts', () => {
    const run = spawnSync(process.execPath, [...nodeArgs, '-e', '0'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
