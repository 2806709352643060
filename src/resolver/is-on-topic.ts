/**
 * Decides whether a message without an error code is about Windows Update or
 * servicing at all, before any symptom search: "Internet not connecting" or
 * "how do I reset my VPN password" are helpdesk tickets, not update errors,
 * and "Google Chrome can't be updated" is another product's update.
 */

// Words that put a message in our domain: updates, upgrades, servicing tools,
// their logs and services.
const ON_TOPIC =
  /\b(?:updat\w*|upgrad\w*|patch\w*|hotfix\w*|kb\s?\d{6,8}|wsus|sccm|configmgr|mecm|wufb|dism|sfc|scannow|cbs|servicing|component store|winsxs|trustedinstaller|wuauserv|bits|softwaredistribution|catroot2?|delivery optimi[sz]ation|cumulative|rollup|msu|setupact|setuperr|rollback|rolling back|undoing changes|reverting changes|windows setup|in-place|optional features?|windows features?|net(?: framework)? 3\.5|download\w*|install\w*|tls ?1\.[0-3]|tls|ssl|schannel|cipher suites?|winhttp|wininet|root certificates?|certificate revocation)\b/i;

// Words that say the update is Windows's own, whatever else is named.
const OURS =
  /\b(?:windows update|wsus|dism|sfc|cbs|kb\s?\d{6,8}|feature update|cumulative update|quality update|servicing stack|wuauserv|softwaredistribution|windows 1[01] (?:update|upgrade|feature)|upgrad\w* to windows|windows server update|windows(?:\s?1[01]| server(?: \d{4})?)? setup|automatic updates service|\.?net(?: ?framework)? ?3\.5\b)/i;

// Windows 11 named with its upgrade requirements: an eligibility question is ours.
const WINDOWS_11 = /\b(?:win(?:dows)?\s?11|w11)\b/i;
const REQUIREMENTS =
  /\b(?:tpm|secure boot|system requirements|minimum requirements|pc health check|not eligible|can ?not run windows|can't run windows)\b/i;

// Other products whose updates, installs and sign-ins are not ours.
const OTHER_PRODUCTS =
  /\b(?:apps?|application|plugin|extension|browser|game|steam|(?:auto-?|built-in )?updaters?|(?:latest|newest|new) (?:version|release|build)|release notes|the program|github|repo|npm|pip|docker|office|microsoft 365 apps|outlook|word|excel|powerpoint|onenote|onedrive|teams|chrome|firefox|safari|adobe|acrobat|java|zoom|webex|slack|iphone|ipad|ios|android|phone|mobile|app store|play store|printers?|scanner|vpn|passwords?|mfa|authenticator|nvidia|geforce|radeon|realtek|dell command|supportassist|lenovo vantage|hp support assistant|mac|macos|linux|ubuntu|citrix|salesforce)\b/i;

// A pasted log line: "2024-01-10 10:11:12, Error CBS ...".
const LOG_LINE =
  /\d{4}[-/]\d{2}[-/]\d{2}[ T]\d{2}:\d{2}:\d{2}[.,]?\d*,?\s+(?:Info|Warning|Error)\b/;

// A program's own version being updated ("upgrade from 2.1.18 to 2.2.49",
// "update pi-hole to 6.04"); Windows versions are 22H2 or 10.0.19045 style.
const APP_VERSION_UPDATE =
  /\b(?:updat|upgrad)\w*\s+(?:[\w-]+\s+){0,2}(?:from|to)\s+v?(?!10\.0\.)\d{1,2}\.\d+/i;

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

export function readTopic(text: string): Topic {
  if (LOG_LINE.test(text) || OURS.test(text) || (WINDOWS_11.test(text) && REQUIREMENTS.test(text)))
    return 'windows';
  if (!ON_TOPIC.test(text) || OTHER_PRODUCTS.test(text) || APP_VERSION_UPDATE.test(text))
    return 'off';
  return WINDOWS.test(text) ? 'windows' : 'loose';
}

export function isOnTopic(text: string): boolean {
  return readTopic(text) !== 'off';
}
