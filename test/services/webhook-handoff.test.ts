import { describe, expect, it } from 'vitest';
import { readTicket } from '../../src/services/webhook-handoff.js';

describe('the ticket in the helpdesk webhook answer', () => {
  it('reads the id and an http(s) link', () => {
    expect(
      readTicket('{"ticket":{"id":"INC0012345","url":"https://helpdesk.example/t/1"}}'),
    ).toEqual({ id: 'INC0012345', url: 'https://helpdesk.example/t/1' });
  });

  it('keeps the id but drops a link that is not http(s)', () => {
    expect(readTicket('{"ticket":{"id":"INC1","url":"javascript:alert(1)"}}')).toEqual({
      id: 'INC1',
    });
  });

  it('reads no ticket from an empty, foreign or malformed answer', () => {
    for (const body of ['', 'ok', '{"status":"queued"}', '{"ticket":{"id":""}}', '{"ticket":'])
      expect(readTicket(body)).toBeUndefined();
  });
});
