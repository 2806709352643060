// Slack's Web API and response_url host for the overload bench, in its own
// process so the load generator's busy event loop cannot skew its clock.
// Answers every call after LATENCY_MS; prints one JSON line per response_url
// call ({ n, at, busy }) and its port on the first line.
import { createServer } from 'node:http';

const latency = Number(process.env.LATENCY_MS ?? 50);
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const at = Date.now();
    const match = /^\/hook\/(\d+)$/.exec(req.url ?? '');
    if (match) {
      const busy = /busy right now/.test(Buffer.concat(chunks).toString());
      process.stdout.write(`${JSON.stringify({ n: Number(match[1]), at, busy })}\n`);
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
