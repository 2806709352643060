/**
 * `/wuerror <code, symptom or log line>` and `/wuerror help`. Acknowledged
 * at once (Slack gives up after 3 seconds); the answer follows.
 *
 * A visible answer in a channel becomes the root of a thread, so the
 * buttons on it, and anything typed in its thread, find the same
 * conversation as an answer to a channel message does. The conversation is
 * opened by that post (its ts is the thread's): one request per answer, no
 * placeholder posted first.
 */
import type { AckFn, RespondFn, webApi } from '@slack/bolt';
import type { LogCode } from '../../errors.js';
import { toBlockKit } from '../../renderers/block-kit.js';
import { openingSender, outboxFor, outboxSender } from './create-outbox.js';
import type { SlackDeps } from './slack-deps.js';
import { CommandSchema } from './slack-payloads.js';
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
  const place = commandPlace(command, deps.slashVisibility);
  // Where the conversation lives unless the answer opens a thread: the DM, or the asker alone.
  const spot = commandSpot(command, deps.slashVisibility);
  const turn = commandToTurn(command, spot, deps.now());
  if (place.threaded) {
    // A visible answer in a channel is the root of its own thread: the conversation
    // is opened by that post (see Turn.opensConversation).
    const sender = openingSender({
      client: args.client,
      respond: args.respond,
      channel: command.channel_id,
      threadAt: (ts) => ({
        kind: 'thread',
        team: command.team_id,
        channel: command.channel_id,
        threadTs: ts,
      }),
      asked,
      onCannotPost: () =>
        deps.logger.info(
          { channel: command.channel_id, code: 'SLACK_CANNOT_POST' satisfies LogCode },
          'not a member of the channel; answering privately',
        ),
    });
    await deps.conversation.run({ ...turn, opensConversation: true }, sender, {
      reqId: deps.reqId,
    });
    return;
  }
  const outbox = outboxFor(spot, {
    client: args.client,
    respond: args.respond,
    responseType: place.responseType,
  });
  await deps.conversation.run(turn, outboxSender(outbox, { asked }), { reqId: deps.reqId });
}
