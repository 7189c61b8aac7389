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
    }
}
