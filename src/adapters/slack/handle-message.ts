/**
 * Channel messages, @mentions and direct messages. Whether an unaddressed
 * channel message deserves an answer (it names a code, or continues the
 * flow of its thread) is the core's call; this only sets `addressed`.
 * Answers go in the thread under the message, or straight into a DM.
 */
import type { webApi } from '@slack/bolt';
import { outboxFor, outboxSender } from './create-outbox.js';
import { readSlackFile } from './read-slack-file.js';
import type { SlackDeps } from './slack-deps.js';
import { EventBodySchema } from './slack-payloads.js';
import { eventToTurn } from './to-turn.js';

export interface MessageArgs {
  body: unknown;
  client: webApi.WebClient;
  botUserId: string | undefined;
}

export async function handleMessage(args: MessageArgs, deps: SlackDeps): Promise<void> {
  const parsed = EventBodySchema.safeParse(args.body);
  // Message events come in many shapes (edits, deletions carry no text or user); they are not questions.
  if (!parsed.success) return;
  const translated = eventToTurn(parsed.data, args.botUserId, deps.now());
  if (!translated) return;
  const { spot } = translated;
  let turn = translated.turn;
  // A file in a DM, with an @mention, or in a thread (answered there only if the bot is in it).
  const [file] = parsed.data.event.files ?? [];
  const inThread = parsed.data.event.thread_ts !== undefined;
  if (file && turn.input.kind === 'text' && (turn.addressed || inThread)) {
    const attached = await readSlackFile(args.client, file, deps);
    turn = { ...turn, input: { kind: 'file', text: turn.input.text, file: attached } };
  }
  const outbox = outboxFor(spot, {
    client: args.client,
    responseType: 'in_channel',
    threadTs: parsed.data.event.thread_ts,
  });
  await deps.conversation.run(turn, outboxSender(outbox), { reqId: deps.reqId });
}

/**
 * Where a "busy" line goes for a message the bot could not take on now: the
 * thread (or DM) it would have answered in, and only when the message was
 * meant for the bot (a mention or a DM), never for channel chatter.
 */
export function busySpot(
  args: MessageArgs,
  deps: SlackDeps,
): { channel: string; threadTs: string | undefined } | null {
  const parsed = EventBodySchema.safeParse(args.body);
  if (!parsed.success) return null;
  const translated = eventToTurn(parsed.data, args.botUserId, deps.now());
  if (!translated?.turn.addressed) return null;
  const { spot } = translated;
  if (spot.kind === 'thread') return { channel: spot.channel, threadTs: spot.threadTs };
  return { channel: spot.channel, threadTs: parsed.data.event.thread_ts };
}
