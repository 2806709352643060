/**
 * Turns free text into search terms: lower-case word stems without filler
 * words, with a few helpdesk synonyms folded together, so that "rebooting",
 * "reboot" and "restart" all meet. Used identically for the knowledge and the
 * query, which is what makes the two comparable.
 */
import { stemmer } from 'stemmer';

// Words that carry no meaning for telling one update error from another,
// including the ones every message to this bot contains ("Windows", "error"),
// and the adverbs a story is told with: "Finally" is not "finalised", though
// both stem to "final" and the knowledge says it once.
const STOPWORDS = new Set(
  `a about after again all also am an and any are as at be because been before being but by can
  cannot could did do does doing don dont during each even every few for from get gets getting got
  had has have having he her here hi hello hey how i if in into is isn it its just keep keeps let me
  more most my no nope not now of off on once only or other our out over please same she should so
  some still such than thank thanks that the their them then there these they this those through
  to too under until up us very was wasn we were what when where which while who why will with
  won wont would yes yet you your ok okay didnt doesnt isnt cant couldnt wouldnt arent werent im ive weve need needs
  windows microsoft pc computer machine device error errors issue issues problem problems code
  behind via across within without between around against along among upon onto toward towards
  fix fixed fixing help advice hint hints try tried trying something anything guess think know
  anyone someone seems seem really ago already
  finally unfortunately fortunately basically actually apparently obviously probably maybe perhaps
  however anyway though although suddenly honestly hopefully literally simply somehow
  use uses used using
  go goes going went gone come comes came coming make makes made making take takes took taking
  see sees saw seen want wants wanted wanting look looks looked looking put puts give gives gave
  behavior behaviour behaviors behaviours actual actually expected bug bugs reproduce reproduced
  reproducing reproduction repro confirm confirmed confirming idea ideas solution solutions solve
  solved notice noticed noticing below above entire entirely etc recommend recommended screenshot
  screenshots mention mentioned mentions prior people person couple according remember simple
  course pretty stuff today exact exactly feedback sorry section multiple slightly morning evening
  sometimes suppose supposed presume whatever please kindly guys everyone somebody everybody
  attempt attempts attempted attempting tries
  pls plz thx ty btw fyi asap idk tbh iirc imo imho lol
  laptop laptops desktop desktops notebook notebooks workstation workstations
`.split(/\s+/),
);

// Stem -> canonical stem. Only true synonyms in this domain.
const SYNONYMS: Record<string, string> = {
  reboot: 'restart',
  av: 'antiviru',
  antimalwar: 'antiviru',
  authent: 'auth',
  authenticat: 'auth',
  credenti: 'auth',
  // Signing in is one thing, a signed file another: "not signed in" and "not
  // signed correctly" must not meet. A file's signature and its being signed do.
  logon: 'logon',
  login: 'logon',
  signin: 'logon',
  logged: 'logon',
  signatur: 'sign',
  damag: 'corrupt',
  hang: 'hung',
  stuck: 'hung',
  freez: 'hung',
  slow: 'timeout',
  overload: 'unavail',
  unavail: 'unavail',
  deni: 'deni',
  permiss: 'deni',
  privileg: 'deni',
  disk: 'space',
  storag: 'space',
  drive: 'space',
  wsu: 'wsus',
  // Rolling an update back, in the words people and setup screens use.
  revert: 'roll',
  undo: 'roll',
  // "limited RAM", "2 GB of RAM is not enough": the knowledge says memory.
  ram: 'memori',
  // A DNS or firewall block list by any of its names.
  blacklist: 'blocklist',
  denylist: 'blocklist',
  asleep: 'sleep',
  // SSL and TLS are one thing in a helpdesk ticket ("SSL error", "TLS handshake").
  ssl: 'tl',
  cert: 'certif',
  cred: 'auth',
};

/** Splits on anything but letters and digits, keeping version numbers like 1.2 whole. */
const WORD = /\d+(?:\.\d+)+|[\p{L}\p{N}]+/gu;

/**
 * Word -> term, remembered: the knowledge repeats a few thousand words a
 * hundred thousand times, and a question mostly reuses them. Bounded so a
 * paste of made-up words cannot grow it without end (then it starts again).
 */
const TERM_OF = new Map<string, string>();
const TERM_CACHE_LIMIT = 50_000;

function termOf(word: string): string {
  let term = TERM_OF.get(word);
  if (term === undefined) {
    const stem = stemmer(word);
    term = SYNONYMS[stem] ?? stem;
    if (TERM_OF.size >= TERM_CACHE_LIMIT) TERM_OF.clear();
    TERM_OF.set(word, term);
  }
  return term;
}

export function toTerms(text: string): string[] {
  const words = text
    .toLowerCase()
    .replace(/anti-?virus/g, 'antivirus')
    // British and American spellings meet: "organisation" and "organization",
    // "behaviour" and "behavior" (the knowledge itself writes both).
    .replace(/\b([a-z]{4,})is(e|es|ed|er|ers|ing|ation|ations)\b/g, '$1iz$2')
    .replace(/\b([a-z]{3,})our(s|ed|ing|ite|ites|able)?\b/g, '$1or$2')
    // A ticket's preamble ("User reports that", "the customer says", "caller
    // states"): who told the helpdesk, not what went wrong.
    .replace(
      /\b(?:(?:the|our|an?|my|one)\s+)?(?:end[\s-]?)?(?:users?|customers?|callers?|clients?|employees?|staff|requesters?)\s+(?:reports?|reported|reporting|says?|said|states?|stated|mentions?|mentioned|complains?|complained|informs?|informed|advises?|advised)(?:\s+that)?\b/g,
      ' ',
    )
    // What the person ruled out ("Internet is fine otherwise", "browsing works",
    // "plenty of disk space"): checked and fine, so not the error's words.
    .replace(
      /\b(?:the\s+)?(?:internet(?:\s+connection)?|network|connection|connectivity|wi-?fi|browsing|web|e-?mail|everything\s+else|other\s+(?:apps|programs|sites|websites|pcs|machines|computers))\s+(?:is|are|works?|working|seems?|looks?)\s+(?:(?:just|totally|completely|otherwi[sz]e)\s+)?(?:fine|ok|okay|good|normal(?:ly)?|perfectly(?:\s+fine)?)(?:\s+otherwi[sz]e)?\b|\b(?:browsing|the\s+internet|internet|web\s+browsing)\s+works\b|\bplenty\s+of\s+(?:free\s+)?(?:disk\s+)?(?:space|storage)\b/g,
      ' ',
    )
    // Admins' shorthand: a GPO is a Group Policy (object).
    .replace(/\bgpos?\b/g, 'group policy')
    // "black list", "block-list", "deny list": one word, as "blocklist" is.
    .replace(/\b(black|block|deny)[\s-]list/g, '$1list')
    // "re-booting", "re-install": one word, as when written without the hyphen.
    .replace(/\bre-(?=[a-z])/g, 're')
    // A file "in use" or "being used by another process": the words alone are
    // filler ("in", "use"), together the symptom of a locked file.
    .replace(/\b(?:in use|being used)\b/g, 'inuse')
    // Windows Update and updates by the short forms tickets use: "WU", "upd", "updt".
    // A code's name (WU_E_...) keeps its own words.
    .replace(/\bwu\b(?!_)/g, 'update')
    .replace(/\bupdt?s?\b/g, 'update')
    // Servicing's abbreviations: the latest cumulative update, the servicing stack update.
    .replace(/\blcus?\b/g, 'cumulative update')
    .replace(/\bssus?\b/g, 'servicing stack update')
    // "stays at 45%", "sits on Working on updates": stuck there.
    .replace(
      /\b(?:stays?|stayed|staying|sits?|sitting|remains?|remained|remaining) (?=at |on )/g,
      'stuck ',
    )
    // "stuck at 0%", "0 bytes", "0 B of 1.2 GB": no progress, whatever the unit.
    .replace(/(?<![\d.,])0 ?(?:%|percent\b|bytes?\b|b\b|kb\b|mb\b)/g, ' progress ')
    // "Windows 11", "Win 11", "W11", "WS11" is one word (the upgrade target), not a stopword and a number.
    .replace(/\b(?:windows|win|ws|w)\s?11\b/g, 'win11')
    // "W10", "Win 10", "Windows10", "WS10", "win7", "Win 8.1": Windows by a short name, which says no
    // more about the error than "Windows" (a stopword) does.
    .replace(/\b(?:windows|win|w)\s?(?:7|8(?:\.1)?|10)\b(?![.\d])|\bws\s?10\b(?![.\d])/g, 'windows')
    .replace(/sign(ed)?[\s-]+(in|on)\b/g, 'signin')
    .replace(/log(ged)?[\s-]+(in|on)\b/g, 'logon')
    // A typographic apostrophe (\u2019, what word processors and phones type) is an apostrophe.
    .replace(/\u2019/g, "'")
    // "we'll", "they're", "I've", "PC's": the pronoun or noun, not the word "well".
    .replace(/'(?:ll|re|ve|d|m|s)\b/g, '')
    .replace(/[_']/g, (c) => (c === '_' ? ' ' : ''))
    .match(WORD);
  const terms: string[] = [];
  for (const word of words ?? []) {
    if (STOPWORDS.has(word) || word.length < 2 || /^\d{1,2}$/.test(word)) continue;
    terms.push(termOf(word));
  }
  return terms;
}
