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

  it('places a late leave after its own join, in what is left of the stamped second', () => {
    // Joined at .700 and left within the same second, reported a minute later.
    expect(eventTime(at(0), at(60_000), at(700))).toEqual(at(850));
    // A join earlier than the stamped second does not move the middle.
    expect(eventTime(at(1_000), at(60_000), at(700))).toEqual(at(1_500));
    // A join stamped after the leave's second (another clock): the leave is the join.
    expect(eventTime(at(0), at(60_000), at(1_200))).toEqual(at(1_200));
  });

  it('trusts a stamp ahead of our clock, and the receipt when there is no stamp', () => {
    expect(eventTime(at(2_000), at(0))).toEqual(at(2_000));
    expect(eventTime(undefined, at(7))).toEqual(at(7));
  });
});
