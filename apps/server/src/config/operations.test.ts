import { describe, expect, it } from 'vitest';
import { configProblems as problems, TEST_CWD as cwd } from '../../test/support/config-problems.js';
import { parseConfig } from '../config.js';

describe('the operations settings', () => {
  it('sample every 10 s, keep 7 days, and have no metrics token or LiveKit metrics URL by default', () => {
    const config = parseConfig({}, cwd);
    expect(config.stats).toEqual({ intervalSeconds: 10, retentionSeconds: 7 * 86_400 });
    expect(config.metrics).toEqual({ token: undefined, livekitUrls: [] });
  });

  it('read STATS_RETENTION and STATS_INTERVAL as durations like the other durations', () => {
    const config = parseConfig({ STATS_RETENTION: '36h', STATS_INTERVAL: '2s' }, cwd);
    expect(config.stats).toEqual({ intervalSeconds: 2, retentionSeconds: 36 * 3600 });
    expect(problems({ STATS_RETENTION: 'a week' })[0]).toMatch(
      /^STATS_RETENTION: must be a duration/,
    );
    expect(problems({ STATS_RETENTION: '10m' })[0]).toMatch(/^STATS_RETENTION: must be between/);
    expect(problems({ STATS_INTERVAL: '0s' })[0]).toMatch(/^STATS_INTERVAL: must be between/);
  });

  it('want a METRICS_TOKEN of at least 16 characters, and never show it', () => {
    const short = problems({ METRICS_TOKEN: 'tooshort' });
    expect(short).toEqual(['METRICS_TOKEN: must be at least 16 characters']);
    expect(parseConfig({ METRICS_TOKEN: 'x'.repeat(16) }, cwd).metrics.token).toBe('x'.repeat(16));
  });

  it('take LIVEKIT_METRICS_URL as a comma-separated list of http(s) URLs', () => {
    const config = parseConfig(
      { LIVEKIT_METRICS_URL: 'http://lk1:6789/metrics, https://lk2.example.com/metrics' },
      cwd,
    );
    expect(config.metrics.livekitUrls).toEqual([
      'http://lk1:6789/metrics',
      'https://lk2.example.com/metrics',
    ]);
    expect(problems({ LIVEKIT_METRICS_URL: 'ftp://lk1/metrics' })[0]).toMatch(
      /^LIVEKIT_METRICS_URL: "ftp:\/\/lk1\/metrics" is not an http/,
    );
  });

  it('refuse a LiveKit Prometheus port that is taken by the app', () => {
    expect(problems({ PORT: '7883' })).toEqual([
      'LIVEKIT_PROMETHEUS_PORT: is the same port as PORT (7883)',
    ]);
    expect(parseConfig({ LIVEKIT_PROMETHEUS_PORT: '9100' }, cwd).livekit).toMatchObject({
      prometheusPort: 9100,
    });
  });
});
