/**
 * Win32 error numbers written in prose: "System error 126 when I start
 * wuauserv", "DISM fails with error 87", "rpc call failed code 1726",
 * "the installer exited with code 1603". net.exe, DISM, MSI and most admin
 * tools print Win32 numbers, and people copy them without the 0x8007 prefix.
 *
 * A small number is weak evidence (it may be a count, an HTTP status or a
 * version), so this reader only proposes; the resolver keeps a number only
 * when the message is about Windows updates and the number's HRESULT has a
 * curated entry. Tool output where the number stands on its own labelled
 * line (DISM's "Error: 87") is read with the other codes in extract-codes.ts.
 */
import { type CodeMention, firstMentionOfEach, win32ToCode } from './extract-codes.js';

// The word right before the number says it is an error number: "error 87",
// "error code 1726", "System error 5", "exit code 1603", "returned 1618".
// HTTP statuses ("HTTP error 404", "status code 503") are a web server's, not Windows's.
const WIN32_IN_PROSE =
  /(?<!\b(?:HTTP(?:\/[\d.]+)?|status)\s*)\b(?:system\s+error|error(?:\s+(?:code|number|no\.?))?|(?:exit|return|result)\s+code|exited\s+with(?:\s+code)?|returned(?:\s+code)?|code)\s*(?:[:#=]\s*)?(\d{1,5})(?![\dA-Za-z_%/-]|[.,:]\d|\s*(?:[KMGT]i?B|bytes?|times?|mins?|minutes?|secs?|seconds?|hours?|days?|ms|px)\b|\s+of\s+\d)/gi;

/** Every Win32 number the prose names, first mention of each, in order. */
export function readWin32Numbers(text: string): CodeMention[] {
  const found: CodeMention[] = [];
  for (const match of text.matchAll(WIN32_IN_PROSE)) {
    const code = win32ToCode(match[1] ?? '');
    if (code) found.push({ code, form: 'decimal', at: match.index, raw: match[0] });
  }
  return firstMentionOfEach(found);
}
