// The commands the API sends the alert worker (acknowledge, resolve, limits, observations,
// SpO2 scale, discharge): every route sends through `sendCommand`, whose one encoding is the
// alert contract's (vitals.v1.AlertCommand, services/common/alert-contract-commands.ts).
import type { Producer } from 'kafkajs';
import { encodeCommand, type AlertCommand } from '../common/alert-contract-commands.js';

export type { AlertCommand, LimitOverride } from '../common/alert-contract-commands.js';

/** Sends one command, keyed by patient (in order with the patient's readings), acks = all. */
export type CommandSender = (cmd: AlertCommand) => Promise<void>;

export async function sendCommand(producer: Pick<Producer, 'send'>, topic: string, cmd: AlertCommand): Promise<void> {
  await producer.send({ topic, acks: -1, messages: [{ key: cmd.patientId, value: encodeCommand(cmd) }] });
}

/** A sender bound to the producer and the commands topic, for the route plugins. */
export const commandSender = (producer: Pick<Producer, 'send'>, topic: string): CommandSender => (cmd) => sendCommand(producer, topic, cmd);
