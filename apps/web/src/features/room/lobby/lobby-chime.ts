/**
 * A short two-note chime for a new knock, made with Web Audio (no file to load). Browsers may
 * refuse sound before the page had a click; then it stays silent and the badge still shows.
 */
export function playLobbyChime(): void {
  try {
    const audio = new AudioContext();
    const start = audio.currentTime;
    for (const [i, frequency] of [660, 880].entries()) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + i * 0.15);
      gain.gain.exponentialRampToValueAtTime(0.2, start + i * 0.15 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.15 + 0.14);
      tone.connect(gain).connect(audio.destination);
      tone.start(start + i * 0.15);
      tone.stop(start + i * 0.15 + 0.15);
    }
    setTimeout(() => void audio.close().catch(() => undefined), 600);
  } catch {
    // No Web Audio here: the badge is the signal.
  }
}
