// Whether Mosquitto is back at rest after a load: with nothing published, a broker that still
// saves its store is working off a backlog (issue 17, latency). Mosquitto (2.0.11 and 2.0.21) reads one
// packet per readable connection per event-loop pass (src/mux_epoll.c:294-300 at v2.0.11) and, with
// `autosave_on_changes` and `autosave_interval 1`, saves its whole store (fsync included) in
// every pass that saw a change (src/loop.c:211-216); each PUBACK of a subscriber is a change
// (src/database.c:378-380). So one subscriber connection's PUBACKs are read at most once per
// save; when the saves are slower than the messages come, the unread PUBACKs pile up, the store
// (every message not yet acknowledged to the broker) grows, each save takes longer and fewer
// PUBACKs are read. 2.0.11 does not hold the in-flight window either (a PUBACK moves up to
// max_inflight_messages queued messages into flight, whatever is already in flight:
// db__message_delete_outgoing, src/database.c:358-376, upstream #2306, fixed in 2.0.13), so the
// subscriber still receives everything (the drain check passes) while the broker's backlog of
// unread PUBACKs grows for the rest of the run. A step "passed" that way was not sustained.
// 2.0.21 (`VITALS_MOSQUITTO=2.0.21`, evaluated on 2026-12-01, not the default) holds the
// window: past its rate the subscriber gets less, and the drain check fails as well
// (docs/scaling.md, "The broker").
import { statSync } from 'node:fs';
import { savesSince } from './usage.js';

export interface BrokerSettle {
  /** True when the broker saved nothing for `quietMs` before the timeout. */
  settled: boolean;
  /** From the call until the start of the quiet period (or the timeout), ms. */
  settleMs: number;
  /** Saves the broker made while settling (each one a change: a PUBACK read, a message queued...). */
  saves: number;
  /** Store file at the call and at the end, KB (it holds every message not yet acknowledged to the broker). */
  storeKbBefore: number;
  storeKbAfter: number;
}

/** One poll: time (ms) and the broker's save count so far. */
export interface SavePoll { at: number; saves: number }

/**
 * The settle decision from the polls so far: settled once no save came for `quietMs`
 * (the time of the last poll that saw a new save is when the backlog ended).
 */
export function settleFrom(polls: SavePoll[], quietMs: number): { settled: boolean; lastSaveAt: number } {
  if (polls.length === 0) return { settled: false, lastSaveAt: 0 };
  let lastSaveAt = polls[0]!.at;
  for (let i = 1; i < polls.length; i++) if (polls[i]!.saves > polls[i - 1]!.saves) lastSaveAt = polls[i]!.at;
  return { settled: polls.at(-1)!.at - lastSaveAt >= quietMs, lastSaveAt };
}

const kb = (f: string) => { try { return Math.round(statSync(f).size / 1024); } catch { return 0; } };

/**
 * Waits, with nothing published, until the broker saved nothing for `quietMs` (it is at rest:
 * its subscribers' PUBACKs are all read), at most `timeoutMs`. `log` and `store`: Mosquitto's
 * log (its "Saving in-memory database" lines) and save file.
 */
export async function brokerSettle(log: string, store: string, opts: { quietMs?: number; timeoutMs: number; pollMs?: number }): Promise<BrokerSettle> {
  const quietMs = opts.quietMs ?? 1000, pollMs = opts.pollMs ?? 250;
  const t0 = Date.now();
  const from = statSync(log).size;
  const storeKbBefore = kb(store);
  const polls: SavePoll[] = [{ at: t0, saves: 0 }];
  for (;;) {
    await new Promise((r) => setTimeout(r, pollMs));
    polls.push({ at: Date.now(), saves: savesSince(from, log) });
    const s = settleFrom(polls, quietMs);
    const timedOut = Date.now() - t0 >= opts.timeoutMs;
    if (s.settled || timedOut) {
      return { settled: s.settled, settleMs: (s.settled ? s.lastSaveAt : Date.now()) - t0, saves: polls.at(-1)!.saves, storeKbBefore, storeKbAfter: kb(store) };
    }
  }
}
