/**
 * A fake of the Slack side the bot talks to, on nock: the Web API methods the
 * bot calls (auth.test, chat.postMessage, chat.update) and response_url
 * posts. It keeps every message the bot posted, with each edit, the way
 * Slack stores them (block ids added), and builds the click payloads Slack
 * would send for their buttons.
 */
import nock from 'nock';

// biome-ignore lint/suspicious/noExplicitAny: payloads and messages are JSON under test.
type Json = any;

export interface PostedMessage {
  ts: string;
  channel: string;
  threadTs?: string;
  text: string;
  blocks: Json[];
  ephemeral: boolean;
  via: 'chat.postMessage' | 'response_url';
  /** Every version, oldest first: as posted, then each edit. */
  versions: Array<{ text: string; blocks: Json[] }>;
}

export interface OutboundCall {
  api: 'auth.test' | 'chat.postMessage' | 'chat.postEphemeral' | 'chat.update' | 'response_url';
  body: Json;
  url?: string;
  authorization?: string;
  /** How the arguments came (Web API calls): JSON, or a form. */
  contentType?: string;
}

export interface SlackWorld {
  calls: OutboundCall[];
  messages: PostedMessage[];
  /** Block Kit limit violations in anything the bot sent. */
  problems: string[];
  /** The messages posted in a thread, oldest first. */
  thread(rootTs: string): PostedMessage[];
  expectResponseUrl(url: string, channel: string): void;
  clickPayload(ts: string, label: string | RegExp, template: Json, n: number): Json;
}

export interface WorldOptions {
  apiUrl: string;
  hooks: string;
  bot: { user: string; id: string; team: string };
  check: (message: { text?: unknown; blocks?: unknown }) => string[];
  cannotPost: boolean;
  delayMs: number;
  /** How many auth.test calls fail (Slack having a bad moment) before it answers. */
  authFailures: number;
  /** How many chat.postMessage calls Slack refuses before it takes them. */
  postFailures?: number;
}

/** Slack assigns block ids and marks mrkdwn as not verbatim when it stores a message. */
function stored(blocks: Json[]): Json[] {
  return structuredClone(blocks).map((block: Json, i: number) => ({
    block_id: `b${i}${Math.random().toString(36).slice(2, 6)}`,
    ...block,
  }));
}

function formBody(body: string | Json): Json {
  if (typeof body !== 'string') return body;
  const fields: Json = Object.fromEntries(new URLSearchParams(body));
  if (fields.blocks) fields.blocks = JSON.parse(fields.blocks);
  return fields;
}

export function createSlackWorld(options: WorldOptions): SlackWorld {
  const calls: OutboundCall[] = [];
  const messages: PostedMessage[] = [];
  const problems: string[] = [];
  const responseUrls = new Map<string, { channel: string; messageTs?: string }>();
  let tsCounter = 0;
  const newTs = () => {
    tsCounter++;
    return `${1732267000 + tsCounter}.${String(tsCounter).padStart(6, '0')}`;
  };
  const find = (ts: string) => messages.find((m) => m.ts === ts);
  const checked = (api: string, body: Json) => {
    for (const problem of options.check(body)) problems.push(`${api}: ${problem}`);
  };
  const edit = (message: PostedMessage, body: Json) => {
    message.text = body.text;
    message.blocks = stored(body.blocks ?? []);
    message.versions.push({ text: message.text, blocks: message.blocks });
  };
  const create = (fields: Omit<PostedMessage, 'ts' | 'versions' | 'blocks'>, blocks: Json[]) => {
    const message: PostedMessage = { ts: newTs(), ...fields, blocks: stored(blocks), versions: [] };
    message.versions.push({ text: message.text, blocks: message.blocks });
    messages.push(message);
    return message;
  };

  const api = nock(new URL(options.apiUrl).origin).persist();
  const prefix = new URL(options.apiUrl).pathname;
  let authFailures = options.authFailures;
  api.post(`${prefix}auth.test`).reply(function () {
    calls.push({ api: 'auth.test', body: {}, authorization: this.req.headers.authorization });
    if (authFailures-- > 0) return [200, { ok: false, error: 'fatal_error' }];
    return [
      200,
      {
        ok: true,
        url: 'https://contoso.slack.com/',
        team: 'Contoso',
        user: 'wuerror',
        team_id: options.bot.team,
        user_id: options.bot.user,
        bot_id: options.bot.id,
        is_enterprise_install: false,
      },
    ];
  });
  let postFailures = options.postFailures ?? 0;
  api
    .post(`${prefix}chat.postMessage`)
    .delay(options.delayMs)
    .reply(function (_uri, raw) {
      const body = formBody(raw as string);
      calls.push({
        api: 'chat.postMessage',
        body,
        authorization: this.req.headers.authorization,
        contentType: String(this.req.headers['content-type'] ?? ''),
      });
      checked('chat.postMessage', body);
      if (options.cannotPost) return [200, { ok: false, error: 'not_in_channel' }];
      if (postFailures > 0) {
        postFailures--;
        return [200, { ok: false, error: 'invalid_blocks' }];
      }
      const message = create(
        {
          channel: body.channel,
          ...(body.thread_ts ? { threadTs: body.thread_ts } : {}),
          text: body.text,
          ephemeral: false,
          via: 'chat.postMessage',
        },
        body.blocks ?? [],
      );
      return [
        200,
        { ok: true, channel: body.channel, ts: message.ts, message: { ts: message.ts } },
      ];
    });
  api.post(`${prefix}chat.postEphemeral`).reply(function (_uri, raw) {
    const body = formBody(raw as string);
    calls.push({ api: 'chat.postEphemeral', body, authorization: this.req.headers.authorization });
    checked('chat.postEphemeral', body);
    create(
      {
        channel: body.channel,
        ...(body.thread_ts ? { threadTs: body.thread_ts } : {}),
        text: body.text,
        ephemeral: true,
        via: 'chat.postMessage',
      },
      body.blocks ?? [],
    );
    return [200, { ok: true, message_ts: newTs() }];
  });
  api
    .post(`${prefix}chat.update`)
    .delay(options.delayMs)
    .reply(function (_uri, raw) {
      const body = formBody(raw as string);
      calls.push({ api: 'chat.update', body, authorization: this.req.headers.authorization });
      checked('chat.update', body);
      const message = find(body.ts);
      if (!message || message.channel !== body.channel)
        return [200, { ok: false, error: 'message_not_found' }];
      edit(message, body);
      return [200, { ok: true, channel: body.channel, ts: body.ts, text: body.text }];
    });
  nock(options.hooks)
    .persist()
    .post(/.*/)
    .reply((uri, body: Json) => {
      const url = `${options.hooks}${uri}`;
      calls.push({ api: 'response_url', body, url });
      checked('response_url', body);
      const binding = responseUrls.get(url);
      if (!binding) return [404, 'no_such_response_url'];
      const original = binding.messageTs ? find(binding.messageTs) : undefined;
      if (body.replace_original === true && original) {
        edit(original, body);
      } else {
        const message = create(
          {
            channel: binding.channel,
            text: body.text,
            ephemeral: body.response_type !== 'in_channel',
            via: 'response_url',
          },
          body.blocks ?? [],
        );
        binding.messageTs = message.ts;
      }
      return [200, { ok: true }];
    });

  return {
    calls,
    messages,
    problems,
    thread: (rootTs) => messages.filter((m) => m.threadTs === rootTs),
    expectResponseUrl(url, channel) {
      responseUrls.set(url, { channel });
    },
    clickPayload(ts, label, template, n) {
      const message = find(ts);
      if (!message) throw new Error(`no message ${ts}`);
      const buttons: Json[] = message.blocks
        .filter((b: Json) => b.type === 'actions')
        .flatMap((b: Json) => b.elements);
      const button = buttons.find((b) =>
        typeof label === 'string' ? b.text.text === label : label.test(b.text.text),
      );
      if (!button)
        throw new Error(
          `no button ${label}; buttons: ${buttons.map((b) => b.text.text).join(', ')}`,
        );
      const payload = structuredClone(template);
      payload.trigger_id = `8114302940${n}.7391830115.click${n}`;
      payload.container = {
        type: 'message',
        message_ts: ts,
        channel_id: message.channel,
        is_ephemeral: message.ephemeral,
        ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
      };
      payload.channel = {
        id: message.channel,
        name: message.channel.startsWith('D') ? 'directmessage' : 'helpdesk',
      };
      if (message.ephemeral) delete payload.message;
      else {
        payload.message = { ...payload.message, ts, text: message.text, blocks: message.blocks };
        if (message.threadTs) payload.message.thread_ts = message.threadTs;
        else delete payload.message.thread_ts;
      }
      payload.response_url = `${options.hooks}/actions/${options.bot.team}/81143${n}/click${n}`;
      responseUrls.set(payload.response_url, { channel: message.channel, messageTs: ts });
      payload.actions = [
        {
          ...payload.actions[0],
          action_id: button.action_id,
          block_id: message.blocks.find((b: Json) => b.elements?.includes(button))?.block_id,
          text: button.text,
          value: button.value,
        },
      ];
      return payload;
    },
  };
}
