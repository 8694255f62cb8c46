import { describe, expect, it } from 'vitest';
import { AppError, wrongState } from './errors.js';

describe('wrongState', () => {
  it('is a 409 CONFLICT with its reason, and details that name the state found', () => {
    const err = wrongState('poll_closed', 'this poll is closed', 'closed');
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      status: 409,
      code: 'CONFLICT',
      reason: 'poll_closed',
      message: 'this poll is closed',
      details: { status: 'closed' },
    });
  });
});
