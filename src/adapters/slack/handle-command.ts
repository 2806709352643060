/**
 * `/wuerror <code, symptom or log line>` and `/wuerror help`. Acknowledged
 * at once (Slack gives up after 3 seconds); the answer follows.
 *
 * A visible answer in a channel becomes the root of a thread, so the
 * buttons on it, and anything typed in its thread, find the same
 * conversation as an answer to a channel message does. For that its `ts`
 * must be known before the core decides, so a short "X asked: ..." line is
 * posted first and then replaced by the answer.
 */
import type { AckFn, RespondFn, webApi } from '@slack/bolt';
import type { LogCode } from '../../errors.js';
import { toBlockKit, toPendingMessage } from '../../renderers/block-kit.js';
import { isCannotPost, outboxFor, outboxSender } from './create-outbox.js';
import type { SlackDeps } from './slack-deps.js';
import { CommandSchema, type SlackCommand } from './slack-payloads.js';
import { commandPlace, commandSpot } from './slack-place.js';
import { commandToTurn } from './to-turn.js';

/** The longest question we read; longer text gets a reply saying so, not silence. */
export const MAX_COMMAND_TEXT = 10_000;

export interface CommandArgs {
  command: unknown;
  ack: AckFn<string | Record<string, unknown>>;
  respond: RespondFn;
  client: webApi.WebClient;
}

export async function handleCommand(args: CommandArgs, deps: SlackDeps): Promise<void> {
  await args.ack();
  const parsed = CommandSchema.safeParse(args.command);
  if (!parsed.success) {
    deps.logger.warn(
      { code: 'SLACK_BAD_PAYLOAD' satisfies LogCode, kind: 'command' },
      'unexpected slash command',
    );
    return;
  }
  const command = parsed.data;
  if (command.text.length > MAX_COMMAND_TEXT) {
    deps.logger.info(
      { length: command.text.length, code: 'SLACK_TOO_LONG' satisfies LogCode },
      'slash command text too long',
    );
    await args.respond({
      response_type: 'ephemeral',
      ...toBlockKit({ kind: 'too-long', limit: MAX_COMMAND_TEXT }),
    });
    return;
  }
  const asked = { by: command.user_name ?? command.user_id, question: command.text };
  const placeholderTs = await postPlaceholder(command, args.client, deps, asked);
  const spot = commandSpot(command, deps.slashVisibility, placeholderTs);

  const outbox = outboxFor(spot, {
    client: args.client,
    respond: args.respond,
    responseType: commandPlace(command, deps.slashVisibility).responseType,
  });
  await deps.conversation.run(
    commandToTurn(command, spot, deps.now()),
    outboxSender(outbox, { asked, placeholderTs }),
  );
}

/** Posts the thread root for a visible channel answer; undefined when the answer is private. */
async function postPlaceholder(
  command: SlackCommand,
  client: webApi.WebClient,
  deps: SlackDeps,
  asked: { by: string; question: string },
): Promise<string | undefined> {
  if (!commandPlace(command, deps.slashVisibility).threaded) return undefined;
  try {
    const posted = await client.chat.postMessage({
      channel: command.channel_id,
      ...toPendingMessage(asked),
      unfurl_links: false,
      unfurl_media: false,
    });
    return posted.ts;
  } catch (error) {
    if (!isCannotPost(error)) throw error;
    // A private channel the bot is not in: the response_url still reaches the asker.
    deps.logger.info(
      { channel: command.channel_id, code: 'SLACK_CANNOT_POST' satisfies LogCode },
      'not a member of the channel; answering privately',
    );
    return undefined;
  }
}
