/**
 * Puts a pasted message into one predictable form before anything looks for
 * codes in it: compatibility forms folded (full-width digits, ligatures),
 * the multiplication sign typed for x, Unicode minus signs, invisible
 * characters that chat clients and log viewers insert.
 */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const MINUS_SIGNS = /[\u2212\u2012\u2013\u2014\uFE63\uFF0D]/g;

export function normaliseText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(/×/g, 'x').replace(MINUS_SIGNS, '-');
}
