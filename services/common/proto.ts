// The generated wire contract (proto/gen, from proto/vitals/v1) re-exported with short names.
import $protobuf from 'protobufjs/minimal.js';
import { vitals } from '../../proto/gen/vitals.js';

// 64-bit fields (times in ms, sequences) decode to plain numbers, not Long objects: every
// value the contract carries fits in 2^53, and validation rejects any that does not.
$protobuf.util.Long = undefined as unknown as typeof $protobuf.util.Long;
$protobuf.configure();

export const VitalsBatch = vitals.v1.VitalsBatch;
export type VitalsBatch = vitals.v1.VitalsBatch;
export type VitalsBatchInit = vitals.v1.IVitalsBatch;
export const Sample = vitals.v1.Sample;
export type Sample = vitals.v1.Sample;
export type SampleInit = vitals.v1.ISample;
export const DeviceStatus = vitals.v1.DeviceStatus;
export type DeviceStatus = vitals.v1.DeviceStatus;
export type DeviceStatusInit = vitals.v1.IDeviceStatus;
export const Alert = vitals.v1.Alert;
export type Alert = vitals.v1.Alert;
export type AlertInit = vitals.v1.IAlert;
export const VitalKind = vitals.v1.VitalKind;
export type VitalKind = vitals.v1.VitalKind;
export const DeviceState = vitals.v1.DeviceState;
export type DeviceState = vitals.v1.DeviceState;
export const AlertPriority = vitals.v1.AlertPriority;
export type AlertPriority = vitals.v1.AlertPriority;
export const AlertState = vitals.v1.AlertState;
export type AlertState = vitals.v1.AlertState;
export const AlertCategory = vitals.v1.AlertCategory;
export type AlertCategory = vitals.v1.AlertCategory;
export const AlertCommand = vitals.v1.AlertCommand;
export type AlertCommand = vitals.v1.AlertCommand;
export type AlertCommandInit = vitals.v1.IAlertCommand;
export const Acvpu = vitals.v1.Acvpu;
export type Acvpu = vitals.v1.Acvpu;
