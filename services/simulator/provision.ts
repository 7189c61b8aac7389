// Provisions a simulated fleet through the API (issue 15): admits each device's patient and
// assigns the device to them, as an operator would on the admissions page. Idempotent, so a
// restarted simulator (or a benchmark run again) finds its fleet already in place.
import { deviceIdFor, patientIdFor } from '../common/device-credentials.js';

export interface ProvisionOptions {
  /** The API's base URL, e.g. http://127.0.0.1:8080. */
  apiUrl: string;
  /** An operator bearer token (from the environment or a file, never the command line). */
  token: string;
  /** Index of the first device (dev-00001 is 1). */
  first: number;
  count: number;
  /** Ward of the admitted patients. @defaultValue 'demo-ward' */
  ward?: string;
  /** The assignment starts this long before now, so readings measured just before count. @defaultValue 600_000 (ms) */
  backdateMs?: number;
  /** Requests in flight at once. @defaultValue 8 */
  concurrency?: number;
}

export interface ProvisionSummary { admitted: number; assigned: number; unchanged: number }

export async function provisionFleet(o: ProvisionOptions): Promise<ProvisionSummary> {
  const summary: ProvisionSummary = { admitted: 0, assigned: 0, unchanged: 0 };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(new URL(path, o.apiUrl), {
      method,
      headers: { Authorization: `Bearer ${o.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    return { status: res.status, json };
  };
  const one = async (index: number) => {
    const deviceId = deviceIdFor(index);
    const patientId = patientIdFor(index);
    const admitted = await call('POST', '/api/v1/admissions', { patientId, displayName: `Demo patient ${index}`, ward: o.ward ?? 'demo-ward', bed: String(index) });
    if (admitted.status === 201) summary.admitted++;
    else if (admitted.status !== 409) throw new Error(`admit ${patientId}: HTTP ${admitted.status} ${String(admitted.json.message ?? '')}`);
    const current = await call('GET', `/api/v1/assignments/${deviceId}`);
    const history = (current.json.history ?? []) as { patientId: string; to: string | null }[];
    if (current.status === 200 && history.some((h) => h.patientId === patientId && h.to === null)) { summary.unchanged++; return; }
    const from = new Date(Date.now() - (o.backdateMs ?? 600_000)).toISOString();
    const assigned = await call('POST', '/api/v1/assignments', { deviceId, patientId, from });
    if (assigned.status !== 201) throw new Error(`assign ${deviceId} to ${patientId}: HTTP ${assigned.status} ${String(assigned.json.message ?? '')}`);
    summary.assigned++;
  };
  const indexes = Array.from({ length: o.count }, (_, i) => o.first + i);
  const workers = Array.from({ length: Math.min(o.concurrency ?? 8, indexes.length) }, async () => {
    for (let next = indexes.shift(); next !== undefined; next = indexes.shift()) await one(next);
  });
  await Promise.all(workers);
  return summary;
}
