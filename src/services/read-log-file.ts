/**
 * A log file someone attached: downloaded from the platform's file host
 * only, streamed and stopped at a size cap, with a timeout, then decoded as
 * text (UTF-8, or UTF-16 LE as some tools export CBS.log) or refused as
 * binary. Nothing is written anywhere: the text goes to the resolver and is
 * dropped. Platform-neutral; each adapter says which hosts are allowed and
 * which headers (a Slack bot token) go along.
 */

import type { FileRead } from '../core/attached-file.js';

export type { FileRead } from '../core/attached-file.js';

export interface FileLimits {
  /** Bytes read at most; a larger file is refused. */
  maxBytes: number;
  /** Whole download, redirects included. */
  timeoutMs: number;
}

export const DEFAULT_FILE_LIMITS: FileLimits = { maxBytes: 5 * 1024 * 1024, timeoutMs: 15_000 };

export interface Download {
  url: string;
  /** The file's name as the platform gives it (CBS.log, WindowsUpdate.etl). */
  name: string;
  /** The size the platform reports, when it does; checked before downloading. */
  size?: number | undefined;
  headers?: Record<string, string>;
  /** Whether a URL may be fetched (scheme and host); redirects are checked too. */
  allowed: (url: URL) => boolean;
}

const MAX_REDIRECTS = 3;

/** An .etl trace is binary: it needs decoding on the PC, not reading here. */
export function isEtlName(name: string): boolean {
  return /\.etl$/i.test(name.trim());
}

export async function readLogFile(
  download: Download,
  limits: FileLimits,
  fetchImpl: typeof fetch = fetch,
): Promise<FileRead> {
  if (isEtlName(download.name)) return { kind: 'etl' };
  if (download.size !== undefined && download.size > limits.maxBytes)
    return { kind: 'too-large', limit: limits.maxBytes };
  if (download.size === 0) return { kind: 'empty' };
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    const response = await fetchAllowed(download, signal, fetchImpl);
    if (!response?.ok || !response.body) return { kind: 'unreadable' };
    const bytes = await readCapped(response.body, limits.maxBytes);
    if (bytes === null) return { kind: 'too-large', limit: limits.maxBytes };
    return decodeLogBytes(bytes);
  } catch (error) {
    if (signal.aborted) return { kind: 'timeout' };
    if (error instanceof Error && error.name === 'TimeoutError') return { kind: 'timeout' };
    return { kind: 'unreadable' };
  }
}

/** Follows at most a few redirects, each to an allowed host; the headers go only there. */
async function fetchAllowed(
  download: Download,
  signal: AbortSignal,
  fetchImpl: typeof fetch,
): Promise<Response | null> {
  let url = new URL(download.url);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (!download.allowed(url)) return null;
    const response = await fetchImpl(url, {
      headers: download.headers ?? {},
      redirect: 'manual',
      signal,
    });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return response;
    await response.body?.cancel();
    url = new URL(location, url);
  }
  return null;
}

/** The body's bytes, or null as soon as it passes `max` (the rest is never read). */
async function readCapped(body: ReadableStream<Uint8Array>, max: number): Promise<Buffer | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** How much of a sample may be control bytes or broken UTF-8 before it is not text. */
const BINARY_SHARE = 0.01;

/** Bytes -> text: UTF-8 (BOM or not), UTF-16 LE (BOM, or NULs in every other byte), else binary. */
export function decodeLogBytes(bytes: Buffer): FileRead {
  if (bytes.length === 0) return { kind: 'empty' };
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = bytes.subarray(2).toString('utf16le');
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = swap16(bytes.subarray(2));
  else if (looksUtf16Le(bytes)) text = bytes.toString('utf16le');
  else text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (looksBinary(text)) return { kind: 'binary' };
  if (text.trim() === '') return { kind: 'empty' };
  return { kind: 'text', text, bytes: bytes.length };
}

function swap16(bytes: Buffer): string {
  const copy = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  return copy.swap16().toString('utf16le');
}

/** ASCII text saved as UTF-16 LE without a BOM: a NUL after nearly every character. */
function looksUtf16Le(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 4096);
  if (sample.length < 4) return false;
  let oddNuls = 0;
  let evenNuls = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i + 1] === 0) oddNuls++;
    if (sample[i] === 0) evenNuls++;
  }
  const pairs = Math.floor(sample.length / 2);
  return oddNuls > pairs * 0.9 && evenNuls < pairs * 0.1;
}

function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  let odd = 0;
  for (const char of sample) {
    const code = char.charCodeAt(0);
    if (code === 0) return true;
    if (char === '\uFFFD' || (code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12))
      odd++;
  }
  return odd > sample.length * BINARY_SHARE;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopback(url: URL): boolean {
  return LOOPBACK.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}

/** The host and its subdomains only (slack.com -> files.slack.com), over https. */
export function hostOrSubdomain(host: string): (url: URL) => boolean {
  const base = host.toLowerCase();
  return (url) =>
    url.protocol === 'https:' && (url.hostname === base || url.hostname.endsWith(`.${base}`));
}
