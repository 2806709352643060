/**
 * The bot as its own process, the way `npm start` runs it (src/main.ts
 * through tsx so no build is needed, or a built entry such as the server
 * bundle), for what only a process can show: kill -9 in the middle of a
 * flow, and a real SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface BotProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process logged (pino JSON lines). */
  output(): string;
  /** Resolves with the exit code (null after a signal) once the process has exited. */
  exited: Promise<number | null>;
}

/** `entry`: a built JavaScript entry (run by node alone); src/main.ts through tsx when unset. */
export async function startBotProcess(
  env: Record<string, string>,
  entry?: string,
): Promise<BotProcess> {
  const args = entry ? [entry] : ['--import', 'tsx', join(ROOT, 'src', 'main.ts')];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot did not start: ${output}`)), 20_000);
    const look = () => {
      const match = /"port":(\d+)[^\n]*"msg":"wuerror listening"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', look);
    void exited.then(() => reject(new Error(`bot exited: ${output}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child, output: () => output, exited };
}
