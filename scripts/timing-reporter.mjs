// A vitest reporter for `npm test`: writes .test-artifacts/timings.json, each test file's whole
// cost in seconds (setting up its environment, importing it and its setup file, its tests and
// hooks), from which `node scripts/test-durations.mjs` writes the longest-first order. The JSON
// reporter's start and end times leave the import out, which for the DOM and in-process tests is
// most of their time.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const round = (ms) => Math.round(ms / 100) / 10;

export default class TimingReporter {
  files = {};

  onInit(vitest) {
    this.root = vitest.config.root;
  }

  onTestModuleEnd(testModule) {
    const d = testModule.diagnostic();
    const parts = {
      environment: round(d.environmentSetupDuration),
      prepare: round(d.prepareDuration),
      setup: round(d.setupDuration),
      import: round(d.collectDuration),
      tests: round(d.duration),
    };
    const total = Object.values(parts).reduce((sum, value) => sum + value, 0);
    this.files[relative(this.root, testModule.moduleId)] = { total: round(total * 1000), ...parts };
  }

  onTestRunEnd() {
    const dir = join(this.root, '.test-artifacts');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'timings.json'), `${JSON.stringify(this.files, null, 2)}\n`);
  }
}
