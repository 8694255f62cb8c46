import { describe, expect, it } from 'vitest';
import { eventTime } from './event-time.js';

const at = (ms: number) => new Date(1_700_000_000_000 + ms);

describe('eventTime', () => {
  it('takes the receipt when it came within the stamped second', () => {
    expect(eventTime(at(0), at(420))).toEqual(at(420));
  });

  it('takes the middle of the stamped second for a late delivery', () => {
    expect(eventTime(at(0), at(90_000))).toEqual(at(500));
  });

  it('trusts a stamp ahead of our clock, and the receipt when there is no stamp', () => {
    expect(eventTime(at(2_000), at(0))).toEqual(at(2_000));
    expect(eventTime(undefined, at(7))).toEqual(at(7));
  });
});
