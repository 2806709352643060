/** Bolt's log lines in our pino log, without paying for the ones pino drops. */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { toBoltLogger } from '../../../src/adapters/slack/to-bolt-logger.js';

function setup(level: string) {
  const lines: Array<{ msg: string; level: number }> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, bolt: toBoltLogger(pino({ level }, sink)) };
}

describe('toBoltLogger', () => {
  it('does not even serialise a debug line when the level is above debug', () => {
    const { lines, bolt } = setup('warn');
    let serialised = 0;
    const payload = {
      toJSON() {
        serialised++;
        return { big: 'request body' };
      },
    };
    bolt.debug('http request', payload);
    bolt.info('started', payload);
    bolt.warn('slow', payload);
    expect(serialised).toBe(1);
    expect(lines.map((l) => l.msg)).toEqual(['slow {"big":"request body"}']);
  });

  it('writes debug lines when the level asks for them', () => {
    const { lines, bolt } = setup('debug');
    bolt.debug('apiCall', { method: 'chat.postMessage' });
    expect(lines.map((l) => l.msg)).toEqual(['apiCall {"method":"chat.postMessage"}']);
  });
});
