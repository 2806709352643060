// Slack's Web API and response_url host for the Slack benches, in its own
// process so the load generator's busy event loop cannot skew its clock.
// Answers every call after LATENCY_MS; prints its port on the first line, then
// one JSON line ({ n, at, busy }) per answer it receives: a response_url call
// to /hook/<n>, or a chat.postMessage to channel C0BENCH<n> (a slash command
// answered in a channel), whichever way the body is encoded.
import { createServer } from 'node:http';

const latency = Number(process.env.LATENCY_MS ?? 50);
const CHANNEL = /^C0BENCH(\d+)$/;

/** The command number an answer belongs to, or undefined. */
function commandOf(url, raw) {
  const hook = /^\/hook\/(\d+)$/.exec(url);
  if (hook) return Number(hook[1]);
  if (!url.endsWith('/chat.postMessage')) return undefined;
  let channel;
  try {
    channel = raw.startsWith('{')
      ? JSON.parse(raw).channel
      : new URLSearchParams(raw).get('channel');
  } catch {
    return undefined;
  }
  const match = CHANNEL.exec(String(channel ?? ''));
  return match ? Number(match[1]) : undefined;
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const at = Date.now();
    const raw = Buffer.concat(chunks).toString();
    const n = commandOf(req.url ?? '', raw);
    if (n !== undefined) {
      const busy = /busy right now/.test(raw);
      process.stdout.write(`${JSON.stringify({ n, at, busy })}\n`);
    }
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        req.url?.includes('auth.test')
          ? '{"ok":true,"user_id":"U0BENCH","bot_id":"B0BENCH"}'
          : `{"ok":true,"ts":"${Date.now() / 1000}","channel":"C0BENCH"}`,
      );
    }, latency);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
