/** The end-of-session chime: two soft sine notes generated with Web Audio (no audio file to load). */

type AudioContextClass = typeof AudioContext;

let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (typeof window === 'undefined') return null;
  const Ctx: AudioContextClass | undefined = window.AudioContext ?? (window as unknown as { webkitAudioContext?: AudioContextClass }).webkitAudioContext;
  if (!Ctx) return null;
  try {
    context ??= new Ctx();
  } catch {
    return null;
  }
  return context;
}

/** Called in a click (starting a session): browsers let a context made or resumed in a user gesture play later. */
export function primeChime(): void {
  audio()
    ?.resume()
    .catch(() => {});
}

export function playChime(): void {
  const ctx = audio();
  if (!ctx) return;
  ctx.resume().catch(() => {});
  const start = ctx.currentTime + 0.02;
  for (const [frequency, delay] of [
    [880, 0],
    [1318.5, 0.18],
  ]) {
    const at = start + delay;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequency;
    // An exponential ramp cannot start from 0: from near silence up, then back down, so it never clicks.
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.9);
    osc.connect(gain);
    gain.connect(ctx.destination);
    osc.start(at);
    osc.stop(at + 1);
  }
}
