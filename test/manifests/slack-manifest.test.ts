/**
 * The committed Slack manifest creates an app that matches the code: the
 * slash command, events and interactivity all point at the one endpoint,
 * with the scopes each feature needs and within Slack's field limits.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLACK_PATH, SLASH_COMMAND } from '../../src/adapters/slack/create-slack-app.js';

const manifest = parse(
  await readFile(join(import.meta.dirname, '../../manifests/slack/manifest.yml'), 'utf8'),
);
const BASE = 'https://wuerror.example.com';

describe('the committed Slack manifest', () => {
  it('points the slash command, events and interactivity at /slack/events', () => {
    const [command] = manifest.features.slash_commands;
    expect(command).toMatchObject({ command: SLASH_COMMAND, url: `${BASE}${SLACK_PATH}` });
    expect(manifest.settings.event_subscriptions.request_url).toBe(`${BASE}${SLACK_PATH}`);
    expect(manifest.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: `${BASE}${SLACK_PATH}`,
    });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('describes /wuerror and sends its text as typed', () => {
    const [command] = manifest.features.slash_commands;
    expect(command.description.length).toBeGreaterThan(0);
    expect(command.description.length).toBeLessThanOrEqual(100);
    expect(command.usage_hint).toContain('0x8024001E');
    // to-turn.ts reads slash command text as typed; Slack-escaped text would need decoding.
    expect(command.should_escape).toBe(false);
  });

  it('has a bot user, a DM tab, the events and the scopes they need', () => {
    expect(manifest.features.bot_user.display_name).toBe('wuerror');
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(false);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual([
      'app_mention',
      'message.channels',
      'message.groups',
      'message.im',
      'message.mpim',
    ]);
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      'app_mentions:read',
      'channels:history',
      'chat:write',
      'chat:write.public',
      'commands',
      'files:read',
      'groups:history',
      'im:history',
      'mpim:history',
    ]);
  });

  it('stays within the display limits Slack enforces on import', () => {
    const info = manifest.display_information;
    expect(info.name.length).toBeLessThanOrEqual(35);
    expect(info.description.length).toBeLessThanOrEqual(140);
    expect(info.long_description.length).toBeGreaterThanOrEqual(175);
    expect(info.long_description.length).toBeLessThanOrEqual(4000);
    expect(info.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  });
});
