/**
 * Puts a pasted message into one predictable form before anything looks for
 * codes in it: compatibility forms folded (full-width digits, ligatures),
 * the multiplication sign typed for x, Unicode minus signs, invisible
 * characters that chat clients and log viewers insert. Non-ASCII characters
 * are written as escapes: one non-ASCII character in a module makes V8 keep
 * that whole module's source (the server bundle's, megabytes) two bytes per character.
 */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const MINUS_SIGNS = /[\u2212\u2012\u2013\u2014\uFE63\uFF0D]/g;

export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/\u00D7/g, 'x')
    .replace(MINUS_SIGNS, '-');
}
