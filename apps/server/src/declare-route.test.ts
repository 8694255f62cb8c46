import { apiRoutes } from '@stagecast/contracts';
import { describe, expect, it } from 'vitest';
import { declareRoute } from './declare-route.js';

describe('declareRoute', () => {
  it('gives the URL below the plugin prefix, with the method and schemas of the table', () => {
    const prefix = '/api/v1/live/sessions/:session_id/participants';
    const route = declareRoute({ prefix }, apiRoutes.kickParticipant);
    expect(route.method).toBe('POST');
    expect(route.url).toBe('/:user_id/kick');
    expect(route.schema.params).toBe(apiRoutes.kickParticipant.params);
    expect(route.schema.tags).toEqual(['participants']);
  });

  it('gives an empty URL for the route at the prefix itself, so no trailing-slash twin is made', () => {
    const route = declareRoute({ prefix: '/api/v1/live/sessions' }, apiRoutes.listSessions);
    expect(route.url).toBe('');
  });

  it('refuses a route registered under a prefix it is not below', () => {
    expect(() => declareRoute({ prefix: '/api/v1/auth' }, apiRoutes.updateUser)).toThrow(
      /not under its plugin's prefix/,
    );
  });
});
