/**
 * The hostile-input suite: generated malformed requests (fast-check) against
 * every endpoint of the running server. For each request: no 5xx, the
 * server keeps answering, and a request that was refused (4xx) caused no
 * outbound call. After each barrage, a normal flow still works. The counts
 * are printed (requests, 4xx, 5xx, outbound calls).
 */
import fc from 'fast-check';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSlackRequest } from '../support/sign-slack.js';
import {
  HOOKS,
  SIGNING_SECRET,
  type SlackHarness,
  startSlackHarness,
  TEAM,
} from '../support/slack-harness.js';
import {
  fixture,
  SERVICE_URL,
  say,
  startTeamsHarness,
  type TeamsHarness,
} from '../support/teams-harness.js';

const RUNS = 1000;
const OPEN_LIMITS = {
  WUERROR_HTTP_RATE_LIMIT: '0',
  WUERROR_RATE_LIMIT_PER_USER: '0',
  WUERROR_RATE_LIMIT_PER_CONVERSATION: '0',
};

interface Tally {
  sent: number;
  '2xx': number;
  '4xx': number;
  '5xx': number;
  outbound: number;
  outboundAfterRefusal: number;
}
const tallies: Record<string, Tally> = {};
const tally = (name: string): Tally => {
  tallies[name] ??= { sent: 0, '2xx': 0, '4xx': 0, '5xx': 0, outbound: 0, outboundAfterRefusal: 0 };
  return tallies[name];
};
const count = (t: Tally, status: number) => {
  t.sent++;
  if (status >= 500) t['5xx']++;
  else if (status >= 400) t['4xx']++;
  else t['2xx']++;
};

/** Calls nock saw that no interceptor took (anything but loopback is refused outright). */
let strayCalls = 0;
const onStray = (request: { hostname?: string; options?: { hostname?: string } }) => {
  if ((request.options?.hostname ?? request.hostname) !== '127.0.0.1') strayCalls++;
};
const crashes: unknown[] = [];
const onCrash = (error: unknown) => {
  crashes.push(error);
};

beforeAll(() => {
  nock.emitter.on('no match', onStray);
  process.on('unhandledRejection', onCrash);
  process.on('uncaughtException', onCrash);
});
afterAll(() => {
  nock.emitter.removeListener('no match', onStray);
  process.removeListener('unhandledRejection', onCrash);
  process.removeListener('uncaughtException', onCrash);
  console.log(`hostile-input counts: ${JSON.stringify(tallies)}`);
});

// Values botbuilder and our parsers must survive in any field.
const weird = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.string({ maxLength: 300 }),
  fc.constantFrom(
    '',
    null,
    -1,
    Number.MAX_VALUE,
    '__proto__',
    { __proto__: { polluted: true } },
    'http://169.254.169.254/latest/meta-data/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    '\u0000\uFFFF\uD800',
    'a'.repeat(5000),
    [[[[[]]]]],
  ),
);

const TEAMS_FIELDS = [
  'type',
  'id',
  'serviceUrl',
  'channelId',
  'conversation',
  'conversation.id',
  'conversation.conversationType',
  'from',
  'from.id',
  'from.name',
  'recipient',
  'text',
  'value',
  'value.action',
  'channelData',
  'channelData.team',
  'replyToId',
  'membersAdded',
  'entities',
  'name',
] as const;

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (!tail) {
    target[head] = value;
    return;
  }
  const inner = target[head];
  if (inner && typeof inner === 'object') (inner as Record<string, unknown>)[tail] = value;
  else target[head] = { [tail]: value };
}

/** A raw body for /api/messages: broken JSON, JSON of any shape, or an activity with bent fields. */
const teamsBody = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
  fc
    .tuple(
      fc.constantFrom(
        'personal-message',
        'card-submit',
        'card-execute',
        'channel-mention',
        'bot-added',
      ),
      fc.array(fc.tuple(fc.constantFrom(...TEAMS_FIELDS), weird), { minLength: 1, maxLength: 4 }),
      fc.boolean(),
    )
    .map(([name, edits, foreignServiceUrl]) => {
      const activity = fixture(name);
      activity.id = `hostile-${Math.random().toString(36).slice(2)}`;
      for (const [path, value] of edits) setPath(activity, path, value);
      if (foreignServiceUrl) activity.serviceUrl = 'http://10.1.2.3:8080/';
      try {
        return JSON.stringify(activity);
      } catch {
        return '{"type":';
      }
    }),
);

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '',
];

describe('POST /api/messages (Teams, anonymous)', () => {
  let teams: TeamsHarness;
  beforeAll(async () => {
    teams = await startTeamsHarness({ env: OPEN_LIMITS });
  });
  afterAll(async () => {
    await teams.close();
  });

  it(`survives ${RUNS} generated malformed requests`, async () => {
    const t = tally('teams');
    await fc.assert(
      fc.asyncProperty(
        teamsBody,
        fc.constantFrom(...CONTENT_TYPES),
        fc.option(fc.string({ maxLength: 80 }), { nil: undefined }),
        async (body, contentType, authorization) => {
          const before = teams.sent.length + strayCalls;
          const response = await fetch(`${teams.app.url}/api/messages`, {
            method: 'POST',
            headers: {
              ...(contentType ? { 'content-type': contentType } : {}),
              ...(authorization
                ? { authorization: authorization.replace(/[^\x20-\x7e]/g, '') }
                : {}),
            },
            body,
          });
          await response.arrayBuffer();
          count(t, response.status);
          const outbound = teams.sent.length + strayCalls - before;
          t.outbound += outbound;
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400) {
            t.outboundAfterRefusal += outbound;
            expect(outbound).toBe(0);
          }
        },
      ),
      { numRuns: RUNS },
    );
    expect(crashes).toEqual([]);
  }, 60_000);

  it('still answers a normal question afterwards', async () => {
    const cardsBefore = teams.cards().length;
    const response = await teams.post(say('0x8024001E'));
    expect(response.status).toBe(200);
    expect(teams.cards().length).toBe(cardsBefore + 1);
    expect(teams.cards().at(-1)?.summary).toMatch(/^0x8024001E WU_E_SERVICE_STOP/);
    expect(teams.sent.every((s) => s.path.startsWith('/emea/') || s.path.startsWith('/'))).toBe(
      true,
    );
    expect(SERVICE_URL).toContain('smba');
  });
});

/** Form and JSON bodies Slack could sign: commands, events and clicks with bent fields. */
const slackSignedBody = fc.oneof(
  fc.string({ maxLength: 200 }).map((s) => ({ body: s, type: 'application/json' })),
  fc.json({ maxDepth: 3 }).map((s) => ({ body: s, type: 'application/json' })),
  fc
    .record({
      command: fc.constantFrom('/wuerror', '/other', ''),
      text: fc.oneof(fc.string({ maxLength: 100 }), fc.constant('x'.repeat(12_000))),
      user_id: fc.oneof(fc.constant('U0ALEX001'), fc.string({ maxLength: 80 })),
      channel_id: fc.oneof(fc.constant('C0HELPDSK'), fc.string({ maxLength: 80 })),
      team_id: fc.oneof(fc.constant(TEAM), fc.string({ maxLength: 80 })),
      trigger_id: fc.string({ maxLength: 40 }),
      response_url: fc.constantFrom(
        `${HOOKS}/commands/${TEAM}/1/nowhere`,
        'http://169.254.169.254/',
        'not a url',
        '',
      ),
    })
    .map((fields) => ({
      body: new URLSearchParams(fields as Record<string, string>).toString(),
      type: 'application/x-www-form-urlencoded',
    })),
  fc.anything({ maxDepth: 2 }).map((payload) => ({
    body: `payload=${encodeURIComponent(JSON.stringify(payload) ?? 'null')}`,
    type: 'application/x-www-form-urlencoded',
  })),
  fc
    .record({
      type: fc.constantFrom('event_callback', 'url_verification', 'app_rate_limited', 'x'),
      event_id: fc.string({ maxLength: 30 }),
      team_id: fc.constant(TEAM),
      challenge: fc.string({ maxLength: 20 }),
      event: fc.oneof(
        weird,
        fc.record({
          type: fc.constantFrom('message', 'app_mention', 'reaction_added'),
          channel: fc.string({ maxLength: 20 }),
          user: fc.string({ maxLength: 20 }),
          text: fc.string({ maxLength: 200 }),
          ts: fc.constantFrom('1732266300.000100', 'x', ''),
          subtype: fc.constantFrom(undefined, 'bot_message', 'message_changed'),
        }),
      ),
    })
    .map((body) => ({ body: JSON.stringify(body), type: 'application/json' })),
);

/** How a request is (not) signed: refused by the signature check, except `good`. */
const signing = fc.constantFrom(
  'good',
  'none',
  'wrong-secret',
  'stale',
  'future',
  'garbage-timestamp',
);

describe('POST /slack/events', () => {
  let slack: SlackHarness;
  beforeAll(async () => {
    slack = await startSlackHarness({ env: OPEN_LIMITS });
  });
  afterAll(async () => {
    // Accepted requests' work runs after the ack; let it end before the fake Slack goes.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await slack.close();
  });

  const headersFor = (body: string, how: string): Record<string, string> => {
    const now = Math.floor(Date.now() / 1000);
    if (how === 'good') return signSlackRequest(SIGNING_SECRET, body);
    if (how === 'wrong-secret') return signSlackRequest('not-the-secret', body);
    if (how === 'stale') return signSlackRequest(SIGNING_SECRET, body, now - 600);
    if (how === 'future') return signSlackRequest(SIGNING_SECRET, body, now + 600);
    if (how === 'garbage-timestamp') {
      return { 'x-slack-signature': 'v0=00', 'x-slack-request-timestamp': 'soon' };
    }
    return {};
  };

  it(`refuses ${RUNS} generated requests that are not signed right, with no outbound call`, async () => {
    const t = tally('slack-unsigned');
    const before = slack.calls.length + strayCalls;
    await fc.assert(
      fc.asyncProperty(
        slackSignedBody,
        signing.filter((how) => how !== 'good'),
        async ({ body, type }, how) => {
          const response = await slack.send(body, type, headersFor(body, how));
          await response.arrayBuffer();
          count(t, response.status);
          expect(response.status).toBe(401);
        },
      ),
      { numRuns: RUNS },
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const outbound = slack.calls.length + strayCalls - before;
    t.outbound = outbound;
    t.outboundAfterRefusal = outbound;
    expect(outbound).toBe(0);
    expect(crashes).toEqual([]);
  }, 60_000);

  it(`survives ${RUNS} generated signed malformed requests without a 5xx`, async () => {
    const t = tally('slack-signed');
    const before = slack.calls.length + strayCalls;
    await fc.assert(
      fc.asyncProperty(slackSignedBody, async ({ body, type }) => {
        const response = await slack.send(body, type, headersFor(body, 'good'));
        await response.arrayBuffer();
        count(t, response.status);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
    // Let the accepted requests' work finish before counting.
    await new Promise((resolve) => setTimeout(resolve, 500));
    t.outbound = slack.calls.length + strayCalls - before;
    expect(crashes).toEqual([]);
  }, 60_000);

  it('still answers a normal /wuerror afterwards', async () => {
    const handledBefore = slack.logs.filter((l) => l.code === 'SLACK_HANDLED').length;
    const messagesBefore = slack.messages.length;
    const response = await slack.command('0x8024001E');
    expect(response.status).toBe(200);
    await slack.handled(handledBefore + 1);
    expect(slack.messages.length).toBe(messagesBefore + 1);
    expect(slack.messages.at(-1)?.text).toMatch(/^0x8024001E WU_E_SERVICE_STOP/);
  });
});

describe('GET /healthz, /readyz and unknown paths', () => {
  let teams: TeamsHarness;
  beforeAll(async () => {
    teams = await startTeamsHarness({ env: OPEN_LIMITS });
  });
  afterAll(async () => {
    await teams.close();
  });

  it(`survive ${RUNS} generated requests of any method, path and body`, async () => {
    const t = tally('other');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
        fc.oneof(
          fc.constantFrom('/healthz', '/readyz', '/api/messages', '/slack/events', '/'),
          fc.webPath(),
          fc.string({ maxLength: 50 }).map((s) => `/${encodeURIComponent(s)}`),
        ),
        fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
        async (method, path, body) => {
          const before = teams.sent.length + strayCalls;
          const response = await fetch(
            `${teams.app.url}${path.startsWith('/') ? path : `/${path}`}`,
            {
              method,
              ...(body !== undefined && method !== 'GET' && method !== 'HEAD'
                ? { body, headers: { 'content-type': 'application/json' } }
                : {}),
            },
          );
          await response.arrayBuffer();
          count(t, response.status);
          expect(response.status).toBeLessThan(500);
          const outbound = teams.sent.length + strayCalls - before;
          t.outbound += outbound;
          expect(outbound).toBe(0);
        },
      ),
      { numRuns: RUNS },
    );
    expect((await fetch(`${teams.app.url}/readyz`)).status).toBe(200);
    expect(crashes).toEqual([]);
  }, 60_000);
});
