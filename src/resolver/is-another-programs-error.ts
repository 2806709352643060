/**
 * Decides whether the codes in a message are another program's: "the
 * PowerToys setup failed with 0x80070643", "VCRedist installer gives
 * 0x80070666", "Dell BIOS update in my task sequence: 0x80041017". Those are
 * generic Windows result codes (Win32, COM, WMI) that any installer reports;
 * answering them with Windows Update's troubleshooting flow would send the
 * helpdesk down the wrong path.
 *
 * Deliberately narrow, because a code someone typed is the strongest thing a
 * message can say:
 * - a code only Windows's update machinery raises (the update agent's 0x8024,
 *   servicing's 0x800F, Setup's 0xC190, BITS, Delivery Optimization) is always
 *   ours, whatever program is named beside it ("keybase client: 0x80240017"
 *   came from Windows Update installing it);
 * - a servicing or update-agent log line (CBS, DISM, WindowsUpdate.log) makes it ours;
 * - any sign of Windows's own updates (an anchor from the topic gate) makes it
 *   ours ("the Office update through WSUS fails with 0x80070643");
 * - otherwise it is another program's only when the message names one
 *   ("this installer", a product, a bug report's template).
 */
import type { Code } from '../knowledge/code.js';
import { weighTopic } from './is-on-topic.js';
import { LOG_LINE, WU_LOG_LINE } from './topic-signals.js';

/**
 * Code families any program reports through Windows (Win32 errors, internet
 * errors) and codes outside every family (COM, WMI, app packages): generic.
 * Every other family in knowledge/families.yaml belongs to the update stack.
 */
const GENERIC_FAMILIES: ReadonlySet<string> = new Set(['win32', 'internet']);

/** Evidence for another program at least this strong: a named product, "the installer", a bug template. */
const THEIRS_MIN = 2;

export function isAnotherProgramsError(
  text: string,
  codes: readonly Code[],
  familyOf: (code: Code) => string | undefined,
): boolean {
  if (codes.length === 0) return false;
  for (const code of codes) {
    const family = familyOf(code);
    if (family !== undefined && !GENERIC_FAMILIES.has(family)) return false;
  }
  if (LOG_LINE.test(text) || WU_LOG_LINE.test(text)) return false;
  const { ours, theirs } = weighTopic(text);
  return ours === 0 && theirs >= THEIRS_MIN;
}
