/**
 * Short confirmation sounds made with WebAudio (no file to load): in a noisy depot the technician
 * is looking at the pile, not the screen. OK = bright two-tone beep; error = low buzz.
 */
let audioContext: AudioContext | null = null;

function context(): AudioContext | null {
  if (typeof window === 'undefined' || !('AudioContext' in window)) return null;
  audioContext ??= new AudioContext();
  if (audioContext.state === 'suspended') void audioContext.resume();
  return audioContext;
}

function tone(audio: AudioContext, { frequency, start, duration, type, volume }: { frequency: number; start: number; duration: number; type: OscillatorType; volume: number }) {
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.type = type;
  oscillator.frequency.value = frequency;
  const at = audio.currentTime + start;
  // short fade in/out: no click at the edges
  gain.gain.setValueAtTime(0, at);
  gain.gain.linearRampToValueAtTime(volume, at + 0.01);
  gain.gain.setValueAtTime(volume, at + duration - 0.03);
  gain.gain.linearRampToValueAtTime(0, at + duration);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start(at);
  oscillator.stop(at + duration + 0.02);
}

/** `foreign`: a readable tag that does not belong here (pickup) — a siren, unlike a misread's buzz. */
export type ScanSound = 'ok' | 'warning' | 'error' | 'foreign';

export function playScanSound(sound: ScanSound): void {
  try {
    const audio = context();
    if (!audio) return;
    if (sound === 'ok') {
      tone(audio, { frequency: 880, start: 0, duration: 0.09, type: 'sine', volume: 0.25 });
      tone(audio, { frequency: 1320, start: 0.1, duration: 0.12, type: 'sine', volume: 0.25 });
    } else if (sound === 'warning') {
      tone(audio, { frequency: 520, start: 0, duration: 0.1, type: 'triangle', volume: 0.3 });
      tone(audio, { frequency: 520, start: 0.16, duration: 0.1, type: 'triangle', volume: 0.3 });
    } else if (sound === 'foreign') {
      for (const [index, frequency] of [990, 620, 990, 620].entries()) {
        tone(audio, { frequency, start: index * 0.13, duration: 0.12, type: 'sawtooth', volume: 0.12 });
      }
    } else {
      tone(audio, { frequency: 140, start: 0, duration: 0.4, type: 'square', volume: 0.15 });
    }
  } catch {
    // sound is a bonus: never let it break a scan
  }
}
