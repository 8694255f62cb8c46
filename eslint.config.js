import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const SDK_MESSAGE =
  'Only apps/server/src/livekit/ talks to LiveKit SDKs: import its facade, livekit/index.js.';

/** LiveKit's server SDKs (and the protocol types they re-export), type imports included. */
const livekitSdks = {
  paths: ['livekit-server-sdk', '@livekit/rtc-node', '@livekit/protocol'].map((name) => ({
    name,
    message: SDK_MESSAGE,
  })),
  patterns: [
    {
      group: ['livekit-server-sdk/*', '@livekit/rtc-node/*', '@livekit/protocol/*'],
      message: SDK_MESSAGE,
    },
  ],
};

/**
 * The server's LiveKit boundary: nothing under `apps/server/src` but `livekit/` imports a
 * LiveKit SDK, and modules and plugins reach `livekit/` only through its facade, `index.js`.
 * Exported for `apps/server/src/livekit/boundary.test.ts`, which proves each rule bites.
 * (`no-restricted-imports` options do not merge across blocks: the second repeats the first's.)
 */
export const serverBoundaries = [
  {
    name: 'stagecast/server-livekit-sdks',
    files: ['apps/server/src/**/*.ts'],
    ignores: ['apps/server/src/livekit/**'],
    rules: { 'no-restricted-imports': ['error', livekitSdks] },
  },
  {
    name: 'stagecast/server-livekit-facade',
    files: ['apps/server/src/modules/**/*.ts', 'apps/server/src/plugins/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: livekitSdks.paths,
          patterns: [
            ...livekitSdks.patterns,
            {
              group: ['**/livekit/*', '!**/livekit/index.js'],
              message: 'Import LiveKit through its facade, livekit/index.js, not its inner files.',
            },
          ],
        },
      ],
    },
  },
];

const ROOM_EVENTS_MESSAGE =
  'Read room events through a hook in apps/web/src/livekit (e.g. useDataTopic).';

/**
 * The web boundary: room events are read through the hooks in apps/web/src/livekit
 * (useDataTopic, useDisconnectOutcome, ...), never subscribed to in a feature. Tests and their
 * fakes emit events on purpose. Exported for `apps/web/src/livekit/boundary.test.ts`.
 */
export const webBoundary = {
  name: 'stagecast/web-room-events',
  files: ['apps/web/src/features/**/*.ts', 'apps/web/src/features/**/*.tsx'],
  ignores: ['**/*.test.ts', '**/*.test.tsx', '**/testing/**'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [
          {
            name: 'livekit-client',
            importNames: ['RoomEvent', 'ParticipantEvent', 'TrackEvent', 'EngineEvent'],
            message: ROOM_EVENTS_MESSAGE,
          },
        ],
      },
    ],
    'no-restricted-syntax': [
      'error',
      {
        selector:
          'CallExpression[callee.property.name=/^(on|once|off|addListener|removeListener)$/][callee.object.name=/(room|participant|track|publication)$/i]',
        message: ROOM_EVENTS_MESSAGE,
      },
      {
        selector:
          'CallExpression[callee.property.name=/^(on|once|off|addListener|removeListener)$/][callee.object.property.name=/(room|participant|track|publication)$/i]',
        message: ROOM_EVENTS_MESSAGE,
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      '.test-artifacts/**',
      'scripts/*.d.mts',
    ],
  },
  js.configs.recommended,
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        fetch: 'readonly',
        AbortSignal: 'readonly',
        Buffer: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Tests read JSON answers loosely; what they assert is what matters.
    files: ['**/*.test.ts', 'apps/*/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  ...serverBoundaries,
  {
    // Only the config (config.ts and its areas in config/) reads the environment.
    files: ['apps/server/src/**/*.ts'],
    ignores: ['apps/server/src/config.ts', 'apps/server/src/config/**/*.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings from Config (config.ts).' },
      ],
    },
  },
  webBoundary,
);
