/**
 * A code that is almost right: `0x802401E` (seven digits) or `0x8024001EE`
 * (nine). The resolver never "corrects" a code into a neighbour; here the
 * person is asked instead: "did you mean 0x8024001E?" when exactly one known
 * code is one edit away, otherwise a hint on the format.
 */
import type { Code } from '../knowledge/schema.js';

/** 0x and 5 to 11 hex digits, or a bare 7 or 9 digits starting with 8 (8024001E's shape). */
const NEAR_CODE = /(?<![0-9a-z])(0x[0-9a-f]{5,11}|8[0-9a-f]{6}|8[0-9a-f]{8})(?![0-9a-z])/i;

/** The almost-right code in a text, as typed, or null when there is none. */
export function findNearCode(text: string): string | null {
  const match = NEAR_CODE.exec(text);
  if (!match?.[1]) return null;
  const digits = match[1].replace(/^0x/i, '');
  // Eight digits are a whole code: the resolver's business, not a typo.
  return digits.length === 8 ? null : match[1];
}

/** At most this many suggestions; more than that and the typo could be anything. */
const MAX_SUGGESTIONS = 3;

/**
 * The known codes one digit away (one added, dropped or changed): the one
 * there is, or, when several are, those with a curated entry (people ask
 * about those) if there are few; otherwise none, and the person gets a hint
 * on the format instead of a guess.
 */
export function suggestCodes(
  typed: string,
  known: readonly Code[],
  isCurated: (code: Code) => boolean,
): Code[] {
  const digits = typed.replace(/^0x/i, '').toUpperCase();
  const found = known.filter((code) => oneEditAway(digits, code.slice(2)));
  if (found.length === 1) return found;
  const curated = found.filter(isCurated);
  return curated.length <= MAX_SUGGESTIONS ? curated : [];
}

function oneEditAway(a: string, b: string): boolean {
  if (a === b) return false;
  if (a.length === b.length) {
    let differences = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differences++;
    return differences === 1;
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length - short.length !== 1) return false;
  for (let i = 0; i < long.length; i++) {
    if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  }
  return false;
}
