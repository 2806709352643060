/**
 * The evidence the topic gate weighs (see is-on-topic.ts): patterns with
 * weights, kept apart from the decision so each list can be read on its own.
 */

/**
 * A telling pattern and how much it counts. Evidence for Windows counts once
 * per mention, up to twice (a post that keeps saying "Windows Update" is about
 * it); evidence against counts once.
 */
export interface Signal {
  pattern: RegExp;
  weight: number;
}

// Words that put a message in the domain at all: updates, upgrades, servicing
// tools, their logs and services. Without one of them (or an anchor) a message
// is off topic whatever else it says.
export const ON_TOPIC =
  /\b(?:updat\w*|upd|updt|wu|upgrad\w*|patch\w*|hotfix\w*|kb\s?\d{6,8}|wsus|sccm|configmgr|mecm|wufb|dism|sfc|scannow|cbs|servicing|component store|winsxs|trustedinstaller|wuauserv|usosvc|waasmedicsvc|dosvc|bits|softwaredistribution|catroot2?|delivery optimi[sz]ation|cumulative|rollup|msu|setupact|setuperr|rollback|rolling back|undoing changes|reverting changes|windows setup|in-place|optional features?|windows features?|features? on demand|net(?: framework)? 3\.5|download\w*|install\w*|tls ?1\.[0-3]|tls|ssl|schannel|cipher suites?|winhttp|wininet|root certificates?|certificate revocation)\b/i;

/** The weight of one anchor: it outweighs one other product named beside it. */
export const ANCHOR = 4;

// Evidence that the update or install is Windows's own.
export const OURS: Signal[] = [
  // "Windows Update", but not a project's own "Windows update script", nor
  // the moment something else broke ("the keyboard stopped after Windows update").
  {
    pattern:
      /(?<!\b(?:after|since) (?:(?:the|a|last|latest|recent|most|yesterday'?s|last night'?s) ){0,2})\bwindows update(?!\s+(?:script|module|task|step|job|plugin|provisioner)s?\b)/i,
    weight: ANCHOR,
  },
  {
    pattern:
      /\b(?:wsus|dism|sfc|scannow|cbs\.log|kb\s?\d{6,8}|wuauserv|usosvc|waasmedicsvc|dosvc|update orchestrator|(?:windows )?update medic|software ?distribution|catroot2?|trustedinstaller|component store|winsxs|servicing stack)\b/i,
    weight: ANCHOR,
  },
  {
    pattern:
      /\b(?:feature|cumulative|quality) (?:update|upgrade|rollup)s?\b|\bfeatures? on demand\b|\b(?:rsat|lcus?|ssus?)\b/i,
    weight: ANCHOR,
  },
  // "WU", as admins write Windows Update in capitals ("WU fails", "the WU
  // client"); not a code's name (WU_E_...), which is read as a code before this gate.
  { pattern: /\bWU\b(?!_)/, weight: ANCHOR },
  // Other products ship security and monthly updates too.
  { pattern: /\b(?:security|monthly) (?:update|rollup|patch)(?:es|s)?\b/i, weight: 2 },
  // The Settings page and Windows's own upgrade tools.
  {
    pattern:
      /\b(?:update history|update settings|settings\s*[>›»]\s*(?:windows )?update|automatic updates|windows server update|media creation tool|installation assistant|install assistant|update assistant|in-place upgrade)\b/i,
    weight: ANCHOR,
  },
  {
    pattern:
      /\b(?:upgrad\w* (?:\w+ )?to (?:windows|(?:version )?(?:1[5-9]0[39]|2[0-5]h[12])\b)|(?<!\b(?:after|since|when) )install(?:ing)? windows 1[01]\b|windows(?:\s?1[01]| server(?: \d{4})?)? setup|windows 1[01],? (?:version \d{2}h\d )?(?:update|upgrade|feature))\b/i,
    weight: ANCHOR,
  },
  // Windows by the short names people type ("W10", "Win 10", "win11") as what
  // is being updated ("update itself to Win 10 version 1809", "Win11 upgrade
  // fails"), and Windows by any name that will not update ("can't update W10").
  // A step that updated Windows ("1. Update to Windows 11") or the moment
  // something else broke ("since we updated to win10") is not an update failing.
  {
    pattern:
      /(?<!\b(?:after|since|when|once) (?:i |we |it )?|^[ \t]*\d{1,2}[.)][ \t]*)\b(?:updat|upgrad)\w* (?:(?:it|itself|my|our|the|this|that|a|his|her) )?(?:\w+ )?(?:to )?(?:win|w) ?1[01]\b(?![.\d])|\b(?:can'?t|cannot|can not|won'?t|unable to|fail(?:s|ed)? to|not able to) (?:updat|upgrad)\w* (?:(?:it|itself|my|our|the|this|that) )?(?:\w+ )?(?:to )?(?:windows|win|w) ?1[01]\b(?![.\d])|\b(?:win|w) ?1[01],? (?:version \d{2}h\d |\d{4} )?(?:update|upgrade|feature)/im,
    weight: ANCHOR,
  },
  // An upgrade between two Windows releases told as a range ("Win 10-11 upgrade",
  // "Windows 10 to 11 upgrade"), and an update whose destination is Windows 10
  // or 11 itself ("updating to the latest Windows 11 build"): no program's
  // update goes to a Windows release. Not the moment something else broke
  // ("after updating to Windows 11 the app ...").
  {
    pattern:
      /\b(?:win(?:dows)?|w) ?(?:7|8\.1|8|10) ?(?:-|–|to|→|->) ?(?:win(?:dows)?|w)? ?1[01],? (?:update|upgrade|migration|feature)\w*|(?<!\b(?:after|since|once) (?:i |we |it )?|\bwhen (?:i|we|it) |^[ \t]*\d{1,2}[.)][ \t]*)\b(?:updat|upgrad)\w* to (?:the )?(?:latest |newest |new |current )?(?:win(?:dows)?|w) ?1[01]\b(?![.\d])/im,
    weight: ANCHOR,
  },
  // A standalone update package (.msu) is Windows's own; so is what its installer says.
  {
    pattern:
      /\.msu\b|\bthe update (?:is not|isn'?t|is n't) applicable to (?:your|this|the|my) (?:computer|pc|system|machine|device)\b/i,
    weight: ANCHOR,
  },
  // What Windows Setup and the Windows Update page themselves say: no other program words it so.
  {
    pattern:
      /\b(?:what needs your attention|need your attention to continue|keep (?:your )?(?:windows settings|personal files)|choose what to keep|undoing changes made to your (?:computer|pc)|restoring your previous version of windows|(?:failure )?configuring windows updates|(?:we|it) could ?n[o']?t (?:complete the (?:updates|features)|install windows)|(?:undoing|reverting) changes(?!\s+(?:i|we|you|he|she|they|to|in|on|of|the|my|our|your|this|that)\b)|working on updates|getting windows ready|we (?:could ?n[o']?t|can'?t|cannot) connect to (?:the )?update services?|there were (?:some )?problems installing (?:some )?updates|some update files (?:are (?:missing|not signed correctly)|are ?n'?t signed correctly)|your device is missing important security and quality fixes|(?:we|it) could ?n[o']?t install (?:this|the|some|these|all) updates?|something did ?n[o']?t go as planned|your device is at risk because it'?s out of date|(?:install|download) error - |we can'?t tell if your (?:pc|computer|device) has enough space|(?:to )?continue installing windows|try restarting setup|keep (?:personal )?files,? settings,? and apps|windows could ?n[o']?t complete the requested changes|the changes could ?n[o']?t be completed|changes (?:will be|are being|were|being) (?:reverted|undone)|(?:the )?updates? could ?n[o']?t be (?:made|completed|applied))\b/i,
    weight: ANCHOR,
  },
  // Updates cut short or undone around a restart, told in the person's words:
  // the computer lost power while updating, the pending updates were
  // cancelled, the updates "did not take". Only the operating system's own
  // updates run across the computer's restart.
  {
    pattern:
      /\b(?:computer|pc|laptop|desktop|machine|workstation|notebook|server)\s+(?:was\s+)?(?:powered|shut|turned|switched)\s+(?:off|down)\s+(?:while|during|in the middle of|mid)[\s-]+(?:(?:running|installing|applying|doing|the|an?|some|its)\s+){0,2}updat\w*|\bcancel\w*\s+(?:the\s+|all\s+)?pending\s+updates\b|\bupdates?\s+(?:did\s*n[o']?t|didn't|never|would\s*n[o']?t)\s+take\b/i,
    weight: ANCHOR,
  },
  // Windows itself asking for a restart to finish its updates ("Windows 11 keeps
  // asking for a reboot to install updates"). Light: another program's update
  // named after it ("... to update Chrome") still outweighs it.
  {
    pattern:
      /\b(?:windows|win|w) ?1[01]\b[^.\n]{0,30}?\b(?:ask|request|prompt|want|demand|nag)\w*\b[^.\n]{0,15}?\b(?:restart|reboot)\w*\s+(?:for|to)\s+(?:(?:install|finish|complete|apply)\w*\s+)?(?:the\s+)?updat\w*/i,
    weight: 2,
  },
  // A computer stuck restarting over and over is its operating system's trouble.
  {
    pattern:
      /\b(?:restart|reboot|boot)(?:ing)?[\s-]+loops?\b|\blooped?\s+(?:in|on|at)\s+(?:the\s+)?(?:restart|reboot)\w*/i,
    weight: 2,
  },
  // An app named as what holds Windows's upgrade back ("24H2 blocked because of an
  // app", "uninstall the program before the upgrade can continue"): Setup's app
  // compatibility block, not the app's own update.
  {
    pattern:
      /\b(?:upgrad\w*|updat\w*|install\w*|setup)\b[^.\n]{0,40}?\b(?:blocked|held back|stopped|prevented|refuses? to continue)\b[^.\n]{0,15}?\b(?:by|because of|due to|until)\b[^.\n]{0,25}?\b(?:apps?|applications?|software|programs?)\b|\b(?:uninstall\w*|remov\w*)\b[^.\n]{0,40}?\b(?:before|to continue|so that)\b[^.\n]{0,20}?\b(?:the |windows |feature )?(?:upgrad\w*|setup)\b(?!\s+(?:(?:the|this|my|our|its)\s+)?(?:app|application|program|software|tool|client|plugin|game)s?\b)/i,
    weight: ANCHOR,
  },
  // Windows Setup's own phases ("SAFE_OS phase", "FIRST_BOOT"): no other installer names them.
  {
    pattern:
      /\b(?:safe_os|first_boot|second_boot|sysprep[_-]specialize|(?:safe[ _]os|first[ _]boot|second[ _]boot|oobe) phase)\b/i,
    weight: ANCHOR,
  },
  // The Windows Features dialog and optional features are Windows's own components.
  { pattern: /\b(?:windows|optional) features?\b/i, weight: ANCHOR },
  // Microsoft holds a feature update back from PCs with a known problem.
  { pattern: /\b(?:safeguard|compatibility|compat) holds?\b/i, weight: ANCHOR },
  { pattern: /\.?\bnet(?: ?framework)? ?3\.5\b|\bnetfx3\b/i, weight: ANCHOR },
  // Windows 10's feature updates by their release names: the Anniversary and
  // Creators Updates, the April 2018 to November 2021 Updates.
  {
    pattern:
      /\b(?:anniversary|(?:fall )?creators|(?:april|may|october|november) 20(?:1[89]|2[01])) update\b/i,
    weight: ANCHOR,
  },
  // The Windows Update page's list shows each update's state in these words.
  { pattern: /\bpending (?:download|install|restart)\b/i, weight: 2 },
  // Apps check for updates too: the Settings page's button counts, but less.
  { pattern: /\bcheck(?:ing|ed)? for (?:new )?updates\b/i, weight: 2 },
  // A Windows version or build: 22H2, 1809, 10.0.19045.
  { pattern: /\b(?:2[0-5]h[12]|1[5-9]0[39]|10\.0\.\d{5})\b/i, weight: 2 },
  // Windows Update's own hosts, as a log or an event quotes them
  // ("ctldl.windowsupdate.com", "fe2.update.microsoft.com").
  {
    pattern:
      /\b(?:windowsupdate\.(?:com|microsoft\.com)|update\.microsoft\.com|delivery\.mp\.microsoft\.com)\b/i,
    weight: ANCHOR,
  },
  // Windows's servicing cmdlets and a Windows medium's feature source
  // ("Add-WindowsFeature ... -Source D:\\sources\\sxs"), and Microsoft Update,
  // the service's own name.
  {
    pattern:
      /\b(?:(?:add|install|uninstall|remove|enable|disable|get)-windows(?:feature|optionalfeature|capability|package)|repair-windowsimage|get-windowsupdatelog|microsoft update(?! (?:for|of) (?:mac|teams|edge|office)\b))\b|\bsources[\\/]sxs\b/i,
    weight: ANCHOR,
  },
  // Control Panel's Programs page, where Windows's features are turned on
  // ("enabling WSL from Control Panel > Programs"). Light: programs are
  // uninstalled there too.
  { pattern: /\bcontrol panel\W{1,5}programs\b|\bprograms and features\b/i, weight: 2 },
];

// Windows 11 named with its upgrade requirements: an eligibility question is ours.
// Also "11" alone where it can only be the release: "when 11 is released", "upgrade to 11".
export const WINDOWS_11 =
  /\b(?:win(?:dows)?\s?11|ws?11)\b|\b11 (?:is |was |gets? |comes? )?(?:released|out|launch\w*|available)\b|\b(?:upgrad\w*|updat\w*|mov\w*|switch\w*|go|going) to 11\b(?![.\d])/i;
export const REQUIREMENTS =
  /\b(?:tpm|secure boot|system requirements|minimum requirements|pc health check|not eligible|can ?not run windows|can't run windows|(?:pc|computer|laptop|machine|device|hardware|processor|cpu|system)\s+(?:is\s+|isn'?t\s+|is not\s+|not\s+)?(?:in)?compatib\w*|compatibility (?:check|hold|block|report)|(?:does ?n[o']?t|do ?n[o']?t|did ?n[o']?t|wo ?n[o']?t|not|fails? to|never) meets? (?:(?:the|its|all|of|minimum|system|hardware) )*(?:requirements?|specs?)|(?:unsupported|incompatible|not supported) (?:processor|cpu|pc|computer|laptop|hardware|device|system)|(?:pc|computer|laptop|machine|device|hardware|system)\s+(?:is\s+|isn'?t\s+|is not\s+|not\s+)(?:yet\s+)?(?:un)?supported|(?:not|isn'?t|un) ?supported (?:(?:yet|anymore) )?(?:for|by|on|with) (?:win(?:dows)?\s?11|w11)|(?:processor|cpu) (?:is |isn'?t |is not |not )?(?:un)?supported|(?:incompatible|unsupported|not compatible) (?:apps?|applications?|software|programs?|drivers?)|pass(?:es|ed|ing)?(?: \w+){0,4} (?:check|checks|checker|installer|test))\b/i;

// A pasted log line: "2024-01-10 10:11:12, Error CBS ...".
export const LOG_LINE =
  /\d{4}[-/]\d{2}[-/]\d{2}[ T]\d{2}:\d{2}:\d{2}[.,]?\d*,?\s+(?:Info|Warning|Error)\b/;

// A line of the Windows Update agent's own log (WindowsUpdate.log before
// Windows 10, or its decoded text): "2016-09-08\t10:48:19:500\t 848\t604\tAgent\t...".
export const WU_LOG_LINE =
  /\d{4}-\d{2}-\d{2}\s+\d{2}:\d{2}:\d{2}[:.]\d{3,7}\s+\d+\s+[0-9a-f]+\s+(?:Agent|AU|AUClnt|Handler|Setup|Misc|PT|Report|DnldMgr|DtaStor|Service|SLS|WuTask|ComApi|CoreUpd|EP|IdleTmr|ProtocolTalker|DownloadManager|Shared|Reporter)\b/i;

// Evidence that the subject is another program: its name, its own updater, its
// version, its folder, the shape of a bug report filed against it.
export const THEIRS: Signal[] = [
  {
    pattern:
      /\b(?:(?<!(?:settings|services|store|windows) |(?:files|settings),? and )(?:apps?|applications?)(?! readiness|\s+(?:(?:from|in|of) (?:the )?(?:windows |microsoft |ms )store|store))|plugins?|extensions?|add-?ons?|browser|game|steam|(?:auto-?|built-in |in-app )?updaters?|(?:auto[- ]?|self[- ]?|built-in |in-app )updat(?:e|es|ing)|updat(?:e|es)[- ]?checker|(?:3rd|third)[- ]party updat(?:e|es)|xbox|playstation|electron(?:-builder)?|nsis|inno setup|squirrel|(?:latest|newest|new) (?:version|release|build)|release notes|github|repo|npm|pip|docker|microsoft 365 apps|(?:ms |microsoft )office|office ?(?:365|20[12]\d)|outlook|word|excel|powerpoint|onenote|onedrive|teams|chrome|firefox|safari|adobe|acrobat|java|zoom|webex|slack|iphone|ipad|ios|android|phone|mobile|app store|play store|printers?|scanner|vpn|passwords?(?<!\bprox(?:y|ies)\b[^.\n]{0,40}passwords?)|mfa|authenticator|nvidia|geforce|radeon|realtek|dell command|supportassist|lenovo vantage|hp support assistant|mac|macos|linux|ubuntu|citrix|salesforce|visual studio|vs ?code|python|node\.?js|minecraft|winget|chocolatey|choco|scoop|homebrew|git|openssl|curl|wget|avast|avg|norton|mcafee|kaspersky|bitdefender|malwarebytes|parallels|vmware|virtualbox|qemu|discord|spotify|epic games|battle\.net|ubisoft|roblox|whatsapp|telegram|brave|opera|vivaldi|thunderbird|libreoffice|7-?zip|notepad(?=\+\+)|vlc|obs studio|dropbox|google drive|icloud|jetbrains|intellij|android studio|autocad|quickbooks|garmin|logitech|razer|corsair|icue|steelseries|armou?ry crate|msi afterburner|adrenalin|sharepoint|confluence|jira|servicenow|workday|sap)(?:\s+(?:updaters?|app|client|installer))?\b/i,
    weight: 3,
  },
  // Office by its name, capitalised: "the sales office" is a place.
  { pattern: /\bOffice\b/, weight: 3 },
  // A program's own updater told without the program's name, as its own users
  // and bug reports do ("the updater", "the built-in update", "in-app update"):
  // Windows never calls its update service so. As strong as an anchor, so a
  // post about an app's updater that also names a KB or Windows Update once (in
  // advice, or as the system it runs on) stays the app's. A named product's
  // updater ("the Chrome updater") is that product, counted once above.
  {
    pattern:
      /\b(?:the|its|this|our|your|my)\s+(?:(?:built-in|in-app|auto-?|own|internal)\s?)?updaters?\b|\b(?:built-in|in-app)\s+updat(?:e|es|ing)\b/i,
    weight: ANCHOR,
  },
  // The certificate errors of OpenSSL and of language runtimes (what git, curl,
  // pip, npm, Node and Python print). Windows's own TLS errors are worded by
  // Schannel ("the certificate chain was issued by an authority that is not trusted").
  {
    pattern:
      /\b(?:unable to get (?:local )?issuer certificate|self[- ]signed certificate in (?:the )?certificate chain|certificate[ _]verify[ _]failed|ssl certificate problem|unable to verify the first certificate|ssl routines|sslerror|httpsconnectionpool|max retries exceeded with url|unable_to_get_issuer_cert\w*|err_tls_cert\w*)\b/i,
    weight: 3,
  },
  // A package manager at work ("sudo apt update", "pacman -Syu", "12 packages can
  // be upgraded"): a Linux system's or a language's packages, not Windows's updates.
  {
    pattern:
      /\b(?:sudo|apt(?:-get)?|aptitude|pacman|yum|dnf|zypper|apk|conda|pip3?|yarn|pnpm|brew)\s+(?:-{1,2}[A-Za-z][\w-]*|install|update|upgrade|remove|sync|refresh)\b|\b\d+ packages? (?:can|will) be (?:updated|upgraded|installed)\b|\bpackage (?:databases?|index(?:es)?|lists)\b/i,
    weight: 3,
  },
  // Windows updates named as the reason another program's installer refuses
  // ("the installer won't run while updates are pending", "cannot install X as
  // Windows Updates are pending", "the installer says a reboot is pending"):
  // every mention of Windows Update in such a post is that precondition, so it
  // weighs as much as two anchors. An update, Windows or one of its features
  // held back by a pending restart ("cannot install the KB because a restart is
  // pending") is Windows's own and does not match: no such word may come
  // before the install in its sentence, nor between the install and the reason.
  {
    pattern:
      /(?:(?<!\b(?:modules|standalone) )\binstallers?\b|(?<!\bwindows )\bsetup\b|\binstall(?:ing|ation)?\b)(?<!\b(?:updat\w*|upgrad\w*|kb\s?\d+|patch\w*|features?|hotfix\w*|rollups?|windows|3\.5|netfx|rsat)\b[^.\n]{0,60}(?:installers?|setup|install(?:ing|ation)?))(?:(?!\b(?:updat|upgrad|kb\s?\d|patch|feature|hotfix|servicing|rollup|windows|(?:\.?net(?: framework)? ?)?3\.5|netfx|optional|rsat|language pack|capabilit))[^.\n]){0,60}?\b(?:as|because|since|while|due to|until)\b(?=[^.\n]{0,30}?\b(?:pending|outstanding)\b)[^.\n]{0,30}?\b(?:updates?|restart|reboot)\b|(?<!\b(?:modules|standalone) )\binstallers?\b[^.\n]{0,30}?\b(?:says?|said|reports?|claims?|thinks?)\b[^.\n]{0,20}?\b(?:updates?|restart|reboot)\b (?:is |are )?(?:still )?pending\b/i,
    weight: 2 * ANCHOR,
  },
  // A program's installer that fails because of Windows's updates ("InnoSetup
  // install fails due to Windows updates", "the setup failed because of a
  // pending Windows Update"): Windows Update is the cause named, not what
  // fails. Not an update's own install ("the KB install fails due to ..."), nor
  // Windows Update's parts ("due to the Windows Update service").
  {
    pattern:
      /(?<!\b(?:updat\w*|upgrad\w*|kb\s?\d+|patch\w*|features?|hotfix\w*|windows|3\.5)\b[^.\n]{0,60})\b(?:installers?|setup|install(?:ation)?s?)\b[^.\n]{0,30}?\bfail\w*\s+(?:\w+\s+)?(?:due to|because of)\s+(?:(?:a|the|pending|recent|installed|outstanding)\s+)?windows updates?\b(?!\s+(?:service|agent|components?|database|cache|errors?|settings|polic\w*|client))/i,
    weight: 2 * ANCHOR,
  },
  // A program's error class ("RequestError: ...", "TypeError: ..."): written by its runtime.
  { pattern: /\b[A-Z][a-z]+(?:[A-Z][a-z]+)*Error: /, weight: 2 },
  // A browser's network error ("ERR_NAME_NOT_RESOLVED", "ERR_CONNECTION_RESET"):
  // Chromium's words for a page that did not load, not Windows Update's.
  { pattern: /\bERR_[A-Z]+_[A-Z_]{3,}\b/, weight: 3 },
  // A program's own version being updated ("upgrade from 2.1.18 to 2.2.49",
  // "update pi-hole to 6.04"); Windows versions are 22H2 or 10.0.19045 style.
  {
    pattern:
      /\b(?:updat|upgrad)\w*\s+(?:[\w-]+\s+){0,2}(?:from|to)\s+v?(?!10\.0\.)\d{1,2}\.\d+|\b(?:install|updat|upgrad)\w*\s+(?:to\s+)?(?:version|v\.?)\s?(?!10\.0\.)\d+\.\d+/i,
    weight: 3,
  },
  // A program's own release number (x.y.z). Windows's are 10.0.x or 6.x.y; an
  // address has four parts; .NET and PowerShell releases are Windows components.
  // Light: it tips a post with no Windows anchor, but a product named with its
  // release ("Citrix 7.15.3") is still one program, which one anchor outweighs.
  {
    pattern:
      /(?<![\d.]|\b(?:net|framework|powershell|windows|build|version:?)\s?v?)(?!10\.0\.|6\.[0-3]\.)\d{1,2}\.\d{1,3}\.\d{1,5}(?![.\d])/i,
    weight: 0.5,
  },
  // "installing 1.1", "install it on D:": an installer with its own version, or
  // one that lets you pick the drive, is an application's.
  {
    pattern:
      /\binstall\w*\s+v?\d{1,2}\.\d+(?![.\d])|\binstall\w*\s+(?:it\s+)?(?:on|to|in|into)\s+(?:drive\s+)?[a-z]:(?![\\/\w])/i,
    weight: 2,
  },
  // The shape of an installer's own log: a Windows Installer (MSI) verbose log
  // ("Property(C): ...", "MSI (s) (1C:2C)") or a WiX bundle's ("[3A70:1E84][2024-05-07T21:00:34]i000:").
  {
    pattern:
      /^\s*(?:Property\([CS]\):|MSI \([csn]\) \()|\[[0-9A-F]{3,5}:[0-9A-F]{3,5}\]\[\d{4}-\d{2}-\d{2}T[\d:.]+\][iwe]\d{3}:|\.msi\b/im,
    weight: 3,
  },
  // A program's own menu ("Help > Check for updates", "File > About"): Windows
  // Update has no menu bar. A driver package by its release number ("install
  // driver 560.70", "the 24.3.1 driver"): the maker's installer, not Windows's.
  {
    pattern:
      /\b(?:help|file|tools|options|about|menu)\s*[>›»]\s*(?:check for updates|updates?|about)\b|\b(?:install\w*|updat\w*|upgrad\w*)\s+(?:(?:the|a|new|newer|latest|graphics|gpu|video|display|chipset)\s+){0,2}drivers?\s+(?:version\s+)?v?\d{2,3}\.\d{1,3}\b/i,
    weight: 3,
  },
  // "this tool", "the GUI": the subject is a program the person uses.
  {
    pattern:
      /\b(?:(?:this|your|our|my) (?:framework|library|tool|package|module|gui|ui|utility|wrapper|script|project|software|program|plugin|launcher)|the (?:library|gui|ui|wrapper|project|plugin|program))\b/i,
    weight: 2,
  },
  // "our accounting software", "the ERP client": a program of the organisation's.
  // Not Windows's own: "the Windows Update client", "the WSUS agent", "the SCCM client".
  {
    pattern:
      /\b(?:our|my|the|this) (?!(?:windows update|wsus|wu|update|sccm|configmgr|mecm)\b)(?:[\w-]+ ){1,2}(?:software(?! ?distribution)|client|agent|suite|add-?in)(?:'s)?\b/i,
    weight: 2,
  },
  // Something else broke after an update that worked: the update is not the error.
  {
    pattern:
      /\b(?:stopp?ed working|not working|no longer works?|(?:does ?n[o']t|do ?n[o']t) work|broke|broken|crash\w*|flicker\w*|disappeared|(?:very |really |so |extremely )?(?:slow|slower|sluggish|laggy|lagging))\s+(?:\w+\s+){0,3}?(?:after|since)\s+(?:(?:the|an?|this|last|latest|recent|windows|yesterday'?s?)\s+)*(?:updat|upgrad|patch)\w*/i,
    weight: 3,
  },
  // Since an update, a program no longer works ("since the latest Windows update
  // the program can't check for updates"): the update worked; the program is the subject.
  {
    pattern:
      /\b(?:since|after) (?:(?:the|a|last|latest|recent|this|yesterday'?s) ){0,2}(?:windows )?(?:updat|upgrad|patch)\w*,? (?:the|my|our|this|all|every) (?!windows\b|update\b|wsus\b)(?:[\w-]+ ){0,2}(?:can'?t|cannot|won'?t|does ?n[o']?t|no longer|stopped|fails?|crash\w*)\b/i,
    weight: 3,
  },
  // A program that will not start since an update ("after the Windows update to
  // 2004 it would not start anymore"): the update worked; the program is the
  // subject. Not Windows or the computer failing to start, which is ours.
  {
    pattern:
      /\b(?:since|after) (?:(?:the|a|last|latest|recent|this|yesterday'?s) ){0,2}(?:windows )?(?:updat|upgrad)\w*(?:(?!\b(?:windows|pc|computer|laptop|desktop|machine|system|server|device|os)\b)[^.\n]){0,60}?\b(?:would ?n[o']?t|wo ?n[o']?t|does ?n[o']?t|did ?n[o']?t|can'?t|cannot|will not|no longer) (?:start|open|launch|run|load)\w*/i,
    weight: 3,
  },
  // "Update" as editing a record ("can't update the time sheet", "updating my
  // address in the portal"): data, not software.
  {
    pattern:
      /\bupdat(?:e|ing)\s+(?:the|my|our|a|this|his|her|their|your)\s+(?:[\w-]+\s+)?(?:time ?sheets?|spreadsheets?|records?|tickets?|profiles?|address(?:es)?|contacts?|details|entry|entries|fields?|forms?|documents?|wiki|calendar|database|table|rows?|phone numbers?|bank details|signature)\b/i,
    weight: 3,
  },
  // A maker's own tool for its drivers and firmware ("the vendor's update utility").
  {
    pattern:
      /\b(?:vendor|manufacturer|oem)(?:'s|s')? (?:[\w-]+ ){0,2}(?:tool|utility|software|app|application|updater|assistant)s?\b/i,
    weight: 3,
  },
  // Devices on the desk, the computer's BIOS and its makers' driver packages
  // ("Intel Chipset Device Software"): their firmware and drivers come from
  // their makers' tools. A driver alone is not: Windows Update delivers drivers too.
  {
    pattern:
      /\b(?:dock(?:ing station)?s?|monitors?|keyboards?|mouse|mice|headsets?|webcams?|touchpads?|trackpads?|speakers?|microphones?|smart ?cards?|card readers?|(?:graphics|gpu|display|video)(?: card)? drivers?|(?:bios|uefi|firmware) (?:updat\w*|upgrad\w*|flash\w*)|(?:chipset|bluetooth|audio|sound|thunderbolt|wi-?fi|wlan|ethernet|network adapter) (?:device )?software)\b/i,
    weight: 2,
  },
  // A program's installer file, or something that fails since Windows itself was updated.
  {
    pattern:
      /\bthe (?:exe|msi)\b|\b(?:since|after) (?:i |we )?(?:updat|upgrad)\w* to win(?:dows)?\b/i,
    weight: 2,
  },
  // "The installer" with no Windows Setup named is a program's own: Windows
  // Update's installers are inside the update and nobody calls them so.
  {
    pattern: /\b(?:the|this|its|our|your|my) installer\b(?! (?:inside|in|of) the (?:update|kb))/i,
    weight: 2,
  },
  // A product's installer by its name ("the PowerToys installer", "our Citrix
  // Workspace setup"): a capitalised name before it, not Windows's own. (A
  // product's updater is counted by the products' list above.)
  {
    pattern:
      /\b(?:[Tt]he|[Tt]his|[Ii]ts|[Oo]ur|[Yy]our|[Mm]y)\s+(?!(?:Windows|Microsoft|WSUS|KB|Update|Upgrade|Feature|Servicing|Setup|Cumulative|Security|Media Creation)\b)[A-Z][\w.+-]*(?:\s+[A-Z][\w.+-]*)?\s+(?:[Ii]nstaller|[Ss]etup|[Bb]ootstrapper)\b/,
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
  // A program's own exception and stack trace, or a bug report's tag.
  {
    pattern: /\[bug\]|\b\w+Exception:|^\s+at [A-Z][\w.]+\.\w+\(/im,
    weight: 2,
  },
  // A .NET program's own exception told in its words; it counts beside a bug tag.
  { pattern: /\bexception of type '[\w.]+' was thrown\b/i, weight: 2 },
  // Shell scripts, their repositories and Linux paths ("/storage", "/usr/local/") are not Windows servicing.
  {
    pattern:
      /\.(?:sh|py|js|deb|rpm|apk|dmg)\b|(?:^|[\s"'`(])\/(?:usr|etc|var|opt|home|mnt|tmp|storage|srv|root)(?:\/|\b(?![.:]))|~\/\./im,
    weight: 2,
  },
];

// Words that say something went wrong. A message without any of them is a
// request ("need admin rights to install an update", "please check the
// laptop's updates"), not a symptom to look up.
export const TROUBLE =
  /\b(?:fail\w*|error\w*|stuck|hang\w*|hung|freez\w*|frozen|not|never|no longer|unable|cannot|can ?not|\w+n['’]t|(?:ca|wo|do|does|did|is|are|was|were|could|would|should|has|have|had)nt|denied|deny|refus\w*|missing|corrupt\w*|damaged|crash\w*|broke\w*|problem\w*|issues?|trouble\w*|stops?|stopped|roll\w* back|rollback|revert\w*|undo\w*|loop\w*|slow\w*|forever|time[sd]? ?out|blocks?|blocked|blocking|keeps?|again|repeated\w*|every (?:day|time|night|boot)|always|wrong|violation|invalid|unsupported|incompatible|eligible|requirements?|pending|to finish|overload\w*|unavailable|busy|warning|warns|disabled|locked|interrupted|hangs?|weird|strange|impossible|no|bypass\w*|incorrect|already|requires?|unexpected\w*|unknown|bad|insufficient|low|full|out of|expired|untrusted|reject\w*|terminat\w*|abort\w*|mismatch\w*|conflict\w*|cancel\w*|paus\w*|metered|waiting|gr[ae]yed|managed by|(?:is|are|was|were|been|being|got|gets|stays?) (?:turned|switched|shut) off|asks? for|over and over|disappear\w*|tpm|secure boot|(?:says?|said) (?:it |I |that (?:it |I )?)?needs?|needs? more|(?:needs?|wants?) (?:the |a |an |some |its )?(?:files?|source|media|restart|reboot)|(?:back|returns?|returned|reverts?|reverted) (?:on|to) (?:the |my |its )?(?:old|previous|earlier|former) (?:version|build|release|windows)|still (?:on|at) (?:the |my )?(?:old|previous|same) (?:version|build|release)|(?:stays|stayed|sits|sitting|remains|remained) (?:at|on)|for (?:(?:a few|several|many|two|three|four|five|six|\d+) )?(?:hours|days|weeks)|(?<![\d.,])0 ?%|ignor\w*|black ?list\w*|block ?list\w*|why (?:does|do|did|is|are|was|would|will|am)\b|what (?:does|do) (?:this|that|it|the \w+) (?:message |error )?mean|how (?:do|can|could|should) (?:i|we|you) (?:fix|solve|resolve|repair|get rid of|get past|get around|troubleshoot))\b/i;

// Windows named only as the platform a program runs on or takes a setting from
// ("fails on Windows", "the proxy configured in Windows"): a bug report's
// habit, which says nothing about Windows's own updates. Windows by its
// version or with its update words ("on Windows 10", "in Windows Update") still counts.
export const WINDOWS_AS_PLATFORM =
  /\b(?:in|on|under|for|with|from) windows\b(?!\s*(?:\d|xp|vista|server|updates?|setup|features?))/gi;

// Windows named at all ("Windows 10 can't update", "my Windows install", "WS2019",
// "Server 2019", "a 2012 R2 box"),
// but not a program that carries its name ("Windows Defender blocks the
// installer", "Windows Terminal"): that names the program, not the system.
export const WINDOWS =
  /\bwin(?:dows)?\s?(?:\d{1,2}|xp|vista|server)?\b(?!\s*(?:defender|terminal|subsystem|sandbox|hello|media player|movie maker|live|mail|app sdk|app ?runtime|phone link|store)\b)|\bw1[01]\b|\bws\s?(?:1[01]|20(?:08|12|16|19|22|25))\b|\bserver\s?20(?:08|12|16|19|22|25)(?:\s?r2)?\b|\b20(?:08|12)\s?r2\b/i;
