// The agent's alert preferences, kept per browser: a sound and a desktop notification when a
// customer writes in a conversation they may answer.
import { readKept, writeKept } from './kept-value.ts';
export interface AlertPrefs {
  sound: boolean;
  desktop: boolean;
}

const KEY = 'parley:alerts';
export const DEFAULT_ALERTS: AlertPrefs = { sound: true, desktop: true };

export function loadAlertPrefs(storage?: Pick<Storage, 'getItem'>): AlertPrefs {
  const v = readKept(KEY, storage) as Partial<AlertPrefs> | null;
  return {
    sound: typeof v?.sound === 'boolean' ? v.sound : DEFAULT_ALERTS.sound,
    desktop: typeof v?.desktop === 'boolean' ? v.desktop : DEFAULT_ALERTS.desktop,
  };
}

export const saveAlertPrefs = (p: AlertPrefs, storage?: Pick<Storage, 'setItem'>): void =>
  writeKept(KEY, p, storage);

/** A short two-tone chime through Web Audio: no sound file to fetch, nothing a CSP blocks. */
export function playChime(): void {
  const Ctx = globalThis.AudioContext;
  if (!Ctx) return;
  const ctx = new Ctx();
  const at = ctx.currentTime;
  for (const [i, hz] of [880, 1320].entries()) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = hz;
    gain.gain.setValueAtTime(0.0001, at + i * 0.12);
    gain.gain.exponentialRampToValueAtTime(0.2, at + i * 0.12 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + i * 0.12 + 0.25);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at + i * 0.12);
    osc.stop(at + i * 0.12 + 0.3);
  }
  setTimeout(() => void ctx.close(), 800);
}
