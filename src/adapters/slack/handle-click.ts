/**
 * A click on one of our buttons. The clicked message is rebuilt without its
 * buttons first, so it can no longer fork the flow, then the next replies
 * are posted where the conversation lives.
 */
import type { RespondFn, webApi } from '@slack/bolt';
import type { LogCode } from '../../errors.js';
import type { Block } from '../../renderers/block-kit.js';
import { outboxFor, outboxSender } from './create-outbox.js';
import type { SlackDeps } from './slack-deps.js';
import { ActionBodySchema } from './slack-payloads.js';
import { clickResponseType } from './slack-place.js';
import { actionToTurn } from './to-turn.js';

export interface ClickArgs {
  body: unknown;
  ack: () => Promise<void>;
  respond: RespondFn | undefined;
  client: webApi.WebClient;
}

export async function handleClick(args: ClickArgs, deps: SlackDeps): Promise<void> {
  await args.ack();
  const parsed = ActionBodySchema.safeParse(args.body);
  const translated = parsed.success ? actionToTurn(parsed.data, deps.now()) : null;
  if (!parsed.success || !translated) {
    deps.logger.warn(
      { code: 'SLACK_BAD_PAYLOAD' satisfies LogCode, kind: 'block_actions' },
      'unexpected button',
    );
    return;
  }
  const body = parsed.data;
  const { turn, spot } = translated;
  const clicked = {
    ts: body.container.message_ts ?? body.message?.ts,
    blocks: (body.message?.blocks ?? []) as Block[],
  };
  const outbox = outboxFor(spot, {
    client: args.client,
    respond: args.respond,
    responseType: clickResponseType(spot),
  });
  await deps.conversation.run(turn, outboxSender(outbox, { clicked }), { reqId: deps.reqId });
}
