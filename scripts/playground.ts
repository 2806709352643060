/**
 * `npm run playground`: starts the Microsoft 365 Agents Playground in Teams
 * mode, pointed at the local bot, and says which address to open. The
 * playground itself prints only "Listening on <port>".
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const botUrl =
  process.env.WUERROR_BOT_URL ?? `http://localhost:${process.env.PORT ?? 3978}/api/messages`;
const require = createRequire(import.meta.url);
const cli = join(
  dirname(require.resolve('@microsoft/m365agentsplayground/package.json')),
  'cli.js',
);

const child = spawn(
  process.execPath,
  [cli, '--disable-telemetry', '-c', 'msteams', '-e', botUrl, ...process.argv.slice(2)],
  { stdio: ['inherit', 'pipe', 'inherit'] },
);
child.stdout.on('data', (chunk: Buffer) => {
  const text = chunk.toString();
  process.stdout.write(text);
  const port = /Listening on (\d+)/.exec(text)?.[1];
  if (port) {
    console.log(
      `\nOpen http://localhost:${port} in your browser to chat with the bot at ${botUrl}.`,
    );
    console.log('(Start the bot first with `npm start` in another terminal.)');
  }
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
