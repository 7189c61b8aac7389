/** The NEWS2 alert: scored from the latest value of each parameter, raised, updated or cleared by band. */
import { BAND_ORDER, PARAMETER_NAMES, news2FromSources, type News2Band, type News2Result } from '../../common/news2.js';
import type { Priority } from '../limits.js';
import { clearCondition, emitted, raise } from './records.js';
import type { AlertRecord, EngineConfig, Observed, PatientState } from './types.js';

const BAND_PRIORITY: Record<News2Band, Priority> = { low: 'low', 'low-medium': 'medium', medium: 'medium', high: 'high' };

export function evaluateNews2(s: PatientState, cfg: EngineConfig, deviceId: string): AlertRecord[] {
  let newest = -Infinity;
  for (const k in s.latest) newest = Math.max(newest, s.latest[k]!.at);
  if (newest === -Infinity) return [];
  // Unknown oxygen or consciousness stays unknown (issue 14): the score says it is incomplete.
  const result = news2FromSources(
    { latest: s.latest, observed: { cvpu: flag(s.observed?.consciousness), supplementalOxygen: flag(s.observed?.supplemental_oxygen) }, spo2Scale: s.spo2Scale?.scale ?? 1 },
    { deviceMs: cfg.news2FreshMs, observationMs: cfg.news2ObservationFreshMs }, cfg.news2MinParams);
  if (!result) return [];
  const missing = result.missing.map((m) => PARAMETER_NAMES[m]).join(', ');
  const previous = s.news2?.band ?? 'low';
  const previousMissing = s.news2Missing ?? '';
  s.news2 = { score: result.score, band: result.band };
  s.news2Missing = missing;
  const rose = BAND_ORDER.indexOf(result.band) > BAND_ORDER.indexOf(previous);
  const fell = BAND_ORDER.indexOf(result.band) < BAND_ORDER.indexOf(previous);
  if (rose && result.band !== 'low') {
    const r = raise(s, cfg, { deviceId, kind: 'news2', priority: BAND_PRIORITY[result.band], vital: 'news2', threshold: 0, ...fields(result, missing) }, newest);
    return r ? [r] : [];
  }
  const current = s.alerts.news2;
  if (fell && result.band === 'low') {
    const r = clearCondition(s, cfg, 'news2', newest, result.score);
    return r ? [r] : [];
  }
  if (current && current.state !== 'resolved' && current.conditionActive !== false && (fell || missing !== previousMissing)) {
    const lower = fell && BAND_PRIORITY[result.band] !== current.priority;
    Object.assign(current, { ...fields(result, missing), priority: fell ? BAND_PRIORITY[result.band] : current.priority, updatedAt: Math.max(newest, current.updatedAt) });
    return [emitted(current, lower ? 'priority-lowered' : 'updated')];
  }
  return [];
}

const flag = (o: Observed | undefined) => (o ? { value: o.value >= 0.5, at: o.at } : undefined);

/** The alert's NEWS2 fields and text: built only when an alert takes them (most batches change no band; issue 17). */
function fields(result: News2Result, missing: string) {
  return {
    value: result.score, news2Score: result.score, news2Band: result.band, news2Missing: missing, news2Response: result.response,
    message: `NEWS2 ${result.complete ? '' : 'at least '}${result.score} (${result.band}${result.spo2Scale === 2 ? ', SpO2 scale 2' : ''})${result.complete ? '' : `; incomplete: ${missing} not recorded`}`,
  };
}
