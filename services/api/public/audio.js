// @ts-check
// Audible alarm signals, in the spirit of IEC 60601-1-8 (6.3.3): a distinct burst per
// priority, repeated while an unacknowledged alarm of that priority exists.
//   high:   10 pulses (3 + 2, pause, 3 + 2), repeated every 5 s
//   medium: 3 pulses, repeated every 10 s
//   low:    2 pulses, repeated every 30 s
// AUDIO PAUSED is time-limited (2 min, with a countdown); alarms stay visible meanwhile, and
// a new high-priority alarm ends the pause. Browsers start audio only after a user gesture:
// the sign-in click (or any click) unlocks it.
import { $, PRIO, state } from './util.js';

const AUDIO = {
  high: { pulses: [0, 0.25, 0.5, 1.0, 1.25, 2.25, 2.5, 2.75, 3.25, 3.5], freq: 880, repeatMs: 5000 },
  medium: { pulses: [0, 0.35, 0.7], freq: 660, repeatMs: 10000 },
  low: { pulses: [0, 0.5], freq: 440, repeatMs: 30000 },
};
const AUDIO_PAUSE_MS = 120_000;
const audio = { ctx: null, pausedUntil: 0, last: { high: 0, medium: 0, low: 0 }, sounding: null, bursts: [], highIds: new Set() };
/** @type {any} */ (window).__alarmAudio = audio; // for the end-to-end test and for support: what is sounding, what played

export function unlockAudio() {
  if (audio.ctx) { if (audio.ctx.state === 'suspended') audio.ctx.resume().catch(() => undefined); return; }
  const Ctx = window.AudioContext || /** @type {any} */ (window).webkitAudioContext;
  if (Ctx) audio.ctx = new Ctx();
}

/** @param {'high' | 'medium' | 'low'} priority */
function burst(priority) {
  const spec = AUDIO[priority];
  audio.bursts.push({ priority, at: Date.now() });
  if (audio.bursts.length > 50) audio.bursts.shift();
  if (!audio.ctx) return;
  const t0 = audio.ctx.currentTime + 0.05;
  for (const offset of spec.pulses) {
    const osc = audio.ctx.createOscillator();
    const gain = audio.ctx.createGain();
    osc.type = 'square';
    osc.frequency.value = spec.freq;
    // 150 ms pulses with 20 ms rise and fall, as the standard's pulse shape asks.
    gain.gain.setValueAtTime(0, t0 + offset);
    gain.gain.linearRampToValueAtTime(0.2, t0 + offset + 0.02);
    gain.gain.setValueAtTime(0.2, t0 + offset + 0.13);
    gain.gain.linearRampToValueAtTime(0, t0 + offset + 0.15);
    osc.connect(gain).connect(audio.ctx.destination);
    osc.start(t0 + offset);
    osc.stop(t0 + offset + 0.16);
  }
}

/** The highest priority among alerts that call for a signal: open (not acknowledged), physiological or technical. */
function soundingPriority() {
  let top = 0;
  const high = new Set();
  for (const p of state.patients.values()) {
    for (const a of [...p.alerts, ...(p.technicalAlerts || [])]) {
      if (a.state !== 'open') continue;
      top = Math.max(top, PRIO[a.priority] || 0);
      if (a.priority === 'high') high.add(a.id);
    }
  }
  if (state.monitoring.state === 'interrupted') top = Math.max(top, PRIO.medium);
  // A new high-priority alarm ends an audio pause (it was not there when the pause was chosen).
  if (audio.pausedUntil > Date.now() && [...high].some((id) => !audio.highIds.has(id))) audio.pausedUntil = 0;
  audio.highIds = high;
  return top === 3 ? 'high' : top === 2 ? 'medium' : top === 1 ? 'low' : null;
}

function audioTick() {
  const now = Date.now();
  const priority = soundingPriority();
  audio.sounding = priority;
  const btn = $('#audio-pause');
  if (btn) {
    const left = audio.pausedUntil - now;
    btn.classList.toggle('paused', left > 0);
    btn.textContent = left > 0 ? `Audio paused ${Math.floor(left / 60000)}:${String(Math.ceil(left / 1000) % 60).padStart(2, '0')}` : 'Pause audio';
  }
  if (!priority || audio.pausedUntil > now) return;
  if (now - audio.last[priority] >= AUDIO[priority].repeatMs) {
    audio.last[priority] = now;
    burst(priority);
  }
}
setInterval(audioTick, 250);

/** The AUDIO PAUSED button: pauses for 2 minutes, or ends a pause. */
export function toggleAudioPause() {
  audio.pausedUntil = audio.pausedUntil > Date.now() ? 0 : Date.now() + AUDIO_PAUSE_MS;
  audioTick();
}
