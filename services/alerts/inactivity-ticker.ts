import { Gauge, type Registry } from 'prom-client';
import type { Logger } from '../common/logger.js';
import { needsTick, onTick, type AlertRecord, type EngineConfig } from './engine.js';
import type { PatientStates } from './patient-states.js';

export interface InactivityTickerDeps {
  tickMs: number;
  engine: EngineConfig;
  memory: Pick<PatientStates, 'states' | 'begin' | 'rollback' | 'sweep' | 'openAlerts'>;
  exclusive: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Publishes the changes and persists the patients (the worker's emit). */
  emit: (changes: AlertRecord[], dirty: Set<string>) => Promise<void>;
  /** Assigned, loaded and taking work. */
  active: () => boolean;
  /** Whether silence in the data is the devices' (see assignment.ts). */
  canJudgeSilence: () => boolean;
  registry: Registry;
  log: Logger;
  now: () => number;
}

/**
 * Time-driven alarms: once per tick, device inactivity (offline), acknowledgement expiry and
 * escalation for every patient that needs it, and the bounded-memory sweep. Inactivity is
 * judged only when the worker is caught up and reaching Kafka: a backlog or a broker outage
 * must not look like silent devices.
 */
export function createInactivityTicker(deps: InactivityTickerDeps) {
  const openGauge = new Gauge({ name: 'vitals_alerts_open_alerts', help: 'Alerts open or acknowledged', registers: [deps.registry] });
  const { memory, exclusive, engine } = deps;
  let ticking = false;
  let timer: NodeJS.Timeout | null = null;

  async function tick(): Promise<void> {
    // Once per tick rather than per batch: it walks every patient.
    openGauge.set(memory.openAlerts());
    // Bounded memory whether caught up or not (a flood of patient ids is a backlog too).
    if (!ticking && deps.active()) await exclusive(async () => { if (deps.active()) await memory.sweep(); }).catch((err: unknown) => deps.log.warn({ err }, 'patient eviction failed; retried next tick'));
    // Only when caught up: a backlog of unprocessed vitals must not look like silence.
    if (ticking || !deps.canJudgeSilence()) return;
    ticking = true;
    try {
      await exclusive(async () => {
        if (!deps.canJudgeSilence()) return; // a reassignment or a failure came in while waiting
        const t = deps.now();
        const undo = memory.begin();
        const changes: AlertRecord[] = [];
        const dirty = new Set<string>();
        for (const s of [...memory.states.values()]) {
          if (!needsTick(s, engine, t)) continue;
          undo.touched.add(s.patientId);
          changes.push(...onTick(s, engine, t));
          dirty.add(s.patientId); // a device marked offline is a change to persist, alert or not
        }
        try {
          await deps.emit(changes, dirty);
        } catch (err) {
          memory.rollback(undo); // re-derived at a later tick, with the same alert ids
          throw err;
        }
      });
    } finally {
      ticking = false;
    }
  }

  return {
    tick,
    start(): void {
      timer = setInterval(() => { tick().catch((err: unknown) => deps.log.warn({ err }, 'inactivity check failed')); }, deps.tickMs);
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
