import { describe, expect, it } from 'vitest';
import { countdown } from './countdown.js';

describe('countdown', () => {
  const now = Date.parse('2025-01-01T10:00:00Z');

  it('shows minutes and seconds under an hour, hours under a day', () => {
    expect(countdown(now + 65_000, now)).toMatchObject({ days: 0, clock: '01:05', due: false });
    expect(countdown(now + 3_725_000, now)).toMatchObject({ days: 0, clock: '1:02:05' });
  });

  it('counts whole days beyond a day', () => {
    expect(countdown(now + 2 * 86_400_000 + 3 * 3_600_000, now)).toMatchObject({
      days: 2,
      hours: 3,
    });
  });

  it('is due once the start time has passed', () => {
    expect(countdown(now - 5000, now)).toMatchObject({ due: true, clock: '00:00' });
  });
});
