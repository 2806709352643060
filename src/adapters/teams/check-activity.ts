/**
 * The shape of a Bot Framework activity, checked at the edge before
 * botbuilder sees it: botbuilder trusts `type`, `serviceUrl` and
 * `conversation.id` and fails with an internal error (and its text) when
 * they are missing or not strings. A bad request gets a 400 with the first
 * field at fault; unknown fields pass (the schema grows).
 */
import type { Activity } from 'botbuilder';
import { z } from 'zod';

const Text = (max: number) => z.string().max(max);
const Account = z.looseObject({ id: Text(1024), name: Text(1024).nullish() });

const ActivitySchema = z.looseObject({
  type: Text(64).min(1),
  id: Text(1024).nullish(),
  channelId: Text(256).nullish(),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
  conversation: z.looseObject({
    id: Text(2048).min(1),
    conversationType: Text(64).nullish(),
  }),
  from: Account.nullish(),
  recipient: Account.nullish(),
  text: Text(100_000).nullish(),
  replyToId: Text(1024).nullish(),
  membersAdded: z.array(Account).max(1000).nullish(),
  channelData: z.looseObject({}).nullish(),
  entities: z
    .array(z.looseObject({ type: Text(256) }))
    .max(100)
    .nullish(),
});

export type CheckedActivity = { ok: true; activity: Activity } | { ok: false; reason: string };

export function checkActivity(body: unknown): CheckedActivity {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, reason: 'the body is not a JSON object' };
  }
  const parsed = ActivitySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'activity';
    return { ok: false, reason: `invalid activity: ${field}` };
  }
  return { ok: true, activity: body as Activity };
}
