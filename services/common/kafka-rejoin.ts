// A consumer that crashes while Kafka is down cannot leave its group (the LeaveGroup request
// fails with the broker), and kafkajs 2.2.4 then starts over with a new ConsumerGroup whose
// first JoinGroup carries no member id: its own restart (consumer/index.js `start`) and the
// services' replacement (replaceConsumer) alike. The coordinator that comes back reloads the
// group with the old member from its log, and a classic group's rebalance waits for every
// known member: the new member got no partition until the old one's session expired (the
// writer's 20 s; issue 17, fault "stop kafka 60 s" recovered in 20.2 s; the broker logs
// "Member ... has failed, removing it from the group" 20 s after it started).
//
// The member id the process could not hand back is the process's own: the next consumer of
// the same group in this process joins with it, and the coordinator takes that as the member
// coming back, with no wait. If the coordinator has dropped the member meanwhile, JoinGroup
// answers UNKNOWN_MEMBER_ID and kafkajs joins afresh (consumerGroup.js `joinAndSync`).
// A dead process's member is not taken over: that is failure detection, and it keeps the
// session timeout it had.
import { createRequire } from 'node:module';

interface ConsumerGroupLike { groupId: string; memberId: string | null }
interface ConsumerGroupProto { joinAndSync(this: ConsumerGroupLike): Promise<void> }
interface RunnerProto { stop(this: { consumerGroup: ConsumerGroupLike | null }): Promise<void> }

/** Member ids a stopped consumer of this process still held (its leave did not go through), per group id. */
const unreturned = new Map<string, string[]>();
/** ConsumerGroups that have made their first join (only a first join takes over a member id). */
const joinedBefore = new WeakSet<object>();
let rejoinPatched = false;

/** Keeps the member id of a consumer that stopped without leaving its group, for the next consumer of that group. */
export function keepMemberId(groupId: string, memberId: string): void {
  const ids = unreturned.get(groupId) ?? [];
  if (!ids.includes(memberId)) ids.push(memberId);
  unreturned.set(groupId, ids);
}

/** A member id of `groupId` that a stopped consumer of this process left behind (each is handed out once), or null. */
export function takeMemberId(groupId: string): string | null {
  const ids = unreturned.get(groupId);
  const id = ids?.shift() ?? null;
  if (ids?.length === 0) unreturned.delete(groupId);
  return id;
}

/**
 * Makes a kafkajs 2.2.4 consumer that follows one which stopped without leaving its group
 * (a crash while Kafka was down) rejoin as that member. Applied once, only to the version it
 * was read in; returns whether the patch is in place.
 */
export function patchKafkaRejoin(): boolean {
  if (rejoinPatched) return true;
  const require = createRequire(import.meta.url);
  const version = (require('kafkajs/package.json') as { version: string }).version;
  if (version !== '2.2.4') return false; // re-read consumerGroup.js and runner.js before carrying this over
  const group = (require('kafkajs/src/consumer/consumerGroup.js') as { prototype: ConsumerGroupProto }).prototype;
  const runner = (require('kafkajs/src/consumer/runner.js') as { prototype: RunnerProto }).prototype;

  const joinAndSync = group.joinAndSync;
  group.joinAndSync = function joinAndSyncAsBefore(this: ConsumerGroupLike) {
    if (!joinedBefore.has(this)) {
      joinedBefore.add(this);
      if (!this.memberId) this.memberId = takeMemberId(this.groupId);
    }
    return joinAndSync.call(this);
  };

  // The runner's stop is the end of its ConsumerGroup (the consumer drops both right after):
  // it leaves the group, and a successful leave clears the member id. One still set was not
  // handed back.
  const stop = runner.stop;
  runner.stop = async function stopKeepingMember(this: { consumerGroup: ConsumerGroupLike | null }) {
    try {
      await stop.call(this);
    } finally {
      const g = this.consumerGroup;
      if (g?.memberId) {
        keepMemberId(g.groupId, g.memberId);
        g.memberId = null; // one user per member id: the stopped group no longer has it
      }
    }
  };
  rejoinPatched = true;
  return true;
}
