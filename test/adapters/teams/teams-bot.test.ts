/**
 * The Teams bot end to end: Teams-shaped activities posted to the real
 * /api/messages endpoint, the Bot Connector faked with nock on serviceUrl.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStoreIn } from '../../../src/storage/sqlite-store.js';
import {
  buttonTitles,
  cardText,
  clickOn,
  fixture,
  type Json,
  say,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness.js';
import { cardProblems } from '../../support/validate-adaptive-card.js';

let harness: TeamsHarness | undefined;
afterEach(async () => {
  // Every card the bot produced in the test must render in Teams.
  for (const { card } of harness?.cards() ?? []) expect(cardProblems(card)).toEqual([]);
  for (const s of harness?.sent.filter((x) => x.method === 'PUT') ?? [])
    expect(cardProblems(s.activity.attachments[0].content)).toEqual([]);
  await harness?.close();
  harness = undefined;
});

async function start(options: Parameters<typeof startTeamsHarness>[0] = {}) {
  harness = await startTeamsHarness(options);
  return harness;
}

const last = (h: TeamsHarness) => {
  const cards = h.cards();
  const card = cards[cards.length - 1];
  if (!card) throw new Error('the bot sent no card');
  return card;
};

describe('Teams bot', () => {
  it('answers a code with the error, its meaning and step 1 with commands, in one call to the connector', async () => {
    const h = await start();
    const response = await h.post(say('0x8024001E'));
    expect(response.status).toBe(200);
    // An immediate answer needs no typing indicator before it.
    expect(h.sent.map((s) => s.activity.type)).toEqual(['message']);
    const { card, summary } = last(h);
    const text = cardText(card);
    expect(text).toContain('0x8024001E WU_E_SERVICE_STOP');
    expect(text).toMatch(/Step 1 of \d+/);
    expect(summary).toMatch(/^0x8024001E WU_E_SERVICE_STOP: step 1 of \d+/);
    expect(card.version).toBe('1.5');
    expect(buttonTitles(card)).toContain('Get a human');
  });

  it('quotes the decisive line of a pasted CBS log as monospace text, under what failed', async () => {
    const h = await start();
    const line =
      '2024-02-14 09:04:10, Error                 CBS    Package Package_for_KB5034441~31bf3856ad364e35~amd64~~19041.3920.1.0 failed with 0x80070643 - ERROR_INSTALL_FAILURE';
    await h.post(say(`2024-02-14 09:02:41, Info CBS Flags: 0x00000000\n${line}`));
    const { card } = last(h);
    expect(cardText(card)).toContain('CBS.log: Package KB5034441 failed with 0x80070643');
    const quote = card.body.find(
      (e: Json) => e.type === 'RichTextBlock' && /Error CBS/.test(e.inlines[0].text),
    );
    expect(quote?.inlines[0]).toMatchObject({
      fontType: 'Monospace',
      text: line.replace(/\s+/g, ' '),
    });
  });

  it('shows the typing indicator only when a turn is still working (a slow hand-off webhook)', async () => {
    nock('https://tickets.example.com').post('/hooks/wuerror').delay(600).reply(202, {});
    const h = await start({
      env: { HELPDESK_WEBHOOK_URL: 'https://tickets.example.com/hooks/wuerror' },
    });
    await h.post(say('0x80072F8F'));
    await h.post(say('get me a human'));
    const types = h.sent.filter((s) => s.method === 'POST').map((s) => s.activity.type);
    // The code: immediate, no indicator; the hand-off: typing, then the summary.
    expect(types).toEqual(['message', 'typing', 'message']);
    // In personal chat the step card the typed request made old is left as it is (no PUT).
    expect(h.sent.filter((s) => s.method === 'PUT')).toHaveLength(0);
    expect(cardText(last(h).card)).toContain('Handed to the helpdesk');
  });

  it('shows commands one per line in monospace, marked for an admin prompt', async () => {
    const h = await start();
    await h.post(say('0x800F0831'));
    const body: Json[] = last(h).card.body;
    const runs = body.filter((e) => e.type === 'RichTextBlock').map((e) => e.inlines[0]);
    expect(runs.map((r: Json) => r.text)).toContain('DISM /Online /Cleanup-Image /RestoreHealth');
    for (const run of runs) expect(run.fontType).toBe('Monospace');
    expect(cardText(last(h).card)).toContain('Command Prompt (as administrator)');
    expect(cardText(last(h).card)).toMatch(/Needs an admin prompt/);
  });

  it('asks first when a symptom match is not confident, then starts the chosen flow', async () => {
    const h = await start();
    await h.post(say('connection to the update server times out or is refused'));
    const confirm = last(h);
    expect(cardText(confirm.card)).toMatch(/^It sounds like 0x[0-9A-F]{8}.*Is that it\?/);
    const buttons = buttonTitles(confirm.card);
    expect(buttons.length).toBeGreaterThanOrEqual(3);
    expect(buttons).toContain('None of these');
    await h.post(clickOn(confirm, /^Yes, 0x/));
    const chosen = String(buttons[0]).replace('Yes, ', '');
    expect(cardText(last(h).card)).toContain(chosen);
    expect(cardText(last(h).card)).toMatch(/Step 1 of/);
  });

  it('walks a whole flow to "fixed" with buttons and typed answers', async () => {
    const h = await start();
    await h.post(say('0x80070422'));
    const step1 = last(h);
    await h.post(clickOn(step1, 'No, still failing'));
    // The clicked card is replaced by its content without buttons.
    const update = h.sent.find((s) => s.method === 'PUT');
    expect(update?.path).toContain(step1.id);
    expect(buttonTitles(update?.activity.attachments[0].content)).toEqual([]);
    expect(cardText(update?.activity.attachments[0].content)).toContain(
      'Alex Admin answered: No, still failing',
    );
    expect(cardText(last(h).card)).toMatch(/Step 2 of/);
    await h.post(say('yes that worked'));
    const done = cardText(last(h).card);
    expect(done).toContain('Great, it is fixed.');
    expect(done).toMatch(/Step 1, .*: did not help/);
    expect(done).toMatch(/Step 2, .*: fixed it/);
  });

  it('walks a whole flow to a hand-off and posts the summary to the helpdesk webhook', async () => {
    const tickets: Json[] = [];
    nock('https://tickets.example.com')
      .post('/hooks/wuerror')
      .reply(202, (_uri, body) => {
        tickets.push(body);
        return {};
      });
    const h = await start({
      env: { HELPDESK_WEBHOOK_URL: 'https://tickets.example.com/hooks/wuerror' },
    });
    await h.post(say('0x80072F8F'));
    for (let i = 0; i < 20 && !cardText(last(h).card).includes('last step'); i++) {
      await h.post(say(i % 2 === 0 ? "didn't help" : 'nope, still 0x80072F8F'));
    }
    expect(cardText(last(h).card)).toContain('That was the last step');
    await h.post(clickOn(last(h), 'Hand it to a human'));
    const handoff = cardText(last(h).card);
    expect(handoff).toContain('Handed to the helpdesk');
    expect(handoff).toContain('Alex Admin');
    expect(handoff).toContain('A ticket was sent to the helpdesk');
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({
      type: 'wuerror.handoff',
      error: { code: '0x80072F8F' },
      requestedBy: { name: 'Alex Admin' },
      where: { platform: 'teams', kind: 'personal' },
      at: '2026-11-22T09:05:00.000Z',
    });
    expect(tickets[0].tried.length).toBeGreaterThan(1);
    for (const tried of tickets[0].tried) expect(['not-fixed', 'no']).toContain(tried.outcome);
  });

  it('still shows the summary when the helpdesk webhook fails', async () => {
    nock('https://tickets.example.com').post('/hooks/wuerror').reply(500);
    const h = await start({
      env: { HELPDESK_WEBHOOK_URL: 'https://tickets.example.com/hooks/wuerror' },
    });
    await h.post(say('0x8024401B'));
    await h.post(say('I need a human'));
    expect(cardText(last(h).card)).toContain('could not reach the helpdesk ticketing webhook');
  });

  it('answers a click on an old card as stale without forking the flow', async () => {
    const h = await start();
    await h.post(say('0x8024402F'));
    const step1 = last(h);
    await h.post(clickOn(step1, 'Skip this step'));
    const step2 = last(h);
    await h.post(clickOn(step1, 'Yes, fixed'));
    expect(cardText(last(h).card)).toMatch(
      /That button is from an older card\. We are on step 2 of/,
    );
    await h.post(clickOn(step2, 'No, still failing'));
    expect(cardText(last(h).card)).toMatch(/Step 3 of|last step/);
  });

  it('explains itself on help and greets when added', async () => {
    const h = await start();
    await h.post(say('help'));
    expect(cardText(last(h).card)).toContain('I explain Windows Update errors');
    await h.post(fixture('bot-added'));
    const welcome = cardText(last(h).card);
    expect(welcome).toMatch(/^Hi! I am wuerror\./);
    expect(welcome).toContain('0x8024001E');
    expect(h.sent.filter((s) => s.activity.type === 'typing')).toHaveLength(0);
  });

  it('strips the @mention in a channel and names the channel in a hand-off', async () => {
    const h = await start();
    await h.post(fixture('channel-mention'));
    const first = last(h);
    expect(cardText(first.card)).toContain('0x8024401B WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ');
    const human = fixture('channel-mention');
    human.id = 'mention-2';
    human.text = '<at>wuerror</at> hand it over please';
    await h.post(human);
    expect(cardText(last(h).card)).toContain('IT Support #helpdesk (teams)');
  });

  it('says so for a code it does not know, and for text it cannot match', async () => {
    const h = await start();
    await h.post(say('0xDEADBEEF'));
    expect(cardText(last(h).card)).toContain('0xDEADBEEF is not a Windows Update error I know');
    await h.post(say('can you book a meeting room for friday'));
    expect(cardText(last(h).card)).toContain('I could not match that to a Windows Update error.');
  });

  it('apologises with the turn id when the connector refuses an answer', async () => {
    const h = await start({ failMessages: 1 });
    const activity = say('0x8024001E');
    expect((await h.post(activity)).status).toBe(200);
    const cards = h.cards();
    expect(cards).toHaveLength(1);
    expect(cardText(cards[0]?.card)).toContain(
      `Sorry, something went wrong on my side (reference ${activity.id})`,
    );
  });

  it('refuses requests without a valid token when an app id is configured', async () => {
    const h = await start({
      env: {
        MicrosoftAppId: '2f1c5e4a-0b8d-4c7e-9f6a-1d2e3f4a5b6c',
        MicrosoftAppPassword: 'not-a-real-secret',
      },
    });
    const response = await h.post(say('0x8024001E'));
    expect(response.status).toBe(401);
    const forged = await h.post(say('0x8024001E'), { authorization: 'Bearer not.a.jwt' });
    expect(forged.status).toBe(401);
    expect(h.sent).toEqual([]);
  });

  it('rejects malformed JSON with 400 and ignores junk button payloads', async () => {
    const h = await start();
    const response = await fetch(`${h.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":',
    });
    expect(response.status).toBe(400);
    const junk = fixture('card-submit');
    junk.value = { wuerror: { type: 'answer', answer: 'rm -rf', flowId: 'x', step: 0 } };
    expect((await h.post(junk)).status).toBe(200);
    expect(h.cards()).toEqual([]);
  });
});

describe('Teams bot state', () => {
  it('picks up a flow after a restart, from the SQLite store', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wuerror-data-'));
    try {
      const first = await startTeamsHarness({ store: createSqliteStoreIn(dataDir) });
      await first.post(say('0x80240020'));
      const step1 = first.cards()[0];
      if (!step1) throw new Error('no card');
      await first.close();

      harness = await startTeamsHarness({ store: createSqliteStoreIn(dataDir) });
      await harness.post(clickOn(step1, 'No, still failing'));
      const text = cardText(last(harness).card);
      expect(text).not.toContain('older card');
      expect(text).toMatch(/Step 2 of|last step/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
