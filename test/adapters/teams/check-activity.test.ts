/**
 * The plain check in front of the activity schema may only ever accept what
 * the schema accepts (it answers for most activities; the schema decides
 * every refusal and names its field).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activitySchema,
  checkActivity,
  plainlyValid,
} from '../../../src/adapters/teams/check-activity.js';

const good = {
  type: 'message',
  id: 'act-1',
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  conversation: { id: 'a:1', conversationType: 'personal', tenantId: 't' },
  from: { id: '29:1', name: 'Ada', aadObjectId: 'x' },
  recipient: { id: '28:bot', name: 'wuerror' },
  text: '0x8024001E',
  channelData: { tenant: { id: 't' } },
  entities: [{ type: 'clientInfo', locale: 'en-US' }],
};

/** serviceUrl values: plain ones, and ones the URL parser or the schema refuse. */
const urls = fc.constantFrom(
  'https://smba.trafficmanager.net/amer/',
  'http://127.0.0.1:3978/',
  'http://localhost:99999/',
  'https:/example.com/',
  'http:example.com',
  'ftp://example.com/',
  ' https://example.com/ ',
  'https://exa mple.com/',
  'https://example.com/a?b=c',
  'https://user@example.com/',
  'https://-/',
  'https://./',
  'https://example.com:/',
  'https://[::1]/',
  `https://example.com/${'a'.repeat(2048)}`,
);

/** Values a field may take: right and wrong types, edge lengths, odd URLs. */
const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(''),
  fc.constant('x'.repeat(65)),
  fc.constant('x'.repeat(1025)),
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.constant([{ id: 'u' }]),
  fc.constant([{ id: 5 }]),
  fc.constant([{ type: 'mention' }]),
  fc.constant([{ type: 7 }]),
  fc.constant({ id: 'c' }),
  fc.constant({ id: '' }),
  fc.constant({ id: 'c', conversationType: 3 }),
  fc.constant({ id: 'u', name: null }),
  fc.constant({ id: 'u', name: 4 }),
  urls,
);

const fields = [
  'type',
  'id',
  'channelId',
  'serviceUrl',
  'conversation',
  'from',
  'recipient',
  'text',
  'replyToId',
  'membersAdded',
  'channelData',
  'entities',
] as const;

describe('checkActivity', () => {
  it('accepts a well-formed activity through the plain check', () => {
    expect(plainlyValid(good)).toBe(true);
    expect(checkActivity(good)).toEqual({ ok: true, activity: good });
  });

  it('still names the field at fault (the schema decides refusals)', () => {
    expect(checkActivity({ ...good, serviceUrl: 'ftp://example.com/' })).toEqual({
      ok: false,
      reason: 'invalid activity: serviceUrl',
    });
    expect(checkActivity({ ...good, conversation: { id: '' } })).toEqual({
      ok: false,
      reason: 'invalid activity: conversation.id',
    });
    expect(checkActivity({ ...good, membersAdded: [{ id: 'u' }, { id: 3 }] })).toEqual({
      ok: false,
      reason: 'invalid activity: membersAdded.1.id',
    });
  });

  it('never accepts what the schema refuses (and agrees on plain activities)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.tuple(fc.constantFrom(...fields), anyValue),
            fc.tuple(fc.constant('serviceUrl' as const), urls),
          ),
          { maxLength: 3 },
        ),
        fc.boolean(),
        (changes, onGood) => {
          // A good activity with a few fields changed (or removed), or the changes alone.
          const activity: Record<string, unknown> = onGood ? { ...good } : {};
          for (const [field, value] of changes) activity[field] = value;
          const schemaSays = activitySchema.safeParse(activity).success;
          if (plainlyValid(activity)) expect(schemaSays).toBe(true);
          expect(checkActivity(activity).ok).toBe(schemaSays);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
