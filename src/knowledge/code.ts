/**
 * The error code's spelling and what a code's value says: all the server
 * needs of schema.ts at run time. Its own module, so the server does not
 * build every knowledge file's zod schema at start-up (only loading the YAML
 * needs them).
 */
import { z } from 'zod';

/** `0x` + 8 upper-case hex digits: the one spelling used everywhere. */
export const CodeSchema = z
  .string()
  .regex(/^0x[0-9A-F]{8}$/, 'must be 0x followed by 8 upper-case hex digits, e.g. 0x8024001E');

export type Code = z.infer<typeof CodeSchema>;

/** Success HRESULTs have the severity bit clear. */
export function isSuccessCode(code: string): boolean {
  return Number.parseInt(code.slice(2), 16) < 0x80000000;
}
