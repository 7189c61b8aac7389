/** Per-vital alarm limits with delay and hysteresis (a bedside monitor's behaviour). Pure. */
import { VITALS } from '../common/vital-kinds.js';

export type Priority = 'high' | 'medium' | 'low';

export interface LimitRule {
  /** Vital key (see services/common/vital-kinds.ts). */
  vital: string;
  low?: number | undefined;
  high?: number | undefined;
  priority: Priority;
  /** The condition must persist this long (event time) ... @defaultValue 10_000 (ms) */
  delayMs: number;
  /** ... and for this many consecutive samples before the alarm fires. @defaultValue 1 */
  delaySamples: number;
  /** Clears only once the value is this far back inside the limit. */
  hysteresis: number;
}

/** Typical adult monitor defaults, from the vital catalogue (DESIGN.md, "Clinical reference"). */
export const DEFAULT_RULES: readonly LimitRule[] = VITALS.flatMap((v) => (v.limit ? [{ vital: v.key, ...v.limit }] : []));

export type Direction = 'low' | 'high';

export interface LimitState {
  /** Violation seen since (event time ms) and how many samples in a row; null when inside limits. */
  since: number | null;
  count: number;
  alarming: boolean;
}

export const initialLimitState = (): LimitState => ({ since: null, count: 0, alarming: false });

export type LimitTransition = { type: 'raise'; value: number; threshold: number; at: number } | { type: 'clear'; value: number; at: number } | null;

/**
 * Feeds one sample (value at event time `at`) to the state of one rule and direction.
 * Returns the transition it causes, if any; the state is updated in place.
 */
export function stepLimit(rule: LimitRule, dir: Direction, state: LimitState, value: number, at: number): LimitTransition {
  const threshold = dir === 'low' ? rule.low : rule.high;
  if (threshold === undefined) return null;
  const violating = dir === 'low' ? value < threshold : value > threshold;
  if (state.alarming) {
    const cleared = dir === 'low' ? value >= threshold + rule.hysteresis : value <= threshold - rule.hysteresis;
    if (cleared) {
      state.alarming = false;
      state.since = null;
      state.count = 0;
      return { type: 'clear', value, at };
    }
    return null;
  }
  if (!violating) {
    state.since = null;
    state.count = 0;
    return null;
  }
  if (state.since === null || at < state.since) state.since = at;
  state.count++;
  if (at - state.since >= rule.delayMs && state.count >= rule.delaySamples) {
    state.alarming = true;
    return { type: 'raise', value, threshold, at };
  }
  return null;
}

/** Applies per-patient overrides (only the fields given) to the defaults. */
export function rulesFor(defaults: readonly LimitRule[], overrides: Partial<Record<string, Partial<Omit<LimitRule, 'vital'>>>> | undefined): LimitRule[] {
  return defaults.map((r) => ({ ...r, ...(overrides?.[r.vital] ?? {}) }));
}
