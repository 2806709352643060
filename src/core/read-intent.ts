/**
 * Typed answers -> the same answers the buttons give. People reply in words
 * ("yes that worked", "nope, still failing", "next"), so the flow must move
 * on text as reliably as on clicks. Checked in order: the first rule that
 * matches wins, and the more specific phrases come first ("not fixed" before
 * "fixed", "yes but still failing" is still failing).
 */
import type { Answer } from './contract.js';

/** Small talk: answered in one line, the flow stays where it is. */
export type SmallTalk = 'thanks' | 'wait' | 'ack';

export type Intent = Answer | SmallTalk | 'help' | 'yes' | 'no' | { pick: number };

export function isSmallTalk(intent: Intent | null): intent is SmallTalk {
  return intent === 'thanks' || intent === 'wait' || intent === 'ack';
}

const RULES: Array<[Intent, RegExp]> = [
  ['help', /^\s*(\/?help|\?|what can you do\??|how does this work\??)\s*$/i],
  [
    'human',
    /\b(human|real person|(talk|speak|chat) (to|with) (someone|somebody|a person|an? (agent|technician|engineer|admin))|escalat\w*|hand (it |this )?(off|over)|(open|raise|create|log) an? (ticket|case)|need (a|an) (person|technician|engineer|agent|admin))\b/i,
  ],
  [
    'restart',
    /\b(start(ing)? over|start again|from the (start|beginning|top)|begin again|reset (the )?(flow|conversation|steps))\b/i,
  ],
  [
    'all-steps',
    /\b(all (the )?steps|show (me )?(all|every|the whole)|list (the |all )?steps|whole list|every step|overview)\b/i,
  ],
  ['back', /^\s*(go )?(back|previous( step)?|prev|undo|last step again)\b/i],
  ['skip', /\b(skip|can'?t do (that|this)|not allowed to|no access to)\b/i],
  // "next" passes a step over without saying it failed: a skip, not "did not help".
  ['skip', /^\s*(next|next step|move on|try (the )?next)\b/i],
  [
    'not-fixed',
    /\b(not (fixed|working|solved|resolved)|didn'?t (help|work|fix)|did not (help|work|fix)|doesn'?t (help|work)|does not (help|work)|no (luck|change|joy|dice)|still( (fail\w*|broken|the same|getting|get|there|an? error|erroring|not)|$)|same (error|code|thing|problem)|fail(ed|s|ing)? again|nope|nah|negative|unfortunately( not)?)\b/i,
  ],
  ['not-fixed', /^\s*(continue|go on)\b/i],
  [
    'fixed',
    /\b(fixed|solved|resolved|(that |it )?work(ed|s)( now)?|sorted|all good|installed (fine|now|ok)|success\w*|that did it|problem gone|error (is )?gone)\b/i,
  ],
  [
    'thanks',
    /^\s*(ok(ay)?,? )?(thanks?|thank you|thx|ty|cheers|ta|much appreciated)\b[\w\s,!.]{0,20}$/i,
  ],
  [
    'wait',
    /^\s*(ok(ay)?,? )?(one (moment|sec(ond)?|minute)|just a (moment|sec(ond)?|minute)|hang on|hold on|give me a (moment|sec(ond)?|minute|few minutes)|brb|wait)\b[\w\s,!.]{0,30}$/i,
  ],
  ['ack', /^\s*(ok(ay)?|k|alright|all right|got it|will do|understood|cool)[\s!.]*$/i],
  [
    'yes',
    /^\s*(y|yes|yeah|yep|yup|sure|correct|right|exactly|that'?s it|that'?s the one|affirmative|please do|go ahead)\b/i,
  ],
  ['no', /^\s*(n|no|not (it|that|quite)|wrong|none( of (these|them|those))?)\b/i],
];

const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  '1st': 1,
  '2nd': 2,
  '3rd': 3,
};

export function readIntent(text: string): Intent | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const number = /^\s*(?:#|option |number )?([1-9])\s*[.)]?\s*$/i.exec(trimmed);
  if (number) return { pick: Number(number[1]) };
  const ordinal = /^\s*(?:the )?(first|second|third|1st|2nd|3rd)( one)?\s*$/i.exec(trimmed);
  if (ordinal) return { pick: ORDINALS[(ordinal[1] ?? '').toLowerCase()] ?? 1 };
  for (const [intent, pattern] of RULES) if (pattern.test(trimmed)) return intent;
  return null;
}
