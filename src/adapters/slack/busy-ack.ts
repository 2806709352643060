/**
 * What a slash command turned away is acknowledged with: "busy, try again",
 * to the asker alone. The command listener acks with it, and the edge in
 * check-slack-body.ts sends the same bytes without Bolt.
 */
import { BUSY_TEXT } from '../../layout/words.js';
import { toNoteMessage } from '../../renderers/block-kit.js';

export const BUSY_ACK = { response_type: 'ephemeral' as const, ...toNoteMessage(BUSY_TEXT) };
