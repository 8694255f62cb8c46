import { useEffect, useMemo, useState, type RefObject } from 'react';
import type { LocalAudioTrack } from 'livekit-client';
import {
  ConnectionCheckRun,
  initialCheckLines,
  networkLinesSettled,
  type CheckLines,
} from '../../livekit/index.js';
import { fetchCheckToken } from './check-api.js';
import { verdictFor, type Verdict } from './verdict.js';

export interface UseConnectionCheckResult {
  lines: CheckLines;
  verdict: Verdict;
  /** The captured microphone while the page is open, for its live meter. */
  microphone: LocalAudioTrack | undefined;
  /** True until every network line has an answer. */
  running: boolean;
  /** Starts a fresh run (a new room, new tokens). */
  restart: () => void;
}

/**
 * Runs the connection check once the page's `<video>` exists, again on `restart`, and stops it
 * (rooms left, camera and microphone released) when the page goes away.
 */
export function useConnectionCheck(
  video: RefObject<HTMLVideoElement | null>,
): UseConnectionCheckResult {
  const [lines, setLines] = useState<CheckLines>(initialCheckLines);
  const [microphone, setMicrophone] = useState<LocalAudioTrack | undefined>(undefined);
  const [rtcPorts, setRtcPorts] = useState<{ udp: number; tcp: number } | null>(null);
  const [runs, setRuns] = useState(0);

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    setLines(initialCheckLines());
    const run = new ConnectionCheckRun({
      video: element,
      onLines: setLines,
      onMicrophone: setMicrophone,
      fetchDetails: async () => {
        const answer = await fetchCheckToken();
        if (!answer.ok) return answer;
        setRtcPorts(answer.check.rtc_ports);
        return {
          ok: true,
          details: {
            serverUrl: answer.check.server_url,
            publisherToken: answer.check.publisher_token,
            receiverToken: answer.check.receiver_token,
          },
        };
      },
    });
    // The run reports through its callbacks; a failure of its own leaves the lines as they were.
    run.run().catch(() => undefined);
    return () => run.stop();
  }, [video, runs]);

  const verdict = useMemo(() => verdictFor(lines, { rtcPorts }), [lines, rtcPorts]);
  return {
    lines,
    verdict,
    microphone,
    running: !networkLinesSettled(lines),
    restart: () => setRuns((n) => n + 1),
  };
}
