import { ConfigError, parseConfig } from '../../src/config.js';

/** Where the settings tests "run": relative paths and the default data folder resolve below it. */
export const TEST_CWD = '/srv/stagecast';

/** The problems `parseConfig` reports for `env`, one line each; none when it accepts `env`. */
export function configProblems(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env, TEST_CWD);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}
