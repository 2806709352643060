/**
 * Decides whether a message without an error code is about Windows Update or
 * servicing at all, before any symptom search: "Internet not connecting" or
 * "how do I reset my VPN password" are helpdesk tickets, not update errors,
 * and "Google Chrome can't be updated" is another product's update.
 *
 * A scored decision rather than one regex: evidence that the update is
 * Windows's own (Windows Update, a KB, WSUS, DISM, the Settings page's words)
 * is weighed against evidence that the subject is some other program (a named
 * product, "this tool", its version number, a bug report's template), so a
 * post that says both ("WSUS clients miss updates, Office too") stays ours
 * while "Windows update script of our project fails" does not.
 */
import {
  ANCHOR,
  LOG_LINE,
  ON_TOPIC,
  OURS,
  REQUIREMENTS,
  type Signal,
  THEIRS,
  TROUBLE,
  WINDOWS,
  WINDOWS_11,
  WINDOWS_AS_PLATFORM,
} from './topic-signals.js';

/**
 * - `off`: not about Windows updates; answer nothing.
 * - `loose`: update words without Windows named ("the download never makes
 *   progress", sent to an update helpdesk): the whole message may match.
 * - `windows`: clearly about Windows updates or servicing: a single telling
 *   sentence of a long post may match too.
 */
export type Topic = 'off' | 'loose' | 'windows';

/** Evidence for (Windows's own update) and against (another program's), for tests and logs. */
export function weighTopic(message: string): { ours: number; theirs: number } {
  const text = straightApostrophes(message);
  let ours = sum(OURS, text, MAX_MENTIONS);
  if (WINDOWS_11.test(text))
    ours += sum([{ pattern: REQUIREMENTS, weight: ANCHOR }], text, MAX_MENTIONS);
  return { ours, theirs: sum(THEIRS, withoutFormQuestions(text), 1) };
}

/**
 * A help-desk form's own questions, put to the requester on a line of their
 * own ("> What application are you using?", "**Which version are you on?**"):
 * the ticket's template, which names a kind of program whatever the ticket is
 * about. The answer below the question still counts.
 */
const FORM_QUESTION =
  /^[ \t]*(?:>[ \t]*)?(?:#+[ \t]*|\*\*)?(?:what|which|how|when|where|who|do|does|did|are|is|have|has|can|could|would|will)\b[^\n?.!]{0,80}\byou(?:r)?\b[^\n?.!]{0,40}\?(?:\*\*)?[ \t]*$/gim;

export function withoutFormQuestions(text: string): string {
  return text.includes('?') ? text.replace(FORM_QUESTION, '') : text;
}

export function readTopic(message: string): Topic {
  const text = straightApostrophes(message);
  if (LOG_LINE.test(text)) return 'windows';
  // A request ("need admin rights to install an update") describes no error.
  if (!TROUBLE.test(text)) return 'off';
  const { ours, theirs } = weighTopic(text);
  // A Windows build named beside no update word ("22H2 laptop, no wifi") is not enough.
  if (ours < ANCHOR && !ON_TOPIC.test(text)) return 'off';
  if (ours > 0) return ours > theirs ? 'windows' : 'off';
  if (!ON_TOPIC.test(text) || theirs > 0) return 'off';
  return WINDOWS.test(text.replace(WINDOWS_AS_PLATFORM, ' ')) ? 'windows' : 'loose';
}

/**
 * The signals are written with a straight apostrophe ("can't"); phones and
 * word processors type the typographic one ("can\u2019t").
 */
function straightApostrophes(text: string): string {
  return text.includes('\u2019') ? text.replace(/\u2019/g, "'") : text;
}

/**
 * Mentions of one anchor that count: the third "Windows Update" adds nothing;
 * weaker signals count once.
 */
const MAX_MENTIONS = 2;

function sum(signals: Signal[], text: string, maxMentions: number): number {
  let total = 0;
  for (const { pattern, weight } of signals) {
    // Signals are written without the g flag; a global twin counts the mentions.
    const global = globalTwins.get(pattern) ?? toGlobal(pattern);
    global.lastIndex = 0;
    let mentions = 0;
    // Only an anchor earns a second mention: "check for updates" twice is still an app's menu.
    const most = weight >= ANCHOR ? maxMentions : 1;
    while (mentions < most && global.exec(text)) mentions++;
    total += weight * mentions;
  }
  return total;
}

const globalTwins = new Map<RegExp, RegExp>();

function toGlobal(pattern: RegExp): RegExp {
  const global = new RegExp(pattern.source, `${pattern.flags}g`);
  globalTwins.set(pattern, global);
  return global;
}
