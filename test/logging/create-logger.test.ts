import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/create-logger.js';

describe('createLogger', () => {
  it('redacts tokens, secrets and HTTP authorization headers', () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, done) {
        out += chunk;
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info(
      {
        config: {
          slack: { botToken: 'xoxb-secret-1', signingSecret: 'sign-2' },
          teams: { appPassword: 'pw-3' },
        },
      },
      'config',
    );
    logger.error(
      {
        err: Object.assign(new Error('boom'), {
          request: { headers: { authorization: 'Bearer tok-4' } },
        }),
      },
      'failed',
    );
    for (const secret of ['xoxb-secret-1', 'sign-2', 'pw-3', 'tok-4'])
      expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });
});

describe('error types in the log', () => {
  it("names an error by its own name, not its (minified) constructor's", () => {
    const lines: Array<{ err?: { type?: string; message?: string } | string }> = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const logger = createLogger('info', sink);
    // What the bundle makes of `class ConnectorCallError extends Error { name = '...' }`.
    class Xe extends Error {
      override name = 'ConnectorCallError';
    }
    class Qe extends Error {}
    logger.error({ err: new Xe('refused') }, 'named');
    logger.error({ err: new TypeError('bad') }, 'built-in');
    logger.error({ err: new Qe('unnamed') }, 'unnamed');
    logger.error({ err: 'not an error' }, 'text');
    const types = lines.slice(0, 3).map((l) => (typeof l.err === 'object' ? l.err.type : l.err));
    expect(types).toEqual(['ConnectorCallError', 'TypeError', 'Qe']);
    expect(lines[0]?.err).toMatchObject({ message: 'refused' });
    expect(lines[3]?.err).toBe('not an error');
  });
});
