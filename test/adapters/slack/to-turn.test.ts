import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toPlainText } from '../../../src/adapters/slack/mrkdwn-to-text.js';
import {
  ActionBodySchema,
  CommandSchema,
  EventBodySchema,
} from '../../../src/adapters/slack/slack-payloads.js';
import { commandSpot, conversationIdOf } from '../../../src/adapters/slack/slack-place.js';
import { actionToTurn, commandToTurn, eventToTurn } from '../../../src/adapters/slack/to-turn.js';
import { BOT_USER, fixture } from '../../support/slack-harness.js';

const NOW = new Date('2026-11-22T09:05:00Z');
const event = (name: string, patch: Record<string, unknown> = {}) => {
  const body = fixture(name);
  body.event = { ...body.event, ...patch };
  return EventBodySchema.parse(body);
};
const command = CommandSchema.parse(
  Object.fromEntries(
    new URLSearchParams(
      readFileSync(join(import.meta.dirname, '../../fixtures/slack/slash-command.form'), 'utf8'),
    ),
  ),
);
const click = (patch: (payload: ReturnType<typeof fixture>) => void) => {
  const payload = fixture('block-actions');
  payload.actions[0].value = JSON.stringify({
    type: 'answer',
    answer: 'not-fixed',
    flowId: 'f1',
    step: 0,
  });
  patch(payload);
  return ActionBodySchema.parse(payload);
};

describe('conversation ids', () => {
  it('are one per DM, one per channel thread, one per asker for private answers', () => {
    expect(conversationIdOf({ kind: 'dm', team: 'T1', channel: 'D1' })).toBe('slack:T1:D1');
    expect(conversationIdOf({ kind: 'thread', team: 'T1', channel: 'C1', threadTs: '17.01' })).toBe(
      'slack:T1:C1:17.01',
    );
    expect(conversationIdOf({ kind: 'private', team: 'T1', channel: 'C1', user: 'U1' })).toBe(
      'slack:T1:C1:private:U1',
    );
  });

  it('agree between a message, a typed reply in its thread and a click on the answer', () => {
    const root = eventToTurn(event('event-channel-message'), BOT_USER, NOW);
    const reply = eventToTurn(
      event('event-channel-message', { ts: '1732266900.000101', thread_ts: '1732266300.000100' }),
      BOT_USER,
      NOW,
    );
    const clicked = actionToTurn(
      click(() => {}),
      NOW,
    );
    expect(root?.turn.conversationId).toBe('slack:T0TEAM001:C0HELPDSK:1732266300.000100');
    expect(reply?.turn.conversationId).toBe(root?.turn.conversationId);
    expect(clicked?.turn.conversationId).toBe(root?.turn.conversationId);
  });

  it('agree between a slash command and a click on its answer, public or private', () => {
    const publicSpot = commandSpot(command, 'in_channel', '1732267001.000001');
    const onAnswer = actionToTurn(
      click((p) => {
        p.container = { ...p.container, message_ts: '1732267001.000001', thread_ts: undefined };
        p.message.ts = '1732267001.000001';
        delete p.message.thread_ts;
      }),
      NOW,
    );
    expect(onAnswer?.turn.conversationId).toBe(conversationIdOf(publicSpot));

    const privateSpot = commandSpot(command, 'ephemeral');
    const onPrivate = actionToTurn(
      click((p) => {
        p.container = {
          type: 'message',
          message_ts: '1732267002.000002',
          channel_id: 'C0HELPDSK',
          is_ephemeral: true,
        };
        delete p.message;
      }),
      NOW,
    );
    expect(onPrivate?.turn.conversationId).toBe(conversationIdOf(privateSpot));
  });
});

describe('turns', () => {
  it('from a slash command: addressed, the text as typed, who and where', () => {
    const turn = commandToTurn(command, commandSpot(command, 'in_channel', '1.2'), NOW);
    expect(turn).toMatchObject({
      user: { id: 'U0ALEX001', name: 'alex' },
      where: { platform: 'slack', kind: 'channel', label: '#helpdesk' },
      addressed: true,
      input: { kind: 'text', text: '0x8024001E' },
    });
  });

  it('from channel chatter are not addressed; @mentions and DMs are', () => {
    expect(eventToTurn(event('event-channel-message'), BOT_USER, NOW)?.turn.addressed).toBe(false);
    const mention = eventToTurn(event('event-app-mention'), BOT_USER, NOW);
    expect(mention?.turn).toMatchObject({
      addressed: true,
      input: { text: 'updates fail behind our proxy' },
    });
    const dm = eventToTurn(event('event-direct-message'), BOT_USER, NOW);
    expect(dm?.turn).toMatchObject({ addressed: true, where: { kind: 'personal' } });
  });

  it('are not made from bots, edits, the bot itself, or the message copy of an @mention', () => {
    const skip = (patch: Record<string, unknown>) =>
      eventToTurn(event('event-channel-message', patch), BOT_USER, NOW);
    expect(skip({ bot_id: 'B0OTHER01', subtype: 'bot_message' })).toBeNull();
    expect(skip({ subtype: 'message_changed' })).toBeNull();
    expect(skip({ subtype: 'channel_join' })).toBeNull();
    expect(skip({ user: BOT_USER })).toBeNull();
    expect(skip({ text: `<@${BOT_USER}> 0x8024001E` })).toBeNull();
    expect(skip({ subtype: 'thread_broadcast' })).not.toBeNull();
  });

  it('from a click carry the validated action; a forged value gives none', () => {
    expect(
      actionToTurn(
        click(() => {}),
        NOW,
      )?.turn.input,
    ).toEqual({
      kind: 'action',
      action: { type: 'answer', answer: 'not-fixed', flowId: 'f1', step: 0 },
    });
    const forged = click((p) => {
      p.actions[0].value = '{"type":"answer","answer":"format-c"}';
    });
    expect(actionToTurn(forged, NOW)).toBeNull();
    const notJson = click((p) => {
      p.actions[0].value = 'not json';
    });
    expect(actionToTurn(notJson, NOW)).toBeNull();
  });
});

describe('toPlainText', () => {
  it("turns Slack's encoded text back into what the person sees", () => {
    expect(
      toPlainText(
        `<@${BOT_USER}> <!channel> ask <@U0EVE0001>: see <https://x.example/a?b=1&amp;c=2|the log> &lt;KB5034441&gt; in <#C0HELPDSK|helpdesk> or <https://y.example>`,
        BOT_USER,
      ),
    ).toBe('@channel ask @U0EVE0001: see the log <KB5034441> in helpdesk or https://y.example');
  });
});
