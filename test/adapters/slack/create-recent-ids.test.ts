import { describe, expect, it } from 'vitest';
import { createRecentIds } from '../../../src/adapters/slack/create-recent-ids.js';

describe('createRecentIds', () => {
  it('says an id is new once, and forgets the oldest past its capacity', () => {
    const recent = createRecentIds(2);
    expect(recent.isFirst('Ev1')).toBe(true);
    expect(recent.isFirst('Ev1')).toBe(false);
    expect(recent.isFirst('Ev2')).toBe(true);
    expect(recent.isFirst('Ev3')).toBe(true);
    expect(recent.isFirst('Ev2')).toBe(false);
    expect(recent.isFirst('Ev1')).toBe(true);
  });
});
