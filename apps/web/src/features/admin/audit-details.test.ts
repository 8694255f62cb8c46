import { describe, expect, it } from 'vitest';
import { describeDetails } from './audit-details.js';

describe('an audit entry’s details', () => {
  it('shows a change as from → to', () => {
    expect(describeDetails({ from: 'viewer', to: 'speaker' })).toBe('viewer → speaker');
    expect(describeDetails({ from: null, to: 'mentor' })).toBe('– → mentor');
  });

  it('lists other plain values and leaves nested ones out', () => {
    expect(describeDetails({ source: 'camera', muted_tracks: 1, extra: { a: 1 } })).toBe(
      'source: camera · muted_tracks: 1',
    );
    expect(describeDetails({})).toBe('');
  });
});
