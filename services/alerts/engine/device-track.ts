/** A device's track in a patient's state: found or made, and its clock against the pipeline's. */
import type { DeviceTrack, PatientState } from './types.js';

/**
 * The device clock's offset against receive time, from batches that arrived at the device's
 * own pace (a backlog delivered at once after an outage says nothing about the clock). The
 * median of the last five: one odd batch (a glitch stamped in the future) does not move it.
 */
export function trackClock(track: DeviceTrack, sentAt: number, receivedAt: number): number {
  const paced = track.lastReceivedAt === undefined || track.lastSentAt === undefined || sentAt <= track.lastSentAt
    || receivedAt - track.lastReceivedAt >= 0.5 * (sentAt - track.lastSentAt);
  if (paced) {
    const offsets = (track.offsets ??= []);
    offsets.push(sentAt - receivedAt);
    if (offsets.length > 5) offsets.shift();
    // Fewer than three: not enough to judge a clock by.
    track.clockOffsetMs = offsets.length >= 3 ? [...offsets].sort((a, b) => a - b)[Math.floor(offsets.length / 2)]! : 0;
  }
  track.lastReceivedAt = Math.max(track.lastReceivedAt ?? 0, receivedAt);
  track.lastSentAt = Math.max(track.lastSentAt ?? 0, sentAt);
  return track.clockOffsetMs ?? 0;
}

export function trackFor(s: PatientState, deviceId: string, at: number): DeviceTrack {
  let t = s.devices[deviceId];
  if (!t) { t = { lastSeen: at, online: true, statusAt: 0, seen: [] }; s.devices[deviceId] = t; }
  return t;
}
