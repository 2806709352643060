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

/**
 * A telling pattern and how much it counts. Evidence for Windows counts once
 * per mention, up to twice (a post that keeps saying "Windows Update" is about
 * it); evidence against counts once.
 */
interface Signal {
  pattern: RegExp;
  weight: number;
}

// Words that put a message in the domain at all: updates, upgrades, servicing
// tools, their logs and services. Without one of them (or an anchor) a message
// is off topic whatever else it says.
const ON_TOPIC =
  /\b(?:updat\w*|upgrad\w*|patch\w*|hotfix\w*|kb\s?\d{6,8}|wsus|sccm|configmgr|mecm|wufb|dism|sfc|scannow|cbs|servicing|component store|winsxs|trustedinstaller|wuauserv|bits|softwaredistribution|catroot2?|delivery optimi[sz]ation|cumulative|rollup|msu|setupact|setuperr|rollback|rolling back|undoing changes|reverting changes|windows setup|in-place|optional features?|windows features?|features? on demand|net(?: framework)? 3\.5|download\w*|install\w*|tls ?1\.[0-3]|tls|ssl|schannel|cipher suites?|winhttp|wininet|root certificates?|certificate revocation)\b/i;

/** The weight of one anchor: it outweighs one other product named beside it. */
const ANCHOR = 4;

// Evidence that the update or install is Windows's own.
const OURS: Signal[] = [
  // "Windows Update", but not a project's own "Windows update script", nor
  // the moment something else broke ("the keyboard stopped after Windows update").
  {
    pattern:
      /(?<!\b(?:after|since) (?:the |a |last |latest |recent )?)\bwindows update(?!\s+(?:script|module|task|step|job|plugin|provisioner)s?\b)/i,
    weight: ANCHOR,
  },
  {
    pattern:
      /\b(?:wsus|dism|sfc|scannow|cbs\.log|kb\s?\d{6,8}|wuauserv|softwaredistribution|catroot2?|trustedinstaller|component store|winsxs|servicing stack)\b/i,
    weight: ANCHOR,
  },
  {
    pattern:
      /\b(?:feature|cumulative|quality) (?:update|upgrade|rollup)s?\b|\bfeatures? on demand\b|\brsat\b/i,
    weight: ANCHOR,
  },
  // Other products ship security and monthly updates too.
  { pattern: /\b(?:security|monthly) (?:update|rollup)s?\b/i, weight: 2 },
  // The Settings page and Windows's own upgrade tools.
  {
    pattern:
      /\b(?:update history|update settings|settings\s*[>›»]\s*(?:windows )?update|automatic updates|windows server update|media creation tool|installation assistant|install assistant|update assistant|in-place upgrade)\b/i,
    weight: ANCHOR,
  },
  {
    pattern:
      /\b(?:upgrad\w* (?:\w+ )?to windows|windows(?:\s?1[01]| server(?: \d{4})?)? setup|windows 1[01] (?:update|upgrade|feature))\b/i,
    weight: ANCHOR,
  },
  { pattern: /\.?\bnet(?: ?framework)? ?3\.5\b|\bnetfx3\b/i, weight: ANCHOR },
  // Apps check for updates too: the Settings page's button counts, but less.
  { pattern: /\bcheck(?:ing|ed)? for (?:new )?updates\b/i, weight: 2 },
  // A Windows version or build: 22H2, 1809, 10.0.19045.
  { pattern: /\b(?:2[0-5]h[12]|1[5-9]0[39]|10\.0\.\d{5})\b/i, weight: 2 },
];

// Windows 11 named with its upgrade requirements: an eligibility question is ours.
const WINDOWS_11 = /\b(?:win(?:dows)?\s?11|w11)\b/i;
const REQUIREMENTS =
  /\b(?:tpm|secure boot|system requirements|minimum requirements|pc health check|not eligible|can ?not run windows|can't run windows)\b/i;

// A pasted log line: "2024-01-10 10:11:12, Error CBS ...".
const LOG_LINE =
  /\d{4}[-/]\d{2}[-/]\d{2}[ T]\d{2}:\d{2}:\d{2}[.,]?\d*,?\s+(?:Info|Warning|Error)\b/;

// Evidence that the subject is another program: its name, its own updater, its
// version, its folder, the shape of a bug report filed against it.
const THEIRS: Signal[] = [
  {
    pattern:
      /\b(?:(?<!(?:settings|services|store|windows) )apps?|application|plugin|extension|browser|game|steam|(?:auto-?|built-in )?updaters?|auto-?updat(?:e|es|ing)|(?:latest|newest|new) (?:version|release|build)|release notes|github|repo|npm|pip|docker|office|microsoft 365 apps|outlook|word|excel|powerpoint|onenote|onedrive|teams|chrome|firefox|safari|adobe|acrobat|java|zoom|webex|slack|iphone|ipad|ios|android|phone|mobile|app store|play store|printers?|scanner|vpn|passwords?|mfa|authenticator|nvidia|geforce|radeon|realtek|dell command|supportassist|lenovo vantage|hp support assistant|mac|macos|linux|ubuntu|citrix|salesforce|visual studio|vs ?code|python|node\.?js|minecraft|winget|chocolatey|choco|scoop|homebrew)\b/i,
    weight: 3,
  },
  // A program's own version being updated ("upgrade from 2.1.18 to 2.2.49",
  // "update pi-hole to 6.04"); Windows versions are 22H2 or 10.0.19045 style.
  {
    pattern: /\b(?:updat|upgrad)\w*\s+(?:[\w-]+\s+){0,2}(?:from|to)\s+v?(?!10\.0\.)\d{1,2}\.\d+/i,
    weight: 3,
  },
  // "this tool", "the GUI": the subject is a program the person uses.
  {
    pattern:
      /\b(?:(?:this|your) (?:framework|library|tool|package|module|gui|ui|utility|wrapper|script|project|software|program|plugin)|the (?:library|gui|ui|wrapper|project|plugin|program))\b/i,
    weight: 2,
  },
  // "our accounting software", "the ERP client": a program of the organisation's.
  {
    pattern: /\b(?:our|my|the|this) (?:[\w-]+ ){1,2}(?:software|client|agent|suite|add-?in)\b/i,
    weight: 2,
  },
  // Something else broke after an update that worked: the update is not the error.
  {
    pattern:
      /\b(?:stopped working|not working|no longer works?|(?:does ?n[o']t|do ?n[o']t) work|broke|broken|crash\w*|flicker\w*|disappeared)\s+(?:\w+\s+){0,3}?(?:after|since)\s+(?:(?:the|an?|this|last|latest|recent|windows|yesterday'?s?)\s+)*(?:updat|upgrad|patch)\w*/i,
    weight: 3,
  },
  // Devices on the desk: their firmware and drivers come from their makers' tools.
  {
    pattern:
      /\b(?:dock(?:ing station)?s?|monitors?|keyboards?|mouse|mice|headsets?|webcams?|touchpads?|trackpads?|speakers?|microphones?|smart ?cards?|card readers?)\b/i,
    weight: 2,
  },
  // A program's installer file, or something that fails since Windows itself was updated.
  {
    pattern:
      /\bthe (?:exe|msi)\b|\b(?:since|after) (?:i |we )?(?:updat|upgrad)\w* to win(?:dows)?\b/i,
    weight: 2,
  },
  // An installer that lets you pick its folder is an application's.
  {
    pattern:
      /\binstall\w*\s+(?:it\s+)?(?:in|into|to)\s+(?:a\s+|the\s+|another\s+|different\s+|other\s+)*(?:folders?|director(?:y|ies)|paths?|locations?)\b/i,
    weight: 2,
  },
  // A bug report's template or references: filed against some project.
  {
    pattern:
      /\b(?:steps to reproduce|to reproduce|expected behaviou?r|actual behaviou?r|reproduction steps)\b|^\s*(?:app |application )?version\s*:|(?:^|\s)#\d{2,}\b/im,
    weight: 2,
  },
  // Shell scripts and their repositories are not Windows servicing.
  { pattern: /\.(?:sh|py|js|deb|rpm|apk|dmg)\b/i, weight: 2 },
];

// Windows named at all ("Windows 10 can't update", "my Windows install").
const WINDOWS = /\bwin(?:dows)?\s?(?:\d{1,2}|xp|vista|server)?\b|\bw1[01]\b/i;

/**
 * - `off`: not about Windows updates; answer nothing.
 * - `loose`: update words without Windows named ("the download never makes
 *   progress", sent to an update helpdesk): the whole message may match.
 * - `windows`: clearly about Windows updates or servicing: a single telling
 *   sentence of a long post may match too.
 */
export type Topic = 'off' | 'loose' | 'windows';

/** Evidence for (Windows's own update) and against (another program's), for tests and logs. */
export function weighTopic(text: string): { ours: number; theirs: number } {
  let ours = sum(OURS, text, MAX_MENTIONS);
  if (WINDOWS_11.test(text))
    ours += sum([{ pattern: REQUIREMENTS, weight: ANCHOR }], text, MAX_MENTIONS);
  return { ours, theirs: sum(THEIRS, text, 1) };
}

export function readTopic(text: string): Topic {
  if (LOG_LINE.test(text)) return 'windows';
  const { ours, theirs } = weighTopic(text);
  // A Windows build named beside no update word ("22H2 laptop, no wifi") is not enough.
  if (ours < ANCHOR && !ON_TOPIC.test(text)) return 'off';
  if (ours > 0) return ours > theirs ? 'windows' : 'off';
  if (!ON_TOPIC.test(text) || theirs > 0) return 'off';
  return WINDOWS.test(text) ? 'windows' : 'loose';
}

export function isOnTopic(text: string): boolean {
  return readTopic(text) !== 'off';
}

/** Mentions of one anchor that count: the third "Windows Update" adds nothing. */
const MAX_MENTIONS = 2;

function sum(signals: Signal[], text: string, maxMentions: number): number {
  let total = 0;
  for (const { pattern, weight } of signals) {
    // Signals are written without the g flag; a global twin counts the mentions.
    const global = globalTwins.get(pattern) ?? toGlobal(pattern);
    global.lastIndex = 0;
    let mentions = 0;
    while (mentions < maxMentions && global.exec(text)) mentions++;
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
