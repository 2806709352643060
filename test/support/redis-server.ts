/**
 * Starts a real `redis-server` on a free loopback port for one test file and
 * stops it afterwards. No persistence, no config file: each run starts empty.
 *
 * Where the binary is missing the Redis tests are skipped with the reason,
 * except under CI (CI=true), where a missing Redis fails the run: `.ci/run`
 * installs Debian's redis-server, so a skip there would hide a broken set-up.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface RedisServer {
  url: string;
  port: number;
  /** Kills the server (SIGKILL: as abrupt as a crash) and waits for it to go. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty, unless it persists to a folder). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export function findRedisServer(): string | null {
  try {
    return (
      execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim() || null
    );
  } catch {
    return null;
  }
}

/** The reason Redis tests cannot run here, or null when they can. Throws under CI. */
export function redisUnavailableReason(): string | null {
  if (findRedisServer()) return null;
  const reason =
    'redis-server is not installed (apt-get install redis-server); the Redis tests are skipped';
  if (process.env.CI === 'true') throw new Error(`CI must run the Redis tests: ${reason}`);
  return reason;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function launch(binary: string, port: number, persistDir?: string): Promise<ChildProcess> {
  // With a folder: an append-only file synced on every write, so a SIGKILL
  // loses nothing (like a production Redis with AOF), and a restart replays it.
  const persistence = persistDir
    ? ['--dir', persistDir, '--appendonly', 'yes', '--appendfsync', 'always']
    : ['--appendonly', 'no'];
  return new Promise((resolve, reject) => {
    const child = spawn(
      binary,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        ...persistence,
        '--protected-mode',
        'yes',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start on port ${port}: ${output.slice(-500)}`));
    }, 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${output.slice(-500)}`));
    });
  });
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** `persistDir`: keep an append-only file there, so a restart comes back with the data. */
export async function startRedisServer(persistDir?: string): Promise<RedisServer> {
  const binary = findRedisServer();
  if (!binary) throw new Error('redis-server is not installed');
  const port = await freePort();
  let child = await launch(binary, port, persistDir);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async kill() {
      child.kill('SIGKILL');
      await waitForExit(child);
    },
    async restart() {
      child = await launch(binary, port, persistDir);
    },
    async stop() {
      child.kill('SIGTERM');
      await waitForExit(child);
    },
  };
}
