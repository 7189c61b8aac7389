// People's named accounts (issue 15): the compacted accounts topic (key = username) read at
// start and followed, so every API replica knows every account and each disable at once.
import type { Kafka, Producer } from 'kafkajs';
import type { Logger } from '../common/logger.js';
import type { Role } from './principal.js';
import { followTopic } from './topic-follower.js';

export const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{2,63}$/;
export const WARD_RE = /^[A-Za-z0-9._-]{1,64}$/;

export interface Account {
  username: string;
  role: Role;
  /** Clinicians: the wards they work on; operators: 'all'. */
  wards: string[] | 'all';
  /** `scrypt$N$r$p$salt$hash` (services/api/passwords.ts); never leaves this module's callers in a response. */
  passwordHash: string;
  disabled: boolean;
  /** Sessions issued before this time (ms) are void: sign-out and disable move it. */
  sessionsValidFrom: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

/** What an API response or an audit entry may show of an account: no hash. */
export const publicAccount = (a: Account) => ({ username: a.username, role: a.role, wards: a.wards, disabled: a.disabled, createdAt: a.createdAt, createdBy: a.createdBy, updatedAt: a.updatedAt });

export interface AccountStore {
  get(username: string): Account | undefined;
  list(): Account[];
  /** Durably written (acks = all) before it is applied here and before this resolves. */
  put(account: Account): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createAccountStore(deps: { kafka: Kafka; producer: Producer; topic: string; groupId: string; log: Logger }): AccountStore {
  const accounts = new Map<string, Account>();
  const apply = (a: Account) => {
    const cur = accounts.get(a.username);
    // Replayed or late records never undo a newer state (e.g. re-enable a disabled account).
    if (cur && cur.updatedAt > a.updatedAt) return;
    accounts.set(a.username, a);
  };
  const follower = followTopic({
    kafka: deps.kafka, topic: deps.topic, groupId: deps.groupId, log: deps.log,
    onRecord: (key, value) => {
      if (!value) { accounts.delete(key); return; }
      const a = JSON.parse(value.toString()) as Account;
      if (a.username !== key || !USERNAME_RE.test(key) || (a.role !== 'clinician' && a.role !== 'operator') || typeof a.passwordHash !== 'string') {
        deps.log.warn({ key }, 'account record ignored');
        return;
      }
      apply(a);
    },
  });
  return {
    get: (u) => accounts.get(u),
    list: () => [...accounts.values()].sort((a, b) => a.username.localeCompare(b.username)),
    async put(a) {
      await deps.producer.send({ topic: deps.topic, acks: -1, messages: [{ key: a.username, value: JSON.stringify(a) }] });
      apply(a);
    },
    start: () => follower.start(),
    stop: () => follower.stop(),
  };
}
