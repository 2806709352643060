/**
 * The public pages the knowledge learned symptom lines from (`# from <url>`
 * comments in knowledge/errors/*.yaml). A real-text message from one of those
 * pages is not held out: the knowledge was written with it in view, so its
 * score says less about messages the product has never seen. The report
 * scores the messages from other pages apart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ERRORS_DIR = resolve(import.meta.dirname, '..', '..', 'knowledge', 'errors');

const FROM = /#\s*from\s+(\S+)/g;

/** One page, however it was written down: scheme, "www.", a fragment or a trailing slash. */
export function pageKey(url: string): string {
  return url
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/[#?].*$/, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

export function readKnowledgeSources(dir = ERRORS_DIR): Set<string> {
  const pages = new Set<string>();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.yaml')) continue;
    for (const match of readFileSync(join(dir, file), 'utf8').matchAll(FROM)) {
      pages.add(pageKey(match[1] ?? ''));
    }
  }
  return pages;
}
