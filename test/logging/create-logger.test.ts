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
