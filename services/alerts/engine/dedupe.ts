/** De-duplication of QoS 1 redeliveries and Kafka replays per (device, boot, sequence). */
import type { DeviceTrack } from './types.js';

/**
 * Whether `seq` is among the device's recent sequences; if not, remembers it. Sequences
 * more than `window` below the highest seen are forgotten (and count as new again).
 */
export function isDuplicate(track: DeviceTrack, seq: number, window: number): boolean {
  if (track.seqs) { // state from before ranges
    track.seen = [];
    for (const q of track.seqs) addSeq(track.seen, q);
    delete track.seqs;
  }
  track.seen ??= [];
  if (!addSeq(track.seen, seq)) return true;
  const r = track.seen;
  const floor = r[r.length - 1]![1] - window + 1;
  while (r.length > 0 && r[0]![1] < floor) r.shift();
  if (r[0] && r[0][0] < floor) r[0][0] = floor;
  return false;
}

/** Adds `seq` to sorted disjoint ranges, merging neighbours; false if it was there. */
function addSeq(r: [number, number][], seq: number): boolean {
  let i = r.length; // first range that starts after seq (recent sequences are at the end)
  while (i > 0 && r[i - 1]![0] > seq) i--;
  const prev = r[i - 1];
  if (prev && seq <= prev[1]) return false;
  const next = r[i];
  const joinPrev = prev !== undefined && prev[1] === seq - 1;
  const joinNext = next !== undefined && next[0] === seq + 1;
  if (joinPrev && joinNext) { prev[1] = next[1]; r.splice(i, 1); }
  else if (joinPrev) prev[1] = seq;
  else if (joinNext) next[0] = seq;
  else r.splice(i, 0, [seq, seq]);
  return true;
}

/**
 * De-duplication per (device, boot, sequence). A new boot id starts a new sequence space; a
 * device without boot ids that restarts (a sequence at or under half its highest, with a
 * sent-at newer than any seen: a redelivery carries its original sent-at) is recognised as
 * rebooted. The previous boot's sequences are kept, so its late redeliveries stay duplicates.
 */
export function isDuplicateBatch(track: DeviceTrack, batch: { sequence: number; sentAtMs: number; bootId?: string }, window: number): boolean {
  const seq = batch.sequence;
  const sentAt = batch.sentAtMs;
  track.seen ??= [];
  if (batch.bootId) {
    if (track.boot === undefined && track.seen.length === 0) { track.boot = batch.bootId; track.bootStartedAt = sentAt; }
    if (batch.bootId !== track.boot) {
      if (track.prevBoot?.boot === batch.bootId) return isDuplicate(prevAsTrack(track.prevBoot), seq, window);
      newBoot(track, batch.bootId, sentAt);
    }
  } else {
    const max = track.seen.length > 0 ? track.seen[track.seen.length - 1]![1] : 0;
    if (track.prevBoot && track.bootStartedAt !== undefined && sentAt < track.bootStartedAt && track.boot?.startsWith('auto:')) {
      return isDuplicate(prevAsTrack(track.prevBoot), seq, window); // from before the detected restart
    }
    if (max > 0 && seq <= Math.ceil(max / 2) && sentAt > (track.maxSentAt ?? Infinity)) newBoot(track, `auto:${sentAt}`, sentAt);
  }
  if (isDuplicate(track, seq, window)) return true;
  track.maxSentAt = Math.max(track.maxSentAt ?? 0, sentAt);
  return false;
}
/** A new boot of the device (first batch sent at `sentAt`): the current one's sequences become the previous boot's. */
function newBoot(track: DeviceTrack, boot: string, sentAt: number): void {
  track.prevBoot = { boot: track.boot ?? '', seen: track.seen, startedAt: track.bootStartedAt ?? 0 };
  track.boot = boot;
  track.seen = [];
  track.bootStartedAt = sentAt;
}
const prevAsTrack = (p: NonNullable<DeviceTrack['prevBoot']>): DeviceTrack => ({ lastSeen: 0, online: true, statusAt: 0, seen: p.seen });
