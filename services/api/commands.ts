// The commands the API sends the alert worker (acknowledge, resolve, limits, observations,
// SpO2 scale, discharge) and their ONE encoding: every route sends through `sendCommand`, so
// changing the wire format (JSON today, a proto codec per issue 13) is a change here only.
import type { Producer } from 'kafkajs';

export type Vital = string;
export interface LimitOverride { low?: number; high?: number; delayMs?: number; delaySamples?: number; hysteresis?: number; priority?: 'high' | 'medium' | 'low' }

export type AlertCommand =
  | { type: 'acknowledge' | 'resolve'; patientId: string; alertId: string; by: string; at: number }
  | { type: 'limits'; patientId: string; overrides: Partial<Record<Vital, LimitOverride>> }
  | { type: 'observation'; patientId: string; consciousness?: 'A' | 'C' | 'V' | 'P' | 'U' | undefined; supplementalOxygen?: boolean | undefined; by: string; at: number }
  | { type: 'spo2-scale'; patientId: string; scale: 1 | 2; reason: string; by: string; at: number }
  | { type: 'discharge'; patientId: string; by: string; at: number };

/** Sends one command, keyed by patient (in order with the patient's readings), acks = all. */
export type CommandSender = (cmd: AlertCommand) => Promise<void>;

export async function sendCommand(producer: Pick<Producer, 'send'>, topic: string, cmd: AlertCommand): Promise<void> {
  await producer.send({ topic, acks: -1, messages: [{ key: cmd.patientId, value: JSON.stringify(cmd) }] });
}

/** A sender bound to the producer and the commands topic, for the route plugins. */
export const commandSender = (producer: Pick<Producer, 'send'>, topic: string): CommandSender => (cmd) => sendCommand(producer, topic, cmd);
