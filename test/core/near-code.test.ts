import { describe, expect, it } from 'vitest';
import { findNearCode, suggestCodes } from '../../src/core/near-code.js';

const known = ['0x8024001E', '0x8024401E', '0x80070005', '0x800F081F'];
const curated = new Set(['0x8024001E', '0x80070005']);
const isCurated = (code: string) => curated.has(code);

describe('almost-right codes', () => {
  it.each([
    ['getting 0x802401E', '0x802401E'],
    ['0x8024001EE', '0x8024001EE'],
    ['error 802401E on PC-7', '802401E'],
    ['0x12345', '0x12345'],
  ])('finds %j', (text, found) => {
    expect(findNearCode(text)).toBe(found);
  });

  it.each([['0x8024001E'], ['8024001e'], ['ticket 12345'], ['no code here']])(
    'leaves %j alone (a whole code, or none)',
    (text) => {
      expect(findNearCode(text)).toBeNull();
    },
  );

  it('suggests the one code a digit away, or the curated ones among several', () => {
    expect(suggestCodes('0x8007005', known, isCurated)).toEqual(['0x80070005']);
    expect(suggestCodes('0x800F0F2F1', known, isCurated)).toEqual([]);
    expect(suggestCodes('0x800F81F', known, isCurated)).toEqual(['0x800F081F']);
    // 0x8024001E and 0x8024401E are both one digit away; only the curated one is offered.
    expect(suggestCodes('0x802401E', known, isCurated)).toEqual(['0x8024001E']);
    expect(suggestCodes('0x12345', known, isCurated)).toEqual([]);
  });
});
