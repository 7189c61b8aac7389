// Kafka ACLs from the one table in infra/kafka/acls.json (issue 16): resolves its logical
// names (topics, groups) to real ones and creates, prunes or removes the bindings with an
// admin client. Used by the local stack (infra/local/kafka-acls.ts) and by the test helpers,
// which grant the same rows on their own unique topic names.
import { readFileSync } from 'node:fs';
import type { Admin } from 'kafkajs';

export interface AclTable {
  principals: string[];
  names: Record<string, { type: 'topic' | 'group'; config?: string; default: string; prefixed?: boolean }>;
  acls: { principal: string; name: string; operations: string[] }[];
}

/** One ACL binding, in kafkajs' numeric enums (CJS enums, not ESM named exports). */
export interface AclBinding {
  principal: string;
  resourceType: number;
  resourceName: string;
  resourcePatternType: number;
  operation: number;
  permissionType: number;
  host: string;
}

const RESOURCE = { topic: 2, group: 3 } as const;
const PATTERN = { any: 1, literal: 3, prefixed: 4 } as const;
const ALLOW = 3;
const OPERATIONS: Record<string, number> = { Read: 3, Write: 4, Create: 5, Delete: 6, Alter: 7, Describe: 8, DescribeConfigs: 10, AlterConfigs: 11 };

export const ACL_TABLE_FILE = new URL('../../infra/kafka/acls.json', import.meta.url);

export function loadAclTable(file: URL | string = ACL_TABLE_FILE): AclTable {
  const table = JSON.parse(readFileSync(file, 'utf8')) as AclTable;
  for (const row of table.acls) {
    if (!table.principals.includes(row.principal)) throw new Error(`acls.json: unknown principal ${row.principal}`);
    if (!table.names[row.name]) throw new Error(`acls.json: unknown name ${row.name}`);
    for (const op of row.operations) if (!OPERATIONS[op]) throw new Error(`acls.json: unknown operation ${op}`);
  }
  return table;
}

/** The real names: `overrides` (logical name -> real name), else the env key of the name, else its default. */
export function resolveNames(table: AclTable, env: Record<string, string | undefined> = {}, overrides: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(table.names).map(([key, n]) => [key, overrides[key] ?? (n.config ? env[n.config] : undefined) ?? n.default]));
}

/** The bindings of `table` (optionally only `principals`, only the `names` given) on the resolved names. */
export function aclBindings(table: AclTable, names: Record<string, string>, only?: { principals?: string[]; names?: string[] }): AclBinding[] {
  const out: AclBinding[] = [];
  for (const row of table.acls) {
    if (only?.principals && !only.principals.includes(row.principal)) continue;
    if (only?.names && !only.names.includes(row.name)) continue;
    const n = table.names[row.name]!;
    for (const op of row.operations) {
      out.push({
        principal: `User:${row.principal}`, resourceType: RESOURCE[n.type], resourceName: names[row.name]!,
        resourcePatternType: n.prefixed ? PATTERN.prefixed : PATTERN.literal, operation: OPERATIONS[op]!, permissionType: ALLOW, host: '*',
      });
    }
  }
  return out;
}

const keyOf = (b: AclBinding) => [b.principal, b.resourceType, b.resourceName, b.resourcePatternType, b.operation, b.permissionType, b.host].join('|');

/** Creates `bindings` (creating an existing ACL is a no-op in Kafka: idempotent). */
export async function createAcls(admin: Admin, bindings: AclBinding[]): Promise<void> {
  if (bindings.length > 0) await admin.createAcls({ acl: bindings as never });
}

/** Deletes exactly these bindings. */
export async function deleteAcls(admin: Admin, bindings: AclBinding[]): Promise<void> {
  if (bindings.length > 0) await admin.deleteAcls({ filters: bindings as never });
}

/**
 * Deletes the bindings of the table's principals on the table's resolved names that the
 * table no longer grants (a row or an operation removed); bindings on other names (a
 * running test's own topics) are left alone. Returns how many were deleted.
 */
export async function pruneAcls(admin: Admin, table: AclTable, names: Record<string, string>, desired: AclBinding[]): Promise<number> {
  const want = new Set(desired.map(keyOf));
  const managed = new Set(Object.values(names));
  const stale: AclBinding[] = [];
  for (const principal of table.principals) {
    const { resources } = await admin.describeAcls({ resourceType: 1, resourcePatternType: PATTERN.any, principal: `User:${principal}`, operation: 1, permissionType: 1 } as never);
    for (const r of resources) {
      if (!managed.has(r.resourceName)) continue;
      for (const a of r.acls) {
        const b: AclBinding = { principal: a.principal, resourceType: r.resourceType, resourceName: r.resourceName, resourcePatternType: r.resourcePatternType, operation: a.operation, permissionType: a.permissionType, host: a.host };
        if (!want.has(keyOf(b))) stale.push(b);
      }
    }
  }
  await deleteAcls(admin, stale);
  return stale.length;
}
