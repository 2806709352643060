/**
 * scripts/bench-scale/fake-slack.mjs as its own process (its clock is not the
 * load generator's): Slack's Web API and response_url host for the Slack
 * benches, answering every call after `latencyMs`. `answers` fills as it
 * receives answers to numbered commands (see slashCommand): when, and
 * whether it was "busy, try again".
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench-scale', 'fake-slack.mjs');

export interface FakeSlack {
  url: string;
  answers: Array<{ n: number; at: number; busy: boolean }>;
  stop(): void;
}

export async function startFakeSlack(latencyMs: number): Promise<FakeSlack> {
  const child = spawn(process.execPath, [SCRIPT], {
    env: { ...process.env, LATENCY_MS: String(latencyMs) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const answers: FakeSlack['answers'] = [];
  let buffered = '';
  const port = await new Promise<number>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const parsed = JSON.parse(line);
        if (parsed.port) resolve(parsed.port);
        else answers.push(parsed);
      }
    });
  });
  return { url: `http://127.0.0.1:${port}`, answers, stop: () => child.kill('SIGTERM') };
}

/** A percentile of sorted values. */
export const percentile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
