import type { StackEndpoints } from './stack.js';

async function api(s: StackEndpoints, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${s.influx.url}${path}`, {
    method,
    headers: { Authorization: `Token ${s.influx.token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`InfluxDB ${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

/** Creates a bucket for one test; returns its name and a function that deletes it. */
export async function tempBucket(s: StackEndpoints, name: string): Promise<{ bucket: string; remove: () => Promise<void> }> {
  const orgs = (await api(s, 'GET', `/api/v2/orgs?org=${encodeURIComponent(s.influx.org)}`)) as { orgs: { id: string }[] };
  const orgID = orgs.orgs[0]?.id;
  if (!orgID) throw new Error(`InfluxDB org ${s.influx.org} not found`);
  const created = (await api(s, 'POST', '/api/v2/buckets', { orgID, name, retentionRules: [] })) as { id: string };
  return { bucket: name, remove: async () => { await api(s, 'DELETE', `/api/v2/buckets/${created.id}`); } };
}
