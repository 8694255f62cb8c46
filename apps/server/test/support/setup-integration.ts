// Set up before every integration and e2e file (vitest.config.ts, project `integration`): the
// rtc-node clients the tests connect start its native side without log capture, as the app's
// recorder does (`livekit/rtc-node-logs.ts`: a steady CPU cost for lines nothing reads).
import { quietRtcNode } from '../../src/livekit/rtc-node-logs.js';

quietRtcNode();
