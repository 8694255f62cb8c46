/** What one relay-only gathering found. */
export interface RelayProbe {
  /** A relay candidate came back: the TURN server answered and gave this browser an address. */
  relay: boolean;
  /** Milliseconds until the relay candidate (or until giving up). */
  ms: number;
  /** The browser's first ICE error (`701 …`, `401 Unauthorized`), when there was one. */
  error?: string;
}

/**
 * Asks the given TURN servers, and nothing else, for a relay address: a relay-only peer
 * connection gathers candidates for a data channel, and a relay candidate proves that the server
 * is reachable over that transport with those credentials. Resolves (never rejects) once one
 * arrives, gathering ends without one, or `timeoutMs` passes.
 */
export function gatherRelayCandidate(
  servers: RTCIceServer[],
  timeoutMs: number,
): Promise<RelayProbe> {
  const started = performance.now();
  return new Promise((resolve) => {
    let pc: RTCPeerConnection;
    try {
      pc = new RTCPeerConnection({ iceServers: servers, iceTransportPolicy: 'relay' });
    } catch (err) {
      resolve({ relay: false, ms: 0, error: (err as Error).message });
      return;
    }
    const errors: string[] = [];
    let done = false;
    const finish = (relay: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      pc.close();
      resolve({
        relay,
        ms: Math.round(performance.now() - started),
        ...(!relay && errors[0] ? { error: errors[0] } : {}),
      });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    pc.onicecandidate = (event) => {
      const candidate = event.candidate;
      if (!candidate) finish(false);
      else if (candidate.type === 'relay' || / typ relay /.test(candidate.candidate)) finish(true);
    };
    pc.onicecandidateerror = (event) => {
      errors.push(`${event.errorCode} ${event.errorText}`.trim());
    };
    pc.createDataChannel('check');
    pc.createOffer()
      .then((offer) => pc.setLocalDescription(offer))
      .catch((err: unknown) => {
        errors.push((err as Error).message);
        finish(false);
      });
  });
}
