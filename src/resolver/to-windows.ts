/**
 * The short windows of a long message that the symptom search also scores:
 * each sentence, and each pair of neighbouring sentences. A post that tells
 * its story before and after the one telling sentence ("The connection with
 * the server has been terminated.") still matches on that sentence.
 */

/** Sentences looked at; past this a post is a log or an essay, and the whole-text score stands. */
const MAX_SENTENCES = 40;
/** A "sentence" longer than this is cut: it is a run-on paste, not a sentence. */
const MAX_SENTENCE_CHARS = 400;

// Sentence ends, line breaks, and an aside in brackets ("... fails (user says it
// started today) ..."): a bracket opened after a space, closed before one, so
// "update(s)" stays one word. The closing bracket is checked only where one is.
const SENTENCE_END = /(?<=[.!?;:])\s+|\n+|\s+\(\s*|\s*\)(?<=\s\([^()\n]*\))(?=\s|$)/;

/**
 * A message the person quotes ("the update is not applicable to your
 * computer") is what Windows said, word for word: worth scoring on its own
 * even inside a long sentence. Three words at least; a quoted name is not a message.
 */
// “ and ” as escapes: ASCII source keeps the server bundle one byte per character (normalise-text.ts).
const QUOTED = /["\u201C\u201D]([^"\u201C\u201D\n]{12,300})["\u201C\u201D]/g;
/**
 * The same in single quotes ('this PC can't run Windows 11', \u2018...\u2019): opened
 * after a space or a bracket, closed before one, so an apostrophe inside a
 * word ("can't", "Windows's") neither opens nor closes it.
 */
const SINGLE_QUOTED =
  /(?<=^|[\s([{:])['\u2018]((?:[^'\u2018\u2019\n]|(?<=\p{L})['\u2019](?=\p{L})){12,300})['\u2019](?=$|[\s)\]},.;:!?])/gu;
/** Quoted messages looked at per post. */
const MAX_QUOTES = 8;

/** The sentences worth scoring on their own; none when the text is one sentence. */
export function toSentences(text: string): string[] {
  const sentences = text
    .split(SENTENCE_END)
    .map((sentence) => sentence.trim().slice(0, MAX_SENTENCE_CHARS))
    .filter((sentence) => /\p{L}{3}/u.test(sentence))
    .slice(0, MAX_SENTENCES);
  return sentences.length < 2 ? [] : sentences;
}

/**
 * The messages a post quotes, even a one-sentence post: each is what Windows
 * said, word for word, and is scored on its own however short.
 */
export function toQuotes(text: string, sentences: readonly string[] = []): string[] {
  if (!/["'\u201C\u201D\u2018\u2019]/.test(text)) return [];
  return [...text.matchAll(QUOTED), ...text.matchAll(SINGLE_QUOTED)]
    .map((match) => (match[1] ?? '').trim())
    .filter((quote) => quote.split(/\s+/).length >= 3 && !sentences.includes(quote))
    .slice(0, MAX_QUOTES);
}

/** Each sentence, and each sentence joined with the next. */
export function toWindows<T>(sentences: T[], join: (a: T, b: T) => T): T[] {
  const windows: T[] = [];
  sentences.forEach((sentence, i) => {
    windows.push(sentence);
    const next = sentences[i + 1];
    if (next !== undefined) windows.push(join(sentence, next));
  });
  return windows;
}
