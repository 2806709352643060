/**
 * The parts of Slack's request bodies the adapter reads, checked once at the
 * edge. Bolt has verified the signature by then; this checks the shape, so
 * the rest of the adapter works on typed values and never on `any`.
 * Unknown fields are allowed: Slack adds fields over time.
 */
import { z } from 'zod';

const Id = z.string().min(1).max(64);
const Ts = z.string().regex(/^\d+\.\d+$/);

/** A slash command, as Slack posts it (form fields). */
export const CommandSchema = z.object({
  team_id: Id,
  channel_id: Id,
  channel_name: z.string().optional(),
  user_id: Id,
  user_name: z.string().optional(),
  // Its length is checked by the handler, which tells the person (MAX_COMMAND_TEXT).
  text: z.string().default(''),
  trigger_id: z.string().optional(),
  response_url: z.url({ protocol: /^https?$/ }),
});
export type SlackCommand = z.infer<typeof CommandSchema>;

/** `message` and `app_mention` events inside an event_callback. */
export const MessageEventSchema = z.object({
  type: z.enum(['message', 'app_mention']),
  channel: Id,
  channel_type: z.string().optional(),
  user: Id.optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
  text: z.string().default(''),
  ts: Ts,
  thread_ts: Ts.optional(),
  /** A `file_share` message (or an @mention with a file): the files, looked up with files.info. */
  files: z.array(z.looseObject({ id: Id, name: z.string().optional() })).optional(),
});
export type SlackMessageEvent = z.infer<typeof MessageEventSchema>;

export const EventBodySchema = z.object({
  team_id: Id,
  event_id: Id,
  event: MessageEventSchema,
});
export type SlackEventBody = z.infer<typeof EventBodySchema>;

/** The parts of a `files.info` answer the adapter reads. */
export const FileInfoSchema = z.object({
  ok: z.literal(true),
  file: z.looseObject({
    id: Id,
    name: z.string().default('the file'),
    size: z.number().int().nonnegative().optional(),
    url_private: z.url().optional(),
    url_private_download: z.url().optional(),
  }),
});

/** A click on one of our buttons. */
export const ActionBodySchema = z.object({
  type: z.literal('block_actions'),
  team: z.object({ id: Id }).nullish(),
  user: z.object({
    id: Id,
    name: z.string().optional(),
    username: z.string().optional(),
    team_id: Id.optional(),
  }),
  channel: z.object({ id: Id, name: z.string().optional() }).optional(),
  container: z.object({
    type: z.string(),
    message_ts: Ts.optional(),
    channel_id: Id.optional(),
    is_ephemeral: z.boolean().optional(),
    thread_ts: Ts.optional(),
  }),
  message: z
    .object({
      ts: Ts,
      thread_ts: Ts.optional(),
      blocks: z.array(z.looseObject({ type: z.string() })).optional(),
    })
    .optional(),
  response_url: z.url({ protocol: /^https?$/ }).optional(),
  trigger_id: z.string().optional(),
  actions: z
    .array(z.object({ action_id: z.string(), value: z.string().max(2000).optional() }))
    .min(1),
});
export type SlackActionBody = z.infer<typeof ActionBodySchema>;
