/**
 * jsonBody reads the common Teams request itself and leaves the rest to
 * express.json: either way a request ends the same (the parsed body, or a
 * refusal of the same status and type) as express.json alone would end it.
 */
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import express, { type NextFunction, type Request, type Response } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonBody } from '../../src/server/json-body.js';

const LIMIT = 1024;
let base = '';
let close: () => Promise<void>;

beforeAll(async () => {
  const app = express();
  const answer = (req: Request, res: Response) => {
    res.json({ body: req.body === undefined ? '(none)' : req.body });
  };
  app.post('/lean', jsonBody({ limitBytes: LIMIT }), answer);
  app.post('/express', express.json({ limit: LIMIT }), answer);
  app.use(
    (
      error: Error & { status?: number; type?: string },
      _r: Request,
      res: Response,
      _n: NextFunction,
    ) => {
      res.status(error.status ?? 500).json({ type: error.type });
    },
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});
afterAll(() => close());

async function both(headers: Record<string, string>, body: string | Uint8Array) {
  const send = async (path: string) => {
    const response = await fetch(`${base}${path}`, { method: 'POST', headers, body });
    return { status: response.status, json: await response.json() };
  };
  return { lean: await send('/lean'), express: await send('/express') };
}

const json = { 'content-type': 'application/json' };
const cases: Array<[string, Record<string, string>, string | Uint8Array]> = [
  ['an activity', json, '{"type":"message","text":"0x8024001E \u00e9\u20ac"}'],
  ['with charset', { 'content-type': 'application/json; charset=utf-8' }, '{"a":1}'],
  ['upper-case type', { 'content-type': 'Application/JSON' }, '{"a":1}'],
  ['an array', json, ' [1,2]'],
  ['leading white space', json, '\n\t {"a":1}'],
  ['a byte-order mark', json, '\ufeff{"a":1}'],
  ['broken JSON', json, '{"type": "message",'],
  ['a bare string', json, '"message"'],
  ['null', json, 'null'],
  ['a number', json, '12'],
  ['white space only', json, '   '],
  ['over the limit', json, JSON.stringify({ text: 'a'.repeat(LIMIT) })],
  ['another charset', { 'content-type': 'application/json; charset=latin1' }, '{"a":1}'],
  ['another media type', { 'content-type': 'text/plain' }, '{"a":1}'],
  ['gzip', { ...json, 'content-encoding': 'gzip' }, gzipSync('{"a":1}')],
  ['invalid UTF-8', json, new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])],
];

describe('jsonBody', () => {
  it.each(cases)('ends a request with %s as express.json does', async (_name, headers, body) => {
    const { lean, express: expected } = await both(headers, body);
    expect(lean).toEqual(expected);
  });

  it('parses a plain activity itself and refuses broken JSON with its type', async () => {
    const { lean } = await both(json, '{"type":"message"}');
    expect(lean).toEqual({ status: 200, json: { body: { type: 'message' } } });
    const broken = await both(json, '{"type":');
    expect(broken.lean).toEqual({ status: 400, json: { type: 'entity.parse.failed' } });
  });
});
