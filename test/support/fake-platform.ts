/**
 * A real HTTP server on loopback that answers like the Bot Framework
 * connector and like Slack's Web API (and response_url host), recording every
 * call, for tests that run the bot as a separate process (nock cannot reach
 * into another process). Answers can be delayed, to play a slow platform.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// biome-ignore lint/suspicious/noExplicitAny: bodies are JSON under test.
type Json = any;

export interface FakeCall {
  method: string;
  path: string;
  body: Json;
  /** When the call was answered (epoch ms). */
  at: number;
}

export interface FakePlatform {
  url: string;
  calls: FakeCall[];
  delayMs: number;
  /** Teams: the Adaptive Cards posted, with the activity id the fake gave each. */
  cards(): Array<{ id: string; card: Json }>;
  /** Teams: the newest card posted in one conversation (what a person would click next). */
  lastCard(conversation: string): { id: string; card: Json } | undefined;
  close(): Promise<void>;
}

export interface FakePlatformOptions {
  /**
   * Record every call in `calls` and every card in `cards()` (tests read them).
   * A benchmark sending tens of thousands of requests turns this off so the
   * fake's memory does not grow; `lastCard` works either way.
   */
  record?: boolean;
}

export async function startFakePlatform(options: FakePlatformOptions = {}): Promise<FakePlatform> {
  const record = options.record ?? true;
  let ids = 0;
  const calls: FakeCall[] = [];
  const posted: Array<{ id: string; card: Json }> = [];
  const newest = new Map<string, { id: string; card: Json }>();
  const fake: FakePlatform = {
    url: '',
    calls,
    delayMs: 0,
    cards: () => posted,
    lastCard: (conversation) => newest.get(conversation),
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString();
      let body: Json = raw;
      try {
        body = raw ? JSON.parse(raw) : {};
      } catch {
        body = Object.fromEntries(new URLSearchParams(raw));
      }
      const path = req.url ?? '';
      // Recorded when answered: a call cut off by the caller's exit never counts.
      const answer = () => {
        if (record) calls.push({ method: req.method ?? '', path, body, at: Date.now() });
        res.writeHead(200, { 'content-type': 'application/json' });
        if (path.startsWith('/v3/conversations/')) {
          const id = `act-${++ids}`;
          const card = body?.attachments?.[0]?.content;
          if (req.method === 'POST' && card) {
            if (record) posted.push({ id, card });
            newest.set(decodeURIComponent(path.split('/')[3] ?? ''), { id, card });
          }
          res.end(JSON.stringify({ id }));
        } else if (path.includes('auth.test')) {
          res.end(JSON.stringify({ ok: true, user_id: 'U0WUBOT01', bot_id: 'B0WUBOT01' }));
        } else {
          res.end(JSON.stringify({ ok: true, ts: `${Date.now() / 1000}`, channel: 'C0HELPDSK' }));
        }
      };
      if (fake.delayMs > 0) setTimeout(answer, fake.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
