/**
 * Checks a card the way Teams' renderer library reads it: the adaptivecards
 * package's own parser, loaded from its bundled build (its lib/ build does
 * not load under Node's ESM resolver), must report no parse or validation
 * events, and the card must stay well under Teams' ~28 KB message limit.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: the bundled build ships no types we can import here.
const AC: any = require('adaptivecards/dist/adaptivecards.js');

export const TEAMS_CARD_LIMIT_BYTES = 28 * 1024;

export function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  const size = Buffer.byteLength(JSON.stringify(card));
  if (size > TEAMS_CARD_LIMIT_BYTES * 0.75)
    problems.push(`card is ${size} bytes, above 75% of the limit`);
  const adaptiveCard = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  adaptiveCard.parse(card, context);
  for (let i = 0; i < context.eventCount; i++)
    problems.push(`parse: ${context.getEventAt(i).message}`);
  const validation = adaptiveCard.validateProperties();
  for (const event of validation.validationEvents) problems.push(`validate: ${event.message}`);
  return problems;
}
