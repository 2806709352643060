import { describe, expect, it } from 'vitest';
import { readIntent } from '../../src/core/read-intent.js';

describe('readIntent', () => {
  it.each([
    ['yes that worked', 'fixed'],
    ['it works now!', 'fixed'],
    ['Fixed, thanks', 'fixed'],
    ['nope, still failing', 'not-fixed'],
    ["didn't help", 'not-fixed'],
    ['not fixed', 'not-fixed'],
    ['still getting the same error', 'not-fixed'],
    ['yes but still failing', 'not-fixed'],
    ['next', 'skip'],
    ['skip', 'skip'],
    ["I can't do that here", 'skip'],
    ['back', 'back'],
    ['show all steps', 'all-steps'],
    ['start over', 'restart'],
    ['I need a human', 'human'],
    ['can I talk to someone', 'human'],
    ['please open a ticket', 'human'],
    ['help', 'help'],
    ['yes', 'yes'],
    ['yep', 'yes'],
    ['no', 'no'],
    ['none of these', 'no'],
    ['yes please', 'yes'],
    ['go ahead', 'yes'],
    ['no thanks', 'no'],
    ['thanks', 'thanks'],
    ['thank you!', 'thanks'],
    ['ok thanks', 'thanks'],
    ['thanks, that fixed it', 'fixed'],
    ['one moment', 'wait'],
    ['hang on, rebooting', 'wait'],
    ['ok', 'ack'],
    ['got it', 'ack'],
  ])('%j -> %s', (text, intent) => {
    expect(readIntent(text)).toBe(intent);
  });

  it('reads a pick from a list', () => {
    expect(readIntent('2')).toEqual({ pick: 2 });
    expect(readIntent('the second one')).toEqual({ pick: 2 });
  });

  it.each([['someone else had this yesterday'], ['the agent on the server'], ['0x8024001E'], ['']])(
    'finds no intent in %j',
    (text) => {
      expect(readIntent(text)).toBeNull();
    },
  );
});
