import { describe, expect, it } from 'vitest';
import { AppError, wrongState } from './errors.js';

describe('wrongState', () => {
  it('is a 409 CONFLICT with its reason, and details that name the state found', () => {
    const err = wrongState('poll_closed', 'this poll is closed', 'closed');
    expect(err).toBeInstanceOf(AppError);
    expect([err.status, err.code, err.reason]).toEqual([409, 'CONFLICT', 'poll_closed']);
    expect(err.message).toBe('this poll is closed');
    expect(err.details).toEqual({ status: 'closed' });
  });
});
