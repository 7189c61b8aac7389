import * as $protobuf from "protobufjs";

/** Namespace vitals. */
export namespace vitals {

    /** Namespace v1. */
    namespace v1 {

        /** VitalKind enum. */
        enum VitalKind {

            /** VITAL_KIND_UNSPECIFIED value */
            VITAL_KIND_UNSPECIFIED = 0,

            /** VITAL_KIND_HEART_RATE value */
            VITAL_KIND_HEART_RATE = 1,

            /** VITAL_KIND_SPO2 value */
            VITAL_KIND_SPO2 = 2,

            /** VITAL_KIND_RESPIRATORY_RATE value */
            VITAL_KIND_RESPIRATORY_RATE = 3,

            /** VITAL_KIND_BODY_TEMPERATURE value */
            VITAL_KIND_BODY_TEMPERATURE = 4,

            /** VITAL_KIND_BP_SYSTOLIC value */
            VITAL_KIND_BP_SYSTOLIC = 5,

            /** VITAL_KIND_BP_DIASTOLIC value */
            VITAL_KIND_BP_DIASTOLIC = 6,

            /** VITAL_KIND_SUPPLEMENTAL_OXYGEN value */
            VITAL_KIND_SUPPLEMENTAL_OXYGEN = 7,

            /** VITAL_KIND_CONSCIOUSNESS value */
            VITAL_KIND_CONSCIOUSNESS = 8
        }

        /**
         * Properties of a Sample.
         * @deprecated Use vitals.v1.Sample.$Properties instead.
         */
        interface ISample extends vitals.v1.Sample.$Properties {
        }

        /** Represents a Sample. */
        class Sample {

            /**
             * Constructs a new Sample.
             * @param [properties] Properties to set
             */
            constructor(properties?: vitals.v1.Sample.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Sample kind. */
            kind: vitals.v1.VitalKind;

            /** Sample value. */
            value: number;

            /** Sample unit. */
            unit: string;

            /** Sample measuredAtMs. */
            measuredAtMs: number;

            /**
             * Creates a new Sample instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Sample instance
             */
            static create(properties: vitals.v1.Sample.$Shape): vitals.v1.Sample & vitals.v1.Sample.$Shape;
            static create(properties?: vitals.v1.Sample.$Properties): vitals.v1.Sample;

            /**
             * Encodes the specified Sample message. Does not implicitly {@link vitals.v1.Sample.verify|verify} messages.
             * @param message Sample message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: vitals.v1.Sample.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Sample message, length delimited. Does not implicitly {@link vitals.v1.Sample.verify|verify} messages.
             * @param message Sample message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: vitals.v1.Sample.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Sample message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {vitals.v1.Sample & vitals.v1.Sample.$Shape} Sample
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): vitals.v1.Sample & vitals.v1.Sample.$Shape;

            /**
             * Decodes a Sample message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {vitals.v1.Sample & vitals.v1.Sample.$Shape} Sample
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): vitals.v1.Sample & vitals.v1.Sample.$Shape;

            /**
             * Verifies a Sample message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Sample message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Sample
             */
            static fromObject(object: { [k: string]: any }): vitals.v1.Sample;

            /**
             * Creates a plain object from a Sample message. Also converts values to other types if specified.
             * @param message Sample
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: vitals.v1.Sample, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Sample to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Sample
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Sample {

            /** Properties of a Sample. */
            interface $Properties {

                /** Sample kind */
                kind?: (vitals.v1.VitalKind|null);

                /** Sample value */
                value?: (number|null);

                /** Sample unit */
                unit?: (string|null);

                /** Sample measuredAtMs */
                measuredAtMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Sample. */
            type $Shape = vitals.v1.Sample.$Properties;
        }

        /**
         * Properties of a VitalsBatch.
         * @deprecated Use vitals.v1.VitalsBatch.$Properties instead.
         */
        interface IVitalsBatch extends vitals.v1.VitalsBatch.$Properties {
        }

        /** Represents a VitalsBatch. */
        class VitalsBatch {

            /**
             * Constructs a new VitalsBatch.
             * @param [properties] Properties to set
             */
            constructor(properties?: vitals.v1.VitalsBatch.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** VitalsBatch deviceId. */
            deviceId: string;

            /** VitalsBatch patientId. */
            patientId: string;

            /** VitalsBatch sequence. */
            sequence: number;

            /** VitalsBatch sentAtMs. */
            sentAtMs: number;

            /** VitalsBatch samples. */
            samples: vitals.v1.Sample.$Properties[];

            /** VitalsBatch batteryPercent. */
            batteryPercent: number;

            /** VitalsBatch firmware. */
            firmware: string;

            /** VitalsBatch bootId. */
            bootId: string;

            /**
             * Creates a new VitalsBatch instance using the specified properties.
             * @param [properties] Properties to set
             * @returns VitalsBatch instance
             */
            static create(properties: vitals.v1.VitalsBatch.$Shape): vitals.v1.VitalsBatch & vitals.v1.VitalsBatch.$Shape;
            static create(properties?: vitals.v1.VitalsBatch.$Properties): vitals.v1.VitalsBatch;

            /**
             * Encodes the specified VitalsBatch message. Does not implicitly {@link vitals.v1.VitalsBatch.verify|verify} messages.
             * @param message VitalsBatch message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: vitals.v1.VitalsBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified VitalsBatch message, length delimited. Does not implicitly {@link vitals.v1.VitalsBatch.verify|verify} messages.
             * @param message VitalsBatch message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: vitals.v1.VitalsBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a VitalsBatch message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {vitals.v1.VitalsBatch & vitals.v1.VitalsBatch.$Shape} VitalsBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): vitals.v1.VitalsBatch & vitals.v1.VitalsBatch.$Shape;

            /**
             * Decodes a VitalsBatch message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {vitals.v1.VitalsBatch & vitals.v1.VitalsBatch.$Shape} VitalsBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): vitals.v1.VitalsBatch & vitals.v1.VitalsBatch.$Shape;

            /**
             * Verifies a VitalsBatch message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a VitalsBatch message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns VitalsBatch
             */
            static fromObject(object: { [k: string]: any }): vitals.v1.VitalsBatch;

            /**
             * Creates a plain object from a VitalsBatch message. Also converts values to other types if specified.
             * @param message VitalsBatch
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: vitals.v1.VitalsBatch, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this VitalsBatch to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for VitalsBatch
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace VitalsBatch {

            /** Properties of a VitalsBatch. */
            interface $Properties {

                /** VitalsBatch deviceId */
                deviceId?: (string|null);

                /** VitalsBatch patientId */
                patientId?: (string|null);

                /** VitalsBatch sequence */
                sequence?: (number|null);

                /** VitalsBatch sentAtMs */
                sentAtMs?: (number|null);

                /** VitalsBatch samples */
                samples?: (vitals.v1.Sample.$Properties[]|null);

                /** VitalsBatch batteryPercent */
                batteryPercent?: (number|null);

                /** VitalsBatch firmware */
                firmware?: (string|null);

                /** VitalsBatch bootId */
                bootId?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a VitalsBatch. */
            type $Shape = vitals.v1.VitalsBatch.$Properties;
        }

        /** DeviceState enum. */
        enum DeviceState {

            /** DEVICE_STATE_UNSPECIFIED value */
            DEVICE_STATE_UNSPECIFIED = 0,

            /** DEVICE_STATE_ONLINE value */
            DEVICE_STATE_ONLINE = 1,

            /** DEVICE_STATE_OFFLINE value */
            DEVICE_STATE_OFFLINE = 2
        }

        /**
         * Properties of a DeviceStatus.
         * @deprecated Use vitals.v1.DeviceStatus.$Properties instead.
         */
        interface IDeviceStatus extends vitals.v1.DeviceStatus.$Properties {
        }

        /** Represents a DeviceStatus. */
        class DeviceStatus {

            /**
             * Constructs a new DeviceStatus.
             * @param [properties] Properties to set
             */
            constructor(properties?: vitals.v1.DeviceStatus.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** DeviceStatus deviceId. */
            deviceId: string;

            /** DeviceStatus state. */
            state: vitals.v1.DeviceState;

            /** DeviceStatus reason. */
            reason: string;

            /** DeviceStatus atMs. */
            atMs: number;

            /** DeviceStatus firmware. */
            firmware: string;

            /** DeviceStatus patientId. */
            patientId: string;

            /**
             * Creates a new DeviceStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DeviceStatus instance
             */
            static create(properties: vitals.v1.DeviceStatus.$Shape): vitals.v1.DeviceStatus & vitals.v1.DeviceStatus.$Shape;
            static create(properties?: vitals.v1.DeviceStatus.$Properties): vitals.v1.DeviceStatus;

            /**
             * Encodes the specified DeviceStatus message. Does not implicitly {@link vitals.v1.DeviceStatus.verify|verify} messages.
             * @param message DeviceStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: vitals.v1.DeviceStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified DeviceStatus message, length delimited. Does not implicitly {@link vitals.v1.DeviceStatus.verify|verify} messages.
             * @param message DeviceStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: vitals.v1.DeviceStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DeviceStatus message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {vitals.v1.DeviceStatus & vitals.v1.DeviceStatus.$Shape} DeviceStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): vitals.v1.DeviceStatus & vitals.v1.DeviceStatus.$Shape;

            /**
             * Decodes a DeviceStatus message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {vitals.v1.DeviceStatus & vitals.v1.DeviceStatus.$Shape} DeviceStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): vitals.v1.DeviceStatus & vitals.v1.DeviceStatus.$Shape;

            /**
             * Verifies a DeviceStatus message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a DeviceStatus message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns DeviceStatus
             */
            static fromObject(object: { [k: string]: any }): vitals.v1.DeviceStatus;

            /**
             * Creates a plain object from a DeviceStatus message. Also converts values to other types if specified.
             * @param message DeviceStatus
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: vitals.v1.DeviceStatus, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this DeviceStatus to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for DeviceStatus
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace DeviceStatus {

            /** Properties of a DeviceStatus. */
            interface $Properties {

                /** DeviceStatus deviceId */
                deviceId?: (string|null);

                /** DeviceStatus state */
                state?: (vitals.v1.DeviceState|null);

                /** DeviceStatus reason */
                reason?: (string|null);

                /** DeviceStatus atMs */
                atMs?: (number|null);

                /** DeviceStatus firmware */
                firmware?: (string|null);

                /** DeviceStatus patientId */
                patientId?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a DeviceStatus. */
            type $Shape = vitals.v1.DeviceStatus.$Properties;
        }

        /** AlertPriority enum. */
        enum AlertPriority {

            /** ALERT_PRIORITY_UNSPECIFIED value */
            ALERT_PRIORITY_UNSPECIFIED = 0,

            /** ALERT_PRIORITY_LOW value */
            ALERT_PRIORITY_LOW = 1,

            /** ALERT_PRIORITY_MEDIUM value */
            ALERT_PRIORITY_MEDIUM = 2,

            /** ALERT_PRIORITY_HIGH value */
            ALERT_PRIORITY_HIGH = 3
        }

        /** AlertState enum. */
        enum AlertState {

            /** ALERT_STATE_UNSPECIFIED value */
            ALERT_STATE_UNSPECIFIED = 0,

            /** ALERT_STATE_OPEN value */
            ALERT_STATE_OPEN = 1,

            /** ALERT_STATE_ACKNOWLEDGED value */
            ALERT_STATE_ACKNOWLEDGED = 2,

            /** ALERT_STATE_RESOLVED value */
            ALERT_STATE_RESOLVED = 3
        }

        /**
         * Properties of an Alert.
         * @deprecated Use vitals.v1.Alert.$Properties instead.
         */
        interface IAlert extends vitals.v1.Alert.$Properties {
        }

        /** Represents an Alert. */
        class Alert {

            /**
             * Constructs a new Alert.
             * @param [properties] Properties to set
             */
            constructor(properties?: vitals.v1.Alert.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Alert alertId. */
            alertId: string;

            /** Alert patientId. */
            patientId: string;

            /** Alert deviceId. */
            deviceId: string;

            /** Alert kind. */
            kind: string;

            /** Alert priority. */
            priority: vitals.v1.AlertPriority;

            /** Alert state. */
            state: vitals.v1.AlertState;

            /** Alert vital. */
            vital: vitals.v1.VitalKind;

            /** Alert value. */
            value: number;

            /** Alert threshold. */
            threshold: number;

            /** Alert message. */
            message: string;

            /** Alert raisedAtMs. */
            raisedAtMs: number;

            /** Alert updatedAtMs. */
            updatedAtMs: number;

            /** Alert news2Score. */
            news2Score: number;

            /** Alert news2Band. */
            news2Band: string;

            /** Alert acknowledgedBy. */
            acknowledgedBy: string;

            /** Alert category. */
            category: vitals.v1.AlertCategory;

            /** Alert conditionActive. */
            conditionActive: boolean;

            /** Alert latched. */
            latched: boolean;

            /** Alert escalationLevel. */
            escalationLevel: number;

            /** Alert escalatedAtMs. */
            escalatedAtMs: number;

            /** Alert acknowledgedUntilMs. */
            acknowledgedUntilMs: number;

            /** Alert news2Missing. */
            news2Missing: string;

            /** Alert news2Response. */
            news2Response: string;

            /** Alert change. */
            change: string;

            /**
             * Creates a new Alert instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Alert instance
             */
            static create(properties: vitals.v1.Alert.$Shape): vitals.v1.Alert & vitals.v1.Alert.$Shape;
            static create(properties?: vitals.v1.Alert.$Properties): vitals.v1.Alert;

            /**
             * Encodes the specified Alert message. Does not implicitly {@link vitals.v1.Alert.verify|verify} messages.
             * @param message Alert message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: vitals.v1.Alert.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Alert message, length delimited. Does not implicitly {@link vitals.v1.Alert.verify|verify} messages.
             * @param message Alert message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: vitals.v1.Alert.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Alert message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {vitals.v1.Alert & vitals.v1.Alert.$Shape} Alert
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): vitals.v1.Alert & vitals.v1.Alert.$Shape;

            /**
             * Decodes an Alert message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {vitals.v1.Alert & vitals.v1.Alert.$Shape} Alert
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): vitals.v1.Alert & vitals.v1.Alert.$Shape;

            /**
             * Verifies an Alert message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an Alert message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Alert
             */
            static fromObject(object: { [k: string]: any }): vitals.v1.Alert;

            /**
             * Creates a plain object from an Alert message. Also converts values to other types if specified.
             * @param message Alert
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: vitals.v1.Alert, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Alert to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Alert
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Alert {

            /** Properties of an Alert. */
            interface $Properties {

                /** Alert alertId */
                alertId?: (string|null);

                /** Alert patientId */
                patientId?: (string|null);

                /** Alert deviceId */
                deviceId?: (string|null);

                /** Alert kind */
                kind?: (string|null);

                /** Alert priority */
                priority?: (vitals.v1.AlertPriority|null);

                /** Alert state */
                state?: (vitals.v1.AlertState|null);

                /** Alert vital */
                vital?: (vitals.v1.VitalKind|null);

                /** Alert value */
                value?: (number|null);

                /** Alert threshold */
                threshold?: (number|null);

                /** Alert message */
                message?: (string|null);

                /** Alert raisedAtMs */
                raisedAtMs?: (number|null);

                /** Alert updatedAtMs */
                updatedAtMs?: (number|null);

                /** Alert news2Score */
                news2Score?: (number|null);

                /** Alert news2Band */
                news2Band?: (string|null);

                /** Alert acknowledgedBy */
                acknowledgedBy?: (string|null);

                /** Alert category */
                category?: (vitals.v1.AlertCategory|null);

                /** Alert conditionActive */
                conditionActive?: (boolean|null);

                /** Alert latched */
                latched?: (boolean|null);

                /** Alert escalationLevel */
                escalationLevel?: (number|null);

                /** Alert escalatedAtMs */
                escalatedAtMs?: (number|null);

                /** Alert acknowledgedUntilMs */
                acknowledgedUntilMs?: (number|null);

                /** Alert news2Missing */
                news2Missing?: (string|null);

                /** Alert news2Response */
                news2Response?: (string|null);

                /** Alert change */
                change?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Alert. */
            type $Shape = vitals.v1.Alert.$Properties;
        }

        /** AlertCategory enum. */
        enum AlertCategory {

            /** ALERT_CATEGORY_UNSPECIFIED value */
            ALERT_CATEGORY_UNSPECIFIED = 0,

            /** ALERT_CATEGORY_PHYSIOLOGICAL value */
            ALERT_CATEGORY_PHYSIOLOGICAL = 1,

            /** ALERT_CATEGORY_TECHNICAL value */
            ALERT_CATEGORY_TECHNICAL = 2
        }

        /** Acvpu enum. */
        enum Acvpu {

            /** ACVPU_UNSPECIFIED value */
            ACVPU_UNSPECIFIED = 0,

            /** ACVPU_ALERT value */
            ACVPU_ALERT = 1,

            /** ACVPU_CONFUSION value */
            ACVPU_CONFUSION = 2,

            /** ACVPU_VOICE value */
            ACVPU_VOICE = 3,

            /** ACVPU_PAIN value */
            ACVPU_PAIN = 4,

            /** ACVPU_UNRESPONSIVE value */
            ACVPU_UNRESPONSIVE = 5
        }

        /**
         * Properties of an AlertCommand.
         * @deprecated Use vitals.v1.AlertCommand.$Properties instead.
         */
        interface IAlertCommand extends vitals.v1.AlertCommand.$Properties {
        }

        /** Represents an AlertCommand. */
        class AlertCommand {

            /**
             * Constructs a new AlertCommand.
             * @param [properties] Properties to set
             */
            constructor(properties?: vitals.v1.AlertCommand.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** AlertCommand patientId. */
            patientId: string;

            /** AlertCommand author. */
            author: string;

            /** AlertCommand atMs. */
            atMs: number;

            /** AlertCommand acknowledge. */
            acknowledge?: (vitals.v1.AlertCommand.Acknowledge.$Properties|null);

            /** AlertCommand resolve. */
            resolve?: (vitals.v1.AlertCommand.Resolve.$Properties|null);

            /** AlertCommand limits. */
            limits?: (vitals.v1.AlertCommand.Limits.$Properties|null);

            /** AlertCommand observation. */
            observation?: (vitals.v1.AlertCommand.Observation.$Properties|null);

            /** AlertCommand spo2Scale. */
            spo2Scale?: (vitals.v1.AlertCommand.Spo2Scale.$Properties|null);

            /** AlertCommand discharge. */
            discharge?: (vitals.v1.AlertCommand.Discharge.$Properties|null);

            /** AlertCommand command. */
            command?: ("acknowledge"|"resolve"|"limits"|"observation"|"spo2Scale"|"discharge");

            /**
             * Creates a new AlertCommand instance using the specified properties.
             * @param [properties] Properties to set
             * @returns AlertCommand instance
             */
            static create(properties: vitals.v1.AlertCommand.$Shape): vitals.v1.AlertCommand & vitals.v1.AlertCommand.$Shape;
            static create(properties?: vitals.v1.AlertCommand.$Properties): vitals.v1.AlertCommand;

            /**
             * Encodes the specified AlertCommand message. Does not implicitly {@link vitals.v1.AlertCommand.verify|verify} messages.
             * @param message AlertCommand message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: vitals.v1.AlertCommand.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified AlertCommand message, length delimited. Does not implicitly {@link vitals.v1.AlertCommand.verify|verify} messages.
             * @param message AlertCommand message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: vitals.v1.AlertCommand.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an AlertCommand message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {vitals.v1.AlertCommand & vitals.v1.AlertCommand.$Shape} AlertCommand
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): vitals.v1.AlertCommand & vitals.v1.AlertCommand.$Shape;

            /**
             * Decodes an AlertCommand message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {vitals.v1.AlertCommand & vitals.v1.AlertCommand.$Shape} AlertCommand
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): vitals.v1.AlertCommand & vitals.v1.AlertCommand.$Shape;

            /**
             * Verifies an AlertCommand message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an AlertCommand message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns AlertCommand
             */
            static fromObject(object: { [k: string]: any }): vitals.v1.AlertCommand;

            /**
             * Creates a plain object from an AlertCommand message. Also converts values to other types if specified.
             * @param message AlertCommand
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: vitals.v1.AlertCommand, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this AlertCommand to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for AlertCommand
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace AlertCommand {

            /** Properties of an AlertCommand. */
            interface $Properties {

                /** AlertCommand patientId */
                patientId?: (string|null);

                /** AlertCommand author */
                author?: (string|null);

                /** AlertCommand atMs */
                atMs?: (number|null);

                /** AlertCommand acknowledge */
                acknowledge?: (vitals.v1.AlertCommand.Acknowledge.$Properties|null);

                /** AlertCommand resolve */
                resolve?: (vitals.v1.AlertCommand.Resolve.$Properties|null);

                /** AlertCommand limits */
                limits?: (vitals.v1.AlertCommand.Limits.$Properties|null);

                /** AlertCommand observation */
                observation?: (vitals.v1.AlertCommand.Observation.$Properties|null);

                /** AlertCommand spo2Scale */
                spo2Scale?: (vitals.v1.AlertCommand.Spo2Scale.$Properties|null);

                /** AlertCommand discharge */
                discharge?: (vitals.v1.AlertCommand.Discharge.$Properties|null);

                /** AlertCommand command */
                command?: ("acknowledge"|"resolve"|"limits"|"observation"|"spo2Scale"|"discharge");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of an AlertCommand. */
            type $Shape = {
              patientId?: string|null;
              author?: string|null;
              atMs?: number|null;
              acknowledge?: vitals.v1.AlertCommand.Acknowledge.$Shape|null;
              resolve?: vitals.v1.AlertCommand.Resolve.$Shape|null;
              limits?: vitals.v1.AlertCommand.Limits.$Shape|null;
              observation?: vitals.v1.AlertCommand.Observation.$Shape|null;
              spo2Scale?: vitals.v1.AlertCommand.Spo2Scale.$Shape|null;
              discharge?: vitals.v1.AlertCommand.Discharge.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ command?: undefined; acknowledge?: null; resolve?: null; limits?: null; observation?: null; spo2Scale?: null; discharge?: null }|{ command?: "acknowledge"; acknowledge: vitals.v1.AlertCommand.Acknowledge.$Shape; resolve?: null; limits?: null; observation?: null; spo2Scale?: null; discharge?: null }|{ command?: "resolve"; acknowledge?: null; resolve: vitals.v1.AlertCommand.Resolve.$Shape; limits?: null; observation?: null; spo2Scale?: null; discharge?: null }|{ command?: "limits"; acknowledge?: null; resolve?: null; limits: vitals.v1.AlertCommand.Limits.$Shape; observation?: null; spo2Scale?: null; discharge?: null }|{ command?: "observation"; acknowledge?: null; resolve?: null; limits?: null; observation: vitals.v1.AlertCommand.Observation.$Shape; spo2Scale?: null; discharge?: null }|{ command?: "spo2Scale"; acknowledge?: null; resolve?: null; limits?: null; observation?: null; spo2Scale: vitals.v1.AlertCommand.Spo2Scale.$Shape; discharge?: null }|{ command?: "discharge"; acknowledge?: null; resolve?: null; limits?: null; observation?: null; spo2Scale?: null; discharge: vitals.v1.AlertCommand.Discharge.$Shape })
            );

            /**
             * Properties of an Acknowledge.
             * @deprecated Use vitals.v1.AlertCommand.Acknowledge.$Properties instead.
             */
            interface IAcknowledge extends vitals.v1.AlertCommand.Acknowledge.$Properties {
            }

            /** Represents an Acknowledge. */
            class Acknowledge {

                /**
                 * Constructs a new Acknowledge.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: vitals.v1.AlertCommand.Acknowledge.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Acknowledge alertId. */
                alertId: string;

                /**
                 * Creates a new Acknowledge instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Acknowledge instance
                 */
                static create(properties: vitals.v1.AlertCommand.Acknowledge.$Shape): vitals.v1.AlertCommand.Acknowledge & vitals.v1.AlertCommand.Acknowledge.$Shape;
                static create(properties?: vitals.v1.AlertCommand.Acknowledge.$Properties): vitals.v1.AlertCommand.Acknowledge;

                /**
                 * Encodes the specified Acknowledge message. Does not implicitly {@link vitals.v1.AlertCommand.Acknowledge.verify|verify} messages.
                 * @param message Acknowledge message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: vitals.v1.AlertCommand.Acknowledge.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified Acknowledge message, length delimited. Does not implicitly {@link vitals.v1.AlertCommand.Acknowledge.verify|verify} messages.
                 * @param message Acknowledge message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: vitals.v1.AlertCommand.Acknowledge.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Acknowledge message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {vitals.v1.AlertCommand.Acknowledge & vitals.v1.AlertCommand.Acknowledge.$Shape} Acknowledge
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): vitals.v1.AlertCommand.Acknowledge & vitals.v1.AlertCommand.Acknowledge.$Shape;

                /**
                 * Decodes an Acknowledge message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {vitals.v1.AlertCommand.Acknowledge & vitals.v1.AlertCommand.Acknowledge.$Shape} Acknowledge
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): vitals.v1.AlertCommand.Acknowledge & vitals.v1.AlertCommand.Acknowledge.$Shape;

                /**
                 * Verifies an Acknowledge message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an Acknowledge message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Acknowledge
                 */
                static fromObject(object: { [k: string]: any }): vitals.v1.AlertCommand.Acknowledge;

                /**
                 * Creates a plain object from an Acknowledge message. Also converts values to other types if specified.
                 * @param message Acknowledge
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: vitals.v1.AlertCommand.Acknowledge, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Acknowledge to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Acknowledge
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Acknowledge {

                /** Properties of an Acknowledge. */
                interface $Properties {

                    /** Acknowledge alertId */
                    alertId?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Acknowledge. */
                type $Shape = vitals.v1.AlertCommand.Acknowledge.$Properties;
            }

            /**
             * Properties of a Resolve.
             * @deprecated Use vitals.v1.AlertCommand.Resolve.$Properties instead.
             */
            interface IResolve extends vitals.v1.AlertCommand.Resolve.$Properties {
            }

            /** Represents a Resolve. */
            class Resolve {

                /**
                 * Constructs a new Resolve.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: vitals.v1.AlertCommand.Resolve.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Resolve alertId. */
                alertId: string;

                /**
                 * Creates a new Resolve instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Resolve instance
                 */
                static create(properties: vitals.v1.AlertCommand.Resolve.$Shape): vitals.v1.AlertCommand.Resolve & vitals.v1.AlertCommand.Resolve.$Shape;
                static create(properties?: vitals.v1.AlertCommand.Resolve.$Properties): vitals.v1.AlertCommand.Resolve;

                /**
                 * Encodes the specified Resolve message. Does not implicitly {@link vitals.v1.AlertCommand.Resolve.verify|verify} messages.
                 * @param message Resolve message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: vitals.v1.AlertCommand.Resolve.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified Resolve message, length delimited. Does not implicitly {@link vitals.v1.AlertCommand.Resolve.verify|verify} messages.
                 * @param message Resolve message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: vitals.v1.AlertCommand.Resolve.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Resolve message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {vitals.v1.AlertCommand.Resolve & vitals.v1.AlertCommand.Resolve.$Shape} Resolve
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): vitals.v1.AlertCommand.Resolve & vitals.v1.AlertCommand.Resolve.$Shape;

                /**
                 * Decodes a Resolve message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {vitals.v1.AlertCommand.Resolve & vitals.v1.AlertCommand.Resolve.$Shape} Resolve
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): vitals.v1.AlertCommand.Resolve & vitals.v1.AlertCommand.Resolve.$Shape;

                /**
                 * Verifies a Resolve message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a Resolve message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Resolve
                 */
                static fromObject(object: { [k: string]: any }): vitals.v1.AlertCommand.Resolve;

                /**
                 * Creates a plain object from a Resolve message. Also converts values to other types if specified.
                 * @param message Resolve
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: vitals.v1.AlertCommand.Resolve, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Resolve to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Resolve
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Resolve {

                /** Properties of a Resolve. */
                interface $Properties {

                    /** Resolve alertId */
                    alertId?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Resolve. */
                type $Shape = vitals.v1.AlertCommand.Resolve.$Properties;
            }

            /**
             * Properties of a Limits.
             * @deprecated Use vitals.v1.AlertCommand.Limits.$Properties instead.
             */
            interface ILimits extends vitals.v1.AlertCommand.Limits.$Properties {
            }

            /** Represents a Limits. */
            class Limits {

                /**
                 * Constructs a new Limits.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: vitals.v1.AlertCommand.Limits.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Limits overrides. */
                overrides: { [k: string]: vitals.v1.AlertCommand.LimitOverride.$Properties };

                /**
                 * Creates a new Limits instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Limits instance
                 */
                static create(properties: vitals.v1.AlertCommand.Limits.$Shape): vitals.v1.AlertCommand.Limits & vitals.v1.AlertCommand.Limits.$Shape;
                static create(properties?: vitals.v1.AlertCommand.Limits.$Properties): vitals.v1.AlertCommand.Limits;

                /**
                 * Encodes the specified Limits message. Does not implicitly {@link vitals.v1.AlertCommand.Limits.verify|verify} messages.
                 * @param message Limits message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: vitals.v1.AlertCommand.Limits.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified Limits message, length delimited. Does not implicitly {@link vitals.v1.AlertCommand.Limits.verify|verify} messages.
                 * @param message Limits message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: vitals.v1.AlertCommand.Limits.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Limits message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {vitals.v1.AlertCommand.Limits & vitals.v1.AlertCommand.Limits.$Shape} Limits
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): vitals.v1.AlertCommand.Limits & vitals.v1.AlertCommand.Limits.$Shape;

                /**
                 * Decodes a Limits message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {vitals.v1.AlertCommand.Limits & vitals.v1.AlertCommand.Limits.$Shape} Limits
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): vitals.v1.AlertCommand.Limits & vitals.v1.AlertCommand.Limits.$Shape;

                /**
                 * Verifies a Limits message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a Limits message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Limits
                 */
                static fromObject(object: { [k: string]: any }): vitals.v1.AlertCommand.Limits;

                /**
                 * Creates a plain object from a Limits message. Also converts values to other types if specified.
                 * @param message Limits
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: vitals.v1.AlertCommand.Limits, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Limits to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Limits
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Limits {

                /** Properties of a Limits. */
                interface $Properties {

                    /** Limits overrides */
                    overrides?: ({ [k: string]: vitals.v1.AlertCommand.LimitOverride.$Properties }|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Limits. */
                type $Shape = vitals.v1.AlertCommand.Limits.$Properties;
            }

            /**
             * Properties of a LimitOverride.
             * @deprecated Use vitals.v1.AlertCommand.LimitOverride.$Properties instead.
             */
            interface ILimitOverride extends vitals.v1.AlertCommand.LimitOverride.$Properties {
            }

            /** Represents a LimitOverride. */
            class LimitOverride {

                /**
                 * Constructs a new LimitOverride.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: vitals.v1.AlertCommand.LimitOverride.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** LimitOverride low. */
                low?: (number|null);

                /** LimitOverride high. */
                high?: (number|null);

                /** LimitOverride delayMs. */
                delayMs?: (number|null);

                /** LimitOverride delaySamples. */
                delaySamples?: (number|null);

                /** LimitOverride hysteresis. */
                hysteresis?: (number|null);

                /** LimitOverride priority. */
                priority: vitals.v1.AlertPriority;

                /**
                 * Creates a new LimitOverride instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns LimitOverride instance
                 */
                static create(properties: vitals.v1.AlertCommand.LimitOverride.$Shape): vitals.v1.AlertCommand.LimitOverride & vitals.v1.AlertCommand.LimitOverride.$Shape;
                static create(properties?: vitals.v1.AlertCommand.LimitOverride.$Properties): vitals.v1.AlertCommand.LimitOverride;

                /**
                 * Encodes the specified LimitOverride message. Does not implicitly {@link vitals.v1.AlertCommand.LimitOverride.verify|verify} messages.
                 * @param message LimitOverride message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: vitals.v1.AlertCommand.LimitOverride.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified LimitOverride message, length delimited. Does not implicitly {@link vitals.v1.AlertCommand.LimitOverride.verify|verify} messages.
                 * @param message LimitOverride message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: vitals.v1.AlertCommand.LimitOverride.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a LimitOverride message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {vitals.v1.AlertCommand.LimitOverride & vitals.v1.AlertCommand.LimitOverride.$Shape} LimitOverride
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): vitals.v1.AlertCommand.LimitOverride & vitals.v1.AlertCommand.LimitOverride.$Shape;

                /**
                 * Decodes a LimitOverride message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {vitals.v1.AlertCommand.LimitOverride & vitals.v1.AlertCommand.LimitOverride.$Shape} LimitOverride
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): vitals.v1.AlertCommand.LimitOverride & vitals.v1.AlertCommand.LimitOverride.$Shape;

                /**
                 * Verifies a LimitOverride message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a LimitOverride message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns LimitOverride
                 */
                static fromObject(object: { [k: string]: any }): vitals.v1.AlertCommand.LimitOverride;

                /**
                 * Creates a plain object from a LimitOverride message. Also converts values to other types if specified.
                 * @param message LimitOverride
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: vitals.v1.AlertCommand.LimitOverride, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this LimitOverride to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for LimitOverride
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace LimitOverride {

                /** Properties of a LimitOverride. */
                interface $Properties {

                    /** LimitOverride low */
                    low?: (number|null);

                    /** LimitOverride high */
                    high?: (number|null);

                    /** LimitOverride delayMs */
                    delayMs?: (number|null);

                    /** LimitOverride delaySamples */
                    delaySamples?: (number|null);

                    /** LimitOverride hysteresis */
                    hysteresis?: (number|null);

                    /** LimitOverride priority */
                    priority?: (vitals.v1.AlertPriority|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a LimitOverride. */
                type $Shape = vitals.v1.AlertCommand.LimitOverride.$Properties;
            }

            /**
             * Properties of an Observation.
             * @deprecated Use vitals.v1.AlertCommand.Observation.$Properties instead.
             */
            interface IObservation extends vitals.v1.AlertCommand.Observation.$Properties {
            }

            /** Represents an Observation. */
            class Observation {

                /**
                 * Constructs a new Observation.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: vitals.v1.AlertCommand.Observation.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Observation consciousness. */
                consciousness: vitals.v1.Acvpu;

                /** Observation supplementalOxygen. */
                supplementalOxygen?: (boolean|null);

                /**
                 * Creates a new Observation instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Observation instance
                 */
                static create(properties: vitals.v1.AlertCommand.Observation.$Shape): vitals.v1.AlertCommand.Observation & vitals.v1.AlertCommand.Observation.$Shape;
                static create(properties?: vitals.v1.AlertCommand.Observation.$Properties): vitals.v1.AlertCommand.Observation;

                /**
                 * Encodes the specified Observation message. Does not implicitly {@link vitals.v1.AlertCommand.Observation.verify|verify} messages.
                 * @param message Observation message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: vitals.v1.AlertCommand.Observation.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified Observation message, length delimited. Does not implicitly {@link vitals.v1.AlertCommand.Observation.verify|verify} messages.
                 * @param message Observation message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: vitals.v1.AlertCommand.Observation.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Observation message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {vitals.v1.AlertCommand.Observation & vitals.v1.AlertCommand.Observation.$Shape} Observation
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): vitals.v1.AlertCommand.Observation & vitals.v1.AlertCommand.Observation.$Shape;

                /**
                 * Decodes an Observation message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {vitals.v1.AlertCommand.Observation & vitals.v1.AlertCommand.Observation.$Shape} Observation
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): vitals.v1.AlertCommand.Observation & vitals.v1.AlertCommand.Observation.$Shape;

                /**
                 * Verifies an Observation message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an Observation message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Observation
                 */
                static fromObject(object: { [k: string]: any }): vitals.v1.AlertCommand.Observation;

                /**
                 * Creates a plain object from an Observation message. Also converts values to other types if specified.
                 * @param message Observation
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: vitals.v1.AlertCommand.Observation, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Observation to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Observation
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Observation {

                /** Properties of an Observation. */
                interface $Properties {

                    /** Observation consciousness */
                    consciousness?: (vitals.v1.Acvpu|null);

                    /** Observation supplementalOxygen */
                    supplementalOxygen?: (boolean|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Observation. */
                type $Shape = vitals.v1.AlertCommand.Observation.$Properties;
            }

            /**
             * Properties of a Spo2Scale.
             * @deprecated Use vitals.v1.AlertCommand.Spo2Scale.$Properties instead.
             */
            interface ISpo2Scale extends vitals.v1.AlertCommand.Spo2Scale.$Properties {
            }

            /** Represents a Spo2Scale. */
            class Spo2Scale {

                /**
                 * Constructs a new Spo2Scale.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: vitals.v1.AlertCommand.Spo2Scale.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Spo2Scale scale. */
                scale: number;

                /** Spo2Scale reason. */
                reason: string;

                /**
                 * Creates a new Spo2Scale instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Spo2Scale instance
                 */
                static create(properties: vitals.v1.AlertCommand.Spo2Scale.$Shape): vitals.v1.AlertCommand.Spo2Scale & vitals.v1.AlertCommand.Spo2Scale.$Shape;
                static create(properties?: vitals.v1.AlertCommand.Spo2Scale.$Properties): vitals.v1.AlertCommand.Spo2Scale;

                /**
                 * Encodes the specified Spo2Scale message. Does not implicitly {@link vitals.v1.AlertCommand.Spo2Scale.verify|verify} messages.
                 * @param message Spo2Scale message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: vitals.v1.AlertCommand.Spo2Scale.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified Spo2Scale message, length delimited. Does not implicitly {@link vitals.v1.AlertCommand.Spo2Scale.verify|verify} messages.
                 * @param message Spo2Scale message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: vitals.v1.AlertCommand.Spo2Scale.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Spo2Scale message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {vitals.v1.AlertCommand.Spo2Scale & vitals.v1.AlertCommand.Spo2Scale.$Shape} Spo2Scale
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): vitals.v1.AlertCommand.Spo2Scale & vitals.v1.AlertCommand.Spo2Scale.$Shape;

                /**
                 * Decodes a Spo2Scale message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {vitals.v1.AlertCommand.Spo2Scale & vitals.v1.AlertCommand.Spo2Scale.$Shape} Spo2Scale
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): vitals.v1.AlertCommand.Spo2Scale & vitals.v1.AlertCommand.Spo2Scale.$Shape;

                /**
                 * Verifies a Spo2Scale message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a Spo2Scale message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Spo2Scale
                 */
                static fromObject(object: { [k: string]: any }): vitals.v1.AlertCommand.Spo2Scale;

                /**
                 * Creates a plain object from a Spo2Scale message. Also converts values to other types if specified.
                 * @param message Spo2Scale
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: vitals.v1.AlertCommand.Spo2Scale, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Spo2Scale to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Spo2Scale
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Spo2Scale {

                /** Properties of a Spo2Scale. */
                interface $Properties {

                    /** Spo2Scale scale */
                    scale?: (number|null);

                    /** Spo2Scale reason */
                    reason?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Spo2Scale. */
                type $Shape = vitals.v1.AlertCommand.Spo2Scale.$Properties;
            }

            /**
             * Properties of a Discharge.
             * @deprecated Use vitals.v1.AlertCommand.Discharge.$Properties instead.
             */
            interface IDischarge extends vitals.v1.AlertCommand.Discharge.$Properties {
            }

            /** Represents a Discharge. */
            class Discharge {

                /**
                 * Constructs a new Discharge.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: vitals.v1.AlertCommand.Discharge.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * Creates a new Discharge instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Discharge instance
                 */
                static create(properties: vitals.v1.AlertCommand.Discharge.$Shape): vitals.v1.AlertCommand.Discharge & vitals.v1.AlertCommand.Discharge.$Shape;
                static create(properties?: vitals.v1.AlertCommand.Discharge.$Properties): vitals.v1.AlertCommand.Discharge;

                /**
                 * Encodes the specified Discharge message. Does not implicitly {@link vitals.v1.AlertCommand.Discharge.verify|verify} messages.
                 * @param message Discharge message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: vitals.v1.AlertCommand.Discharge.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified Discharge message, length delimited. Does not implicitly {@link vitals.v1.AlertCommand.Discharge.verify|verify} messages.
                 * @param message Discharge message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: vitals.v1.AlertCommand.Discharge.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Discharge message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {vitals.v1.AlertCommand.Discharge & vitals.v1.AlertCommand.Discharge.$Shape} Discharge
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): vitals.v1.AlertCommand.Discharge & vitals.v1.AlertCommand.Discharge.$Shape;

                /**
                 * Decodes a Discharge message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {vitals.v1.AlertCommand.Discharge & vitals.v1.AlertCommand.Discharge.$Shape} Discharge
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): vitals.v1.AlertCommand.Discharge & vitals.v1.AlertCommand.Discharge.$Shape;

                /**
                 * Verifies a Discharge message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a Discharge message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Discharge
                 */
                static fromObject(object: { [k: string]: any }): vitals.v1.AlertCommand.Discharge;

                /**
                 * Creates a plain object from a Discharge message. Also converts values to other types if specified.
                 * @param message Discharge
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: vitals.v1.AlertCommand.Discharge, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Discharge to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Discharge
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Discharge {

                /** Properties of a Discharge. */
                interface $Properties {

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Discharge. */
                type $Shape = vitals.v1.AlertCommand.Discharge.$Properties;
            }
        }
    }
}
