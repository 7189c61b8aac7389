/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $Number = $util.global.Number, $String = $util.global.String, $parseInt = $util.global.parseInt, $BigInt = $util.global.BigInt, $isFinite = $util.global.isFinite, $Array = $util.global.Array, $Boolean = $util.global.Boolean;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const vitals = $root.vitals = (() => {

    /**
     * Namespace vitals.
     * @exports vitals
     * @namespace
     */
    const vitals = {};

    vitals.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof vitals
         * @namespace
         */
        const v1 = {};

        /**
         * VitalKind enum.
         * @name vitals.v1.VitalKind
         * @enum {number}
         * @property {number} VITAL_KIND_UNSPECIFIED=0 VITAL_KIND_UNSPECIFIED value
         * @property {number} VITAL_KIND_HEART_RATE=1 VITAL_KIND_HEART_RATE value
         * @property {number} VITAL_KIND_SPO2=2 VITAL_KIND_SPO2 value
         * @property {number} VITAL_KIND_RESPIRATORY_RATE=3 VITAL_KIND_RESPIRATORY_RATE value
         * @property {number} VITAL_KIND_BODY_TEMPERATURE=4 VITAL_KIND_BODY_TEMPERATURE value
         * @property {number} VITAL_KIND_BP_SYSTOLIC=5 VITAL_KIND_BP_SYSTOLIC value
         * @property {number} VITAL_KIND_BP_DIASTOLIC=6 VITAL_KIND_BP_DIASTOLIC value
         * @property {number} VITAL_KIND_SUPPLEMENTAL_OXYGEN=7 VITAL_KIND_SUPPLEMENTAL_OXYGEN value
         * @property {number} VITAL_KIND_CONSCIOUSNESS=8 VITAL_KIND_CONSCIOUSNESS value
         */
        v1.VitalKind = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "VITAL_KIND_UNSPECIFIED"] = 0;
            values[valuesById[1] = "VITAL_KIND_HEART_RATE"] = 1;
            values[valuesById[2] = "VITAL_KIND_SPO2"] = 2;
            values[valuesById[3] = "VITAL_KIND_RESPIRATORY_RATE"] = 3;
            values[valuesById[4] = "VITAL_KIND_BODY_TEMPERATURE"] = 4;
            values[valuesById[5] = "VITAL_KIND_BP_SYSTOLIC"] = 5;
            values[valuesById[6] = "VITAL_KIND_BP_DIASTOLIC"] = 6;
            values[valuesById[7] = "VITAL_KIND_SUPPLEMENTAL_OXYGEN"] = 7;
            values[valuesById[8] = "VITAL_KIND_CONSCIOUSNESS"] = 8;
            return values;
        })();

        v1.Sample = (function() {

            /**
             * Properties of a Sample.
             * @typedef {Object} vitals.v1.Sample.$Properties
             * @property {vitals.v1.VitalKind|null} [kind] Sample kind
             * @property {number|null} [value] Sample value
             * @property {string|null} [unit] Sample unit
             * @property {number|null} [measuredAtMs] Sample measuredAtMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Sample.
             * @memberof vitals.v1
             * @interface ISample
             * @augments vitals.v1.Sample.$Properties
             * @deprecated Use vitals.v1.Sample.$Properties instead.
             */

            /**
             * Shape of a Sample.
             * @typedef {vitals.v1.Sample.$Properties} vitals.v1.Sample.$Shape
             */

            /**
             * Constructs a new Sample.
             * @memberof vitals.v1
             * @classdesc Represents a Sample.
             * @constructor
             * @param {vitals.v1.Sample.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Sample = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Sample kind.
             * @member {vitals.v1.VitalKind} kind
             * @memberof vitals.v1.Sample
             * @instance
             */
            Sample.prototype.kind = 0;

            /**
             * Sample value.
             * @member {number} value
             * @memberof vitals.v1.Sample
             * @instance
             */
            Sample.prototype.value = 0;

            /**
             * Sample unit.
             * @member {string} unit
             * @memberof vitals.v1.Sample
             * @instance
             */
            Sample.prototype.unit = "";

            /**
             * Sample measuredAtMs.
             * @member {number} measuredAtMs
             * @memberof vitals.v1.Sample
             * @instance
             */
            Sample.prototype.measuredAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new Sample instance using the specified properties.
             * @function create
             * @memberof vitals.v1.Sample
             * @static
             * @param {vitals.v1.Sample.$Properties=} [properties] Properties to set
             * @returns {vitals.v1.Sample} Sample instance
             * @type {{
             *   (properties: vitals.v1.Sample.$Shape): vitals.v1.Sample & vitals.v1.Sample.$Shape;
             *   (properties?: vitals.v1.Sample.$Properties): vitals.v1.Sample;
             * }}
             */
            Sample.create = function(properties) {
                return new Sample(properties);
            };

            /**
             * Encodes the specified Sample message. Does not implicitly {@link vitals.v1.Sample.verify|verify} messages.
             * @function encode
             * @memberof vitals.v1.Sample
             * @static
             * @param {vitals.v1.Sample.$Properties} message Sample message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Sample.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.kind);
                if (message.value != null && $Object.hasOwnProperty.call(message, "value") && !$Object.is(message.value, 0))
                    writer.uint32(/* id 2, wireType 1 =*/17).double(message.value);
                if (message.unit != null && $Object.hasOwnProperty.call(message, "unit") && message.unit !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.unit);
                if (message.measuredAtMs != null && $Object.hasOwnProperty.call(message, "measuredAtMs") && (typeof message.measuredAtMs === "object" ? message.measuredAtMs.low || message.measuredAtMs.high : message.measuredAtMs !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).int64(message.measuredAtMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Sample message, length delimited. Does not implicitly {@link vitals.v1.Sample.verify|verify} messages.
             * @function encodeDelimited
             * @memberof vitals.v1.Sample
             * @static
             * @param {vitals.v1.Sample.$Properties} message Sample message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Sample.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Sample message from the specified reader or buffer.
             * @function decode
             * @memberof vitals.v1.Sample
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {vitals.v1.Sample & vitals.v1.Sample.$Shape} Sample
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Sample.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.vitals.v1.Sample();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.kind = value;
                            else
                                delete message.kind;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 1)
                                break;
                            if (!$Object.is(value = reader.double(), 0))
                                message.value = value;
                            else
                                delete message.value;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.unit = value;
                            else
                                delete message.unit;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.measuredAtMs = value;
                            else
                                delete message.measuredAtMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Sample message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof vitals.v1.Sample
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {vitals.v1.Sample & vitals.v1.Sample.$Shape} Sample
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Sample.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Sample message.
             * @function verify
             * @memberof vitals.v1.Sample
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Sample.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                    if (typeof message.kind !== "number" || (message.kind | 0) !== message.kind)
                        return "kind: enum value expected";
                if (message.value != null && $Object.hasOwnProperty.call(message, "value"))
                    if (typeof message.value !== "number")
                        return "value: number expected";
                if (message.unit != null && $Object.hasOwnProperty.call(message, "unit"))
                    if (!$util.isString(message.unit))
                        return "unit: string expected";
                if (message.measuredAtMs != null && $Object.hasOwnProperty.call(message, "measuredAtMs"))
                    if (!$util.isInteger(message.measuredAtMs) && !(message.measuredAtMs && $util.isInteger(message.measuredAtMs.low) && $util.isInteger(message.measuredAtMs.high)))
                        return "measuredAtMs: integer|Long expected";
                return null;
            };

            /**
             * Creates a Sample message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof vitals.v1.Sample
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {vitals.v1.Sample} Sample
             */
            Sample.fromObject = function (object, _depth) {
                if (object instanceof $root.vitals.v1.Sample)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".vitals.v1.Sample: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.vitals.v1.Sample();
                if (object.kind !== 0 && (typeof object.kind !== "string" || $root.vitals.v1.VitalKind[object.kind] !== 0))
                    switch (object.kind) {
                    case "VITAL_KIND_UNSPECIFIED":
                    case 0:
                        message.kind = 0;
                        break;
                    case "VITAL_KIND_HEART_RATE":
                    case 1:
                        message.kind = 1;
                        break;
                    case "VITAL_KIND_SPO2":
                    case 2:
                        message.kind = 2;
                        break;
                    case "VITAL_KIND_RESPIRATORY_RATE":
                    case 3:
                        message.kind = 3;
                        break;
                    case "VITAL_KIND_BODY_TEMPERATURE":
                    case 4:
                        message.kind = 4;
                        break;
                    case "VITAL_KIND_BP_SYSTOLIC":
                    case 5:
                        message.kind = 5;
                        break;
                    case "VITAL_KIND_BP_DIASTOLIC":
                    case 6:
                        message.kind = 6;
                        break;
                    case "VITAL_KIND_SUPPLEMENTAL_OXYGEN":
                    case 7:
                        message.kind = 7;
                        break;
                    case "VITAL_KIND_CONSCIOUSNESS":
                    case 8:
                        message.kind = 8;
                        break;
                    default:
                        if (typeof object.kind === "number" && (object.kind | 0) === object.kind)
                            message.kind = object.kind;
                    }
                if (object.value != null)
                    if (!$Object.is($Number(object.value), 0))
                        message.value = $Number(object.value);
                if (object.unit != null)
                    if (typeof object.unit !== "string" || object.unit.length)
                        message.unit = $String(object.unit);
                if (object.measuredAtMs != null)
                    if (typeof object.measuredAtMs === "object" ? object.measuredAtMs.low || object.measuredAtMs.high : $Number(object.measuredAtMs) !== 0)
                        if ($util.Long)
                            message.measuredAtMs = $util.Long.fromValue(object.measuredAtMs, false);
                        else if (typeof object.measuredAtMs === "string")
                            message.measuredAtMs = $parseInt(object.measuredAtMs, 10);
                        else if (typeof object.measuredAtMs === "number")
                            message.measuredAtMs = object.measuredAtMs;
                        else if (typeof object.measuredAtMs === "object")
                            message.measuredAtMs = new $util.LongBits(object.measuredAtMs.low >>> 0, object.measuredAtMs.high >>> 0).toNumber();
                return message;
            };

            /**
             * Creates a plain object from a Sample message. Also converts values to other types if specified.
             * @function toObject
             * @memberof vitals.v1.Sample
             * @static
             * @param {vitals.v1.Sample} message Sample
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Sample.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.kind = options.enums === $String ? "VITAL_KIND_UNSPECIFIED" : 0;
                    object.value = 0;
                    object.unit = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.measuredAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.measuredAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                    object.kind = options.enums === $String ? $root.vitals.v1.VitalKind[message.kind] === $undefined ? message.kind : $root.vitals.v1.VitalKind[message.kind] : message.kind;
                if (message.value != null && $Object.hasOwnProperty.call(message, "value"))
                    object.value = options.json && !$isFinite(message.value) ? $String(message.value) : message.value;
                if (message.unit != null && $Object.hasOwnProperty.call(message, "unit"))
                    object.unit = message.unit;
                if (message.measuredAtMs != null && $Object.hasOwnProperty.call(message, "measuredAtMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.measuredAtMs = typeof message.measuredAtMs === "number" ? $BigInt(message.measuredAtMs) : $util.Long.fromBits(message.measuredAtMs.low >>> 0, message.measuredAtMs.high >>> 0, false).toBigInt();
                    else if (typeof message.measuredAtMs === "number")
                        object.measuredAtMs = options.longs === $String ? $String(message.measuredAtMs) : message.measuredAtMs;
                    else
                        object.measuredAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.measuredAtMs) : options.longs === $Number ? new $util.LongBits(message.measuredAtMs.low >>> 0, message.measuredAtMs.high >>> 0).toNumber() : message.measuredAtMs;
                return object;
            };

            /**
             * Converts this Sample to JSON.
             * @function toJSON
             * @memberof vitals.v1.Sample
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Sample.prototype.toJSON = function() {
                return Sample.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Sample
             * @function getTypeUrl
             * @memberof vitals.v1.Sample
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Sample.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/vitals.v1.Sample";
            };

            return Sample;
        })();

        v1.VitalsBatch = (function() {

            /**
             * Properties of a VitalsBatch.
             * @typedef {Object} vitals.v1.VitalsBatch.$Properties
             * @property {string|null} [deviceId] VitalsBatch deviceId
             * @property {string|null} [patientId] VitalsBatch patientId
             * @property {number|null} [sequence] VitalsBatch sequence
             * @property {number|null} [sentAtMs] VitalsBatch sentAtMs
             * @property {Array.<vitals.v1.Sample.$Properties>|null} [samples] VitalsBatch samples
             * @property {number|null} [batteryPercent] VitalsBatch batteryPercent
             * @property {string|null} [firmware] VitalsBatch firmware
             * @property {string|null} [bootId] VitalsBatch bootId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a VitalsBatch.
             * @memberof vitals.v1
             * @interface IVitalsBatch
             * @augments vitals.v1.VitalsBatch.$Properties
             * @deprecated Use vitals.v1.VitalsBatch.$Properties instead.
             */

            /**
             * Shape of a VitalsBatch.
             * @typedef {vitals.v1.VitalsBatch.$Properties} vitals.v1.VitalsBatch.$Shape
             */

            /**
             * Constructs a new VitalsBatch.
             * @memberof vitals.v1
             * @classdesc Represents a VitalsBatch.
             * @constructor
             * @param {vitals.v1.VitalsBatch.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const VitalsBatch = function (properties) {
                this.samples = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * VitalsBatch deviceId.
             * @member {string} deviceId
             * @memberof vitals.v1.VitalsBatch
             * @instance
             */
            VitalsBatch.prototype.deviceId = "";

            /**
             * VitalsBatch patientId.
             * @member {string} patientId
             * @memberof vitals.v1.VitalsBatch
             * @instance
             */
            VitalsBatch.prototype.patientId = "";

            /**
             * VitalsBatch sequence.
             * @member {number} sequence
             * @memberof vitals.v1.VitalsBatch
             * @instance
             */
            VitalsBatch.prototype.sequence = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * VitalsBatch sentAtMs.
             * @member {number} sentAtMs
             * @memberof vitals.v1.VitalsBatch
             * @instance
             */
            VitalsBatch.prototype.sentAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * VitalsBatch samples.
             * @member {Array.<vitals.v1.Sample.$Properties>} samples
             * @memberof vitals.v1.VitalsBatch
             * @instance
             */
            VitalsBatch.prototype.samples = $util.emptyArray;

            /**
             * VitalsBatch batteryPercent.
             * @member {number} batteryPercent
             * @memberof vitals.v1.VitalsBatch
             * @instance
             */
            VitalsBatch.prototype.batteryPercent = 0;

            /**
             * VitalsBatch firmware.
             * @member {string} firmware
             * @memberof vitals.v1.VitalsBatch
             * @instance
             */
            VitalsBatch.prototype.firmware = "";

            /**
             * VitalsBatch bootId.
             * @member {string} bootId
             * @memberof vitals.v1.VitalsBatch
             * @instance
             */
            VitalsBatch.prototype.bootId = "";

            /**
             * Creates a new VitalsBatch instance using the specified properties.
             * @function create
             * @memberof vitals.v1.VitalsBatch
             * @static
             * @param {vitals.v1.VitalsBatch.$Properties=} [properties] Properties to set
             * @returns {vitals.v1.VitalsBatch} VitalsBatch instance
             * @type {{
             *   (properties: vitals.v1.VitalsBatch.$Shape): vitals.v1.VitalsBatch & vitals.v1.VitalsBatch.$Shape;
             *   (properties?: vitals.v1.VitalsBatch.$Properties): vitals.v1.VitalsBatch;
             * }}
             */
            VitalsBatch.create = function(properties) {
                return new VitalsBatch(properties);
            };

            /**
             * Encodes the specified VitalsBatch message. Does not implicitly {@link vitals.v1.VitalsBatch.verify|verify} messages.
             * @function encode
             * @memberof vitals.v1.VitalsBatch
             * @static
             * @param {vitals.v1.VitalsBatch.$Properties} message VitalsBatch message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            VitalsBatch.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId") && message.deviceId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.deviceId);
                if (message.patientId != null && $Object.hasOwnProperty.call(message, "patientId") && message.patientId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.patientId);
                if (message.sequence != null && $Object.hasOwnProperty.call(message, "sequence") && (typeof message.sequence === "object" ? message.sequence.low || message.sequence.high : message.sequence !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.sequence);
                if (message.sentAtMs != null && $Object.hasOwnProperty.call(message, "sentAtMs") && (typeof message.sentAtMs === "object" ? message.sentAtMs.low || message.sentAtMs.high : message.sentAtMs !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).int64(message.sentAtMs);
                if (message.samples != null && message.samples.length)
                    for (let i = 0; i < message.samples.length; ++i)
                        $root.vitals.v1.Sample.encode(message.samples[i], writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.batteryPercent != null && $Object.hasOwnProperty.call(message, "batteryPercent") && !$Object.is(message.batteryPercent, 0))
                    writer.uint32(/* id 6, wireType 5 =*/53).float(message.batteryPercent);
                if (message.firmware != null && $Object.hasOwnProperty.call(message, "firmware") && message.firmware !== "")
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.firmware);
                if (message.bootId != null && $Object.hasOwnProperty.call(message, "bootId") && message.bootId !== "")
                    writer.uint32(/* id 8, wireType 2 =*/66).string(message.bootId);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified VitalsBatch message, length delimited. Does not implicitly {@link vitals.v1.VitalsBatch.verify|verify} messages.
             * @function encodeDelimited
             * @memberof vitals.v1.VitalsBatch
             * @static
             * @param {vitals.v1.VitalsBatch.$Properties} message VitalsBatch message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            VitalsBatch.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a VitalsBatch message from the specified reader or buffer.
             * @function decode
             * @memberof vitals.v1.VitalsBatch
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {vitals.v1.VitalsBatch & vitals.v1.VitalsBatch.$Shape} VitalsBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            VitalsBatch.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.vitals.v1.VitalsBatch();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.deviceId = value;
                            else
                                delete message.deviceId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.patientId = value;
                            else
                                delete message.patientId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.sequence = value;
                            else
                                delete message.sequence;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.sentAtMs = value;
                            else
                                delete message.sentAtMs;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if (!(message.samples && message.samples.length))
                                message.samples = [];
                            message.samples.push($root.vitals.v1.Sample.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 6: {
                            if (wireType !== 5)
                                break;
                            if (!$Object.is(value = reader.float(), 0))
                                message.batteryPercent = value;
                            else
                                delete message.batteryPercent;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.firmware = value;
                            else
                                delete message.firmware;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.bootId = value;
                            else
                                delete message.bootId;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a VitalsBatch message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof vitals.v1.VitalsBatch
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {vitals.v1.VitalsBatch & vitals.v1.VitalsBatch.$Shape} VitalsBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            VitalsBatch.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a VitalsBatch message.
             * @function verify
             * @memberof vitals.v1.VitalsBatch
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            VitalsBatch.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId"))
                    if (!$util.isString(message.deviceId))
                        return "deviceId: string expected";
                if (message.patientId != null && $Object.hasOwnProperty.call(message, "patientId"))
                    if (!$util.isString(message.patientId))
                        return "patientId: string expected";
                if (message.sequence != null && $Object.hasOwnProperty.call(message, "sequence"))
                    if (!$util.isInteger(message.sequence) && !(message.sequence && $util.isInteger(message.sequence.low) && $util.isInteger(message.sequence.high)))
                        return "sequence: integer|Long expected";
                if (message.sentAtMs != null && $Object.hasOwnProperty.call(message, "sentAtMs"))
                    if (!$util.isInteger(message.sentAtMs) && !(message.sentAtMs && $util.isInteger(message.sentAtMs.low) && $util.isInteger(message.sentAtMs.high)))
                        return "sentAtMs: integer|Long expected";
                if (message.samples != null && $Object.hasOwnProperty.call(message, "samples")) {
                    if (!$Array.isArray(message.samples))
                        return "samples: array expected";
                    for (let i = 0; i < message.samples.length; ++i) {
                        let error = $root.vitals.v1.Sample.verify(message.samples[i], _depth + 1);
                        if (error)
                            return "samples." + error;
                    }
                }
                if (message.batteryPercent != null && $Object.hasOwnProperty.call(message, "batteryPercent"))
                    if (typeof message.batteryPercent !== "number")
                        return "batteryPercent: number expected";
                if (message.firmware != null && $Object.hasOwnProperty.call(message, "firmware"))
                    if (!$util.isString(message.firmware))
                        return "firmware: string expected";
                if (message.bootId != null && $Object.hasOwnProperty.call(message, "bootId"))
                    if (!$util.isString(message.bootId))
                        return "bootId: string expected";
                return null;
            };

            /**
             * Creates a VitalsBatch message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof vitals.v1.VitalsBatch
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {vitals.v1.VitalsBatch} VitalsBatch
             */
            VitalsBatch.fromObject = function (object, _depth) {
                if (object instanceof $root.vitals.v1.VitalsBatch)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".vitals.v1.VitalsBatch: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.vitals.v1.VitalsBatch();
                if (object.deviceId != null)
                    if (typeof object.deviceId !== "string" || object.deviceId.length)
                        message.deviceId = $String(object.deviceId);
                if (object.patientId != null)
                    if (typeof object.patientId !== "string" || object.patientId.length)
                        message.patientId = $String(object.patientId);
                if (object.sequence != null)
                    if (typeof object.sequence === "object" ? object.sequence.low || object.sequence.high : $Number(object.sequence) !== 0)
                        if ($util.Long)
                            message.sequence = $util.Long.fromValue(object.sequence, true);
                        else if (typeof object.sequence === "string")
                            message.sequence = $parseInt(object.sequence, 10);
                        else if (typeof object.sequence === "number")
                            message.sequence = object.sequence;
                        else if (typeof object.sequence === "object")
                            message.sequence = new $util.LongBits(object.sequence.low >>> 0, object.sequence.high >>> 0).toNumber(true);
                if (object.sentAtMs != null)
                    if (typeof object.sentAtMs === "object" ? object.sentAtMs.low || object.sentAtMs.high : $Number(object.sentAtMs) !== 0)
                        if ($util.Long)
                            message.sentAtMs = $util.Long.fromValue(object.sentAtMs, false);
                        else if (typeof object.sentAtMs === "string")
                            message.sentAtMs = $parseInt(object.sentAtMs, 10);
                        else if (typeof object.sentAtMs === "number")
                            message.sentAtMs = object.sentAtMs;
                        else if (typeof object.sentAtMs === "object")
                            message.sentAtMs = new $util.LongBits(object.sentAtMs.low >>> 0, object.sentAtMs.high >>> 0).toNumber();
                if (object.samples) {
                    if (!$Array.isArray(object.samples))
                        throw $TypeError(".vitals.v1.VitalsBatch.samples: array expected");
                    message.samples = $Array(object.samples.length);
                    for (let i = 0; i < object.samples.length; ++i) {
                        if (!$util.isObject(object.samples[i]))
                            throw $TypeError(".vitals.v1.VitalsBatch.samples: object expected");
                        message.samples[i] = $root.vitals.v1.Sample.fromObject(object.samples[i], _depth + 1);
                    }
                }
                if (object.batteryPercent != null)
                    if (!$Object.is($Number(object.batteryPercent), 0))
                        message.batteryPercent = $Number(object.batteryPercent);
                if (object.firmware != null)
                    if (typeof object.firmware !== "string" || object.firmware.length)
                        message.firmware = $String(object.firmware);
                if (object.bootId != null)
                    if (typeof object.bootId !== "string" || object.bootId.length)
                        message.bootId = $String(object.bootId);
                return message;
            };

            /**
             * Creates a plain object from a VitalsBatch message. Also converts values to other types if specified.
             * @function toObject
             * @memberof vitals.v1.VitalsBatch
             * @static
             * @param {vitals.v1.VitalsBatch} message VitalsBatch
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            VitalsBatch.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.samples = [];
                if (options.defaults) {
                    object.deviceId = "";
                    object.patientId = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.sequence = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.sequence = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.sentAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.sentAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.batteryPercent = 0;
                    object.firmware = "";
                    object.bootId = "";
                }
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId"))
                    object.deviceId = message.deviceId;
                if (message.patientId != null && $Object.hasOwnProperty.call(message, "patientId"))
                    object.patientId = message.patientId;
                if (message.sequence != null && $Object.hasOwnProperty.call(message, "sequence"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.sequence = typeof message.sequence === "number" ? $BigInt(message.sequence) : $util.Long.fromBits(message.sequence.low >>> 0, message.sequence.high >>> 0, true).toBigInt();
                    else if (typeof message.sequence === "number")
                        object.sequence = options.longs === $String ? $String(message.sequence) : message.sequence;
                    else
                        object.sequence = options.longs === $String ? $util.Long.prototype.toString.call(message.sequence) : options.longs === $Number ? new $util.LongBits(message.sequence.low >>> 0, message.sequence.high >>> 0).toNumber(true) : message.sequence;
                if (message.sentAtMs != null && $Object.hasOwnProperty.call(message, "sentAtMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.sentAtMs = typeof message.sentAtMs === "number" ? $BigInt(message.sentAtMs) : $util.Long.fromBits(message.sentAtMs.low >>> 0, message.sentAtMs.high >>> 0, false).toBigInt();
                    else if (typeof message.sentAtMs === "number")
                        object.sentAtMs = options.longs === $String ? $String(message.sentAtMs) : message.sentAtMs;
                    else
                        object.sentAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.sentAtMs) : options.longs === $Number ? new $util.LongBits(message.sentAtMs.low >>> 0, message.sentAtMs.high >>> 0).toNumber() : message.sentAtMs;
                if (message.samples && message.samples.length) {
                    object.samples = $Array(message.samples.length);
                    for (let j = 0; j < message.samples.length; ++j)
                        object.samples[j] = $root.vitals.v1.Sample.toObject(message.samples[j], options, _depth + 1);
                }
                if (message.batteryPercent != null && $Object.hasOwnProperty.call(message, "batteryPercent"))
                    object.batteryPercent = options.json && !$isFinite(message.batteryPercent) ? $String(message.batteryPercent) : message.batteryPercent;
                if (message.firmware != null && $Object.hasOwnProperty.call(message, "firmware"))
                    object.firmware = message.firmware;
                if (message.bootId != null && $Object.hasOwnProperty.call(message, "bootId"))
                    object.bootId = message.bootId;
                return object;
            };

            /**
             * Converts this VitalsBatch to JSON.
             * @function toJSON
             * @memberof vitals.v1.VitalsBatch
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            VitalsBatch.prototype.toJSON = function() {
                return VitalsBatch.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for VitalsBatch
             * @function getTypeUrl
             * @memberof vitals.v1.VitalsBatch
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            VitalsBatch.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/vitals.v1.VitalsBatch";
            };

            return VitalsBatch;
        })();

        /**
         * DeviceState enum.
         * @name vitals.v1.DeviceState
         * @enum {number}
         * @property {number} DEVICE_STATE_UNSPECIFIED=0 DEVICE_STATE_UNSPECIFIED value
         * @property {number} DEVICE_STATE_ONLINE=1 DEVICE_STATE_ONLINE value
         * @property {number} DEVICE_STATE_OFFLINE=2 DEVICE_STATE_OFFLINE value
         */
        v1.DeviceState = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "DEVICE_STATE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "DEVICE_STATE_ONLINE"] = 1;
            values[valuesById[2] = "DEVICE_STATE_OFFLINE"] = 2;
            return values;
        })();

        v1.DeviceStatus = (function() {

            /**
             * Properties of a DeviceStatus.
             * @typedef {Object} vitals.v1.DeviceStatus.$Properties
             * @property {string|null} [deviceId] DeviceStatus deviceId
             * @property {vitals.v1.DeviceState|null} [state] DeviceStatus state
             * @property {string|null} [reason] DeviceStatus reason
             * @property {number|null} [atMs] DeviceStatus atMs
             * @property {string|null} [firmware] DeviceStatus firmware
             * @property {string|null} [patientId] DeviceStatus patientId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DeviceStatus.
             * @memberof vitals.v1
             * @interface IDeviceStatus
             * @augments vitals.v1.DeviceStatus.$Properties
             * @deprecated Use vitals.v1.DeviceStatus.$Properties instead.
             */

            /**
             * Shape of a DeviceStatus.
             * @typedef {vitals.v1.DeviceStatus.$Properties} vitals.v1.DeviceStatus.$Shape
             */

            /**
             * Constructs a new DeviceStatus.
             * @memberof vitals.v1
             * @classdesc Represents a DeviceStatus.
             * @constructor
             * @param {vitals.v1.DeviceStatus.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DeviceStatus = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * DeviceStatus deviceId.
             * @member {string} deviceId
             * @memberof vitals.v1.DeviceStatus
             * @instance
             */
            DeviceStatus.prototype.deviceId = "";

            /**
             * DeviceStatus state.
             * @member {vitals.v1.DeviceState} state
             * @memberof vitals.v1.DeviceStatus
             * @instance
             */
            DeviceStatus.prototype.state = 0;

            /**
             * DeviceStatus reason.
             * @member {string} reason
             * @memberof vitals.v1.DeviceStatus
             * @instance
             */
            DeviceStatus.prototype.reason = "";

            /**
             * DeviceStatus atMs.
             * @member {number} atMs
             * @memberof vitals.v1.DeviceStatus
             * @instance
             */
            DeviceStatus.prototype.atMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * DeviceStatus firmware.
             * @member {string} firmware
             * @memberof vitals.v1.DeviceStatus
             * @instance
             */
            DeviceStatus.prototype.firmware = "";

            /**
             * DeviceStatus patientId.
             * @member {string} patientId
             * @memberof vitals.v1.DeviceStatus
             * @instance
             */
            DeviceStatus.prototype.patientId = "";

            /**
             * Creates a new DeviceStatus instance using the specified properties.
             * @function create
             * @memberof vitals.v1.DeviceStatus
             * @static
             * @param {vitals.v1.DeviceStatus.$Properties=} [properties] Properties to set
             * @returns {vitals.v1.DeviceStatus} DeviceStatus instance
             * @type {{
             *   (properties: vitals.v1.DeviceStatus.$Shape): vitals.v1.DeviceStatus & vitals.v1.DeviceStatus.$Shape;
             *   (properties?: vitals.v1.DeviceStatus.$Properties): vitals.v1.DeviceStatus;
             * }}
             */
            DeviceStatus.create = function(properties) {
                return new DeviceStatus(properties);
            };

            /**
             * Encodes the specified DeviceStatus message. Does not implicitly {@link vitals.v1.DeviceStatus.verify|verify} messages.
             * @function encode
             * @memberof vitals.v1.DeviceStatus
             * @static
             * @param {vitals.v1.DeviceStatus.$Properties} message DeviceStatus message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DeviceStatus.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId") && message.deviceId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.deviceId);
                if (message.state != null && $Object.hasOwnProperty.call(message, "state") && message.state !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.state);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.reason);
                if (message.atMs != null && $Object.hasOwnProperty.call(message, "atMs") && (typeof message.atMs === "object" ? message.atMs.low || message.atMs.high : message.atMs !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).int64(message.atMs);
                if (message.firmware != null && $Object.hasOwnProperty.call(message, "firmware") && message.firmware !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.firmware);
                if (message.patientId != null && $Object.hasOwnProperty.call(message, "patientId") && message.patientId !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.patientId);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified DeviceStatus message, length delimited. Does not implicitly {@link vitals.v1.DeviceStatus.verify|verify} messages.
             * @function encodeDelimited
             * @memberof vitals.v1.DeviceStatus
             * @static
             * @param {vitals.v1.DeviceStatus.$Properties} message DeviceStatus message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DeviceStatus.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a DeviceStatus message from the specified reader or buffer.
             * @function decode
             * @memberof vitals.v1.DeviceStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {vitals.v1.DeviceStatus & vitals.v1.DeviceStatus.$Shape} DeviceStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DeviceStatus.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.vitals.v1.DeviceStatus();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.deviceId = value;
                            else
                                delete message.deviceId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.state = value;
                            else
                                delete message.state;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.atMs = value;
                            else
                                delete message.atMs;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.firmware = value;
                            else
                                delete message.firmware;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.patientId = value;
                            else
                                delete message.patientId;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a DeviceStatus message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof vitals.v1.DeviceStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {vitals.v1.DeviceStatus & vitals.v1.DeviceStatus.$Shape} DeviceStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DeviceStatus.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a DeviceStatus message.
             * @function verify
             * @memberof vitals.v1.DeviceStatus
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            DeviceStatus.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId"))
                    if (!$util.isString(message.deviceId))
                        return "deviceId: string expected";
                if (message.state != null && $Object.hasOwnProperty.call(message, "state"))
                    if (typeof message.state !== "number" || (message.state | 0) !== message.state)
                        return "state: enum value expected";
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    if (!$util.isString(message.reason))
                        return "reason: string expected";
                if (message.atMs != null && $Object.hasOwnProperty.call(message, "atMs"))
                    if (!$util.isInteger(message.atMs) && !(message.atMs && $util.isInteger(message.atMs.low) && $util.isInteger(message.atMs.high)))
                        return "atMs: integer|Long expected";
                if (message.firmware != null && $Object.hasOwnProperty.call(message, "firmware"))
                    if (!$util.isString(message.firmware))
                        return "firmware: string expected";
                if (message.patientId != null && $Object.hasOwnProperty.call(message, "patientId"))
                    if (!$util.isString(message.patientId))
                        return "patientId: string expected";
                return null;
            };

            /**
             * Creates a DeviceStatus message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof vitals.v1.DeviceStatus
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {vitals.v1.DeviceStatus} DeviceStatus
             */
            DeviceStatus.fromObject = function (object, _depth) {
                if (object instanceof $root.vitals.v1.DeviceStatus)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".vitals.v1.DeviceStatus: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.vitals.v1.DeviceStatus();
                if (object.deviceId != null)
                    if (typeof object.deviceId !== "string" || object.deviceId.length)
                        message.deviceId = $String(object.deviceId);
                if (object.state !== 0 && (typeof object.state !== "string" || $root.vitals.v1.DeviceState[object.state] !== 0))
                    switch (object.state) {
                    case "DEVICE_STATE_UNSPECIFIED":
                    case 0:
                        message.state = 0;
                        break;
                    case "DEVICE_STATE_ONLINE":
                    case 1:
                        message.state = 1;
                        break;
                    case "DEVICE_STATE_OFFLINE":
                    case 2:
                        message.state = 2;
                        break;
                    default:
                        if (typeof object.state === "number" && (object.state | 0) === object.state)
                            message.state = object.state;
                    }
                if (object.reason != null)
                    if (typeof object.reason !== "string" || object.reason.length)
                        message.reason = $String(object.reason);
                if (object.atMs != null)
                    if (typeof object.atMs === "object" ? object.atMs.low || object.atMs.high : $Number(object.atMs) !== 0)
                        if ($util.Long)
                            message.atMs = $util.Long.fromValue(object.atMs, false);
                        else if (typeof object.atMs === "string")
                            message.atMs = $parseInt(object.atMs, 10);
                        else if (typeof object.atMs === "number")
                            message.atMs = object.atMs;
                        else if (typeof object.atMs === "object")
                            message.atMs = new $util.LongBits(object.atMs.low >>> 0, object.atMs.high >>> 0).toNumber();
                if (object.firmware != null)
                    if (typeof object.firmware !== "string" || object.firmware.length)
                        message.firmware = $String(object.firmware);
                if (object.patientId != null)
                    if (typeof object.patientId !== "string" || object.patientId.length)
                        message.patientId = $String(object.patientId);
                return message;
            };

            /**
             * Creates a plain object from a DeviceStatus message. Also converts values to other types if specified.
             * @function toObject
             * @memberof vitals.v1.DeviceStatus
             * @static
             * @param {vitals.v1.DeviceStatus} message DeviceStatus
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            DeviceStatus.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.deviceId = "";
                    object.state = options.enums === $String ? "DEVICE_STATE_UNSPECIFIED" : 0;
                    object.reason = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.atMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.atMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.firmware = "";
                    object.patientId = "";
                }
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId"))
                    object.deviceId = message.deviceId;
                if (message.state != null && $Object.hasOwnProperty.call(message, "state"))
                    object.state = options.enums === $String ? $root.vitals.v1.DeviceState[message.state] === $undefined ? message.state : $root.vitals.v1.DeviceState[message.state] : message.state;
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    object.reason = message.reason;
                if (message.atMs != null && $Object.hasOwnProperty.call(message, "atMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.atMs = typeof message.atMs === "number" ? $BigInt(message.atMs) : $util.Long.fromBits(message.atMs.low >>> 0, message.atMs.high >>> 0, false).toBigInt();
                    else if (typeof message.atMs === "number")
                        object.atMs = options.longs === $String ? $String(message.atMs) : message.atMs;
                    else
                        object.atMs = options.longs === $String ? $util.Long.prototype.toString.call(message.atMs) : options.longs === $Number ? new $util.LongBits(message.atMs.low >>> 0, message.atMs.high >>> 0).toNumber() : message.atMs;
                if (message.firmware != null && $Object.hasOwnProperty.call(message, "firmware"))
                    object.firmware = message.firmware;
                if (message.patientId != null && $Object.hasOwnProperty.call(message, "patientId"))
                    object.patientId = message.patientId;
                return object;
            };

            /**
             * Converts this DeviceStatus to JSON.
             * @function toJSON
             * @memberof vitals.v1.DeviceStatus
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            DeviceStatus.prototype.toJSON = function() {
                return DeviceStatus.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for DeviceStatus
             * @function getTypeUrl
             * @memberof vitals.v1.DeviceStatus
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DeviceStatus.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/vitals.v1.DeviceStatus";
            };

            return DeviceStatus;
        })();

        /**
         * AlertPriority enum.
         * @name vitals.v1.AlertPriority
         * @enum {number}
         * @property {number} ALERT_PRIORITY_UNSPECIFIED=0 ALERT_PRIORITY_UNSPECIFIED value
         * @property {number} ALERT_PRIORITY_LOW=1 ALERT_PRIORITY_LOW value
         * @property {number} ALERT_PRIORITY_MEDIUM=2 ALERT_PRIORITY_MEDIUM value
         * @property {number} ALERT_PRIORITY_HIGH=3 ALERT_PRIORITY_HIGH value
         */
        v1.AlertPriority = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "ALERT_PRIORITY_UNSPECIFIED"] = 0;
            values[valuesById[1] = "ALERT_PRIORITY_LOW"] = 1;
            values[valuesById[2] = "ALERT_PRIORITY_MEDIUM"] = 2;
            values[valuesById[3] = "ALERT_PRIORITY_HIGH"] = 3;
            return values;
        })();

        /**
         * AlertState enum.
         * @name vitals.v1.AlertState
         * @enum {number}
         * @property {number} ALERT_STATE_UNSPECIFIED=0 ALERT_STATE_UNSPECIFIED value
         * @property {number} ALERT_STATE_OPEN=1 ALERT_STATE_OPEN value
         * @property {number} ALERT_STATE_ACKNOWLEDGED=2 ALERT_STATE_ACKNOWLEDGED value
         * @property {number} ALERT_STATE_RESOLVED=3 ALERT_STATE_RESOLVED value
         */
        v1.AlertState = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "ALERT_STATE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "ALERT_STATE_OPEN"] = 1;
            values[valuesById[2] = "ALERT_STATE_ACKNOWLEDGED"] = 2;
            values[valuesById[3] = "ALERT_STATE_RESOLVED"] = 3;
            return values;
        })();

        v1.Alert = (function() {

            /**
             * Properties of an Alert.
             * @typedef {Object} vitals.v1.Alert.$Properties
             * @property {string|null} [alertId] Alert alertId
             * @property {string|null} [patientId] Alert patientId
             * @property {string|null} [deviceId] Alert deviceId
             * @property {string|null} [kind] Alert kind
             * @property {vitals.v1.AlertPriority|null} [priority] Alert priority
             * @property {vitals.v1.AlertState|null} [state] Alert state
             * @property {vitals.v1.VitalKind|null} [vital] Alert vital
             * @property {number|null} [value] Alert value
             * @property {number|null} [threshold] Alert threshold
             * @property {string|null} [message] Alert message
             * @property {number|null} [raisedAtMs] Alert raisedAtMs
             * @property {number|null} [updatedAtMs] Alert updatedAtMs
             * @property {number|null} [news2Score] Alert news2Score
             * @property {string|null} [news2Band] Alert news2Band
             * @property {string|null} [acknowledgedBy] Alert acknowledgedBy
             * @property {vitals.v1.AlertCategory|null} [category] Alert category
             * @property {boolean|null} [conditionActive] Alert conditionActive
             * @property {boolean|null} [latched] Alert latched
             * @property {number|null} [escalationLevel] Alert escalationLevel
             * @property {number|null} [escalatedAtMs] Alert escalatedAtMs
             * @property {number|null} [acknowledgedUntilMs] Alert acknowledgedUntilMs
             * @property {string|null} [news2Missing] Alert news2Missing
             * @property {string|null} [news2Response] Alert news2Response
             * @property {string|null} [change] Alert change
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Alert.
             * @memberof vitals.v1
             * @interface IAlert
             * @augments vitals.v1.Alert.$Properties
             * @deprecated Use vitals.v1.Alert.$Properties instead.
             */

            /**
             * Shape of an Alert.
             * @typedef {vitals.v1.Alert.$Properties} vitals.v1.Alert.$Shape
             */

            /**
             * Constructs a new Alert.
             * @memberof vitals.v1
             * @classdesc Represents an Alert.
             * @constructor
             * @param {vitals.v1.Alert.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Alert = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Alert alertId.
             * @member {string} alertId
             * @memberof vitals.v1.Alert
             * @instance
             */
            Alert.prototype.alertId = "";

            /**
             * Alert patientId.
             * @member {string} patientId
             * @memberof vitals.v1.Alert
             * @instance
             */
            Alert.prototype.patientId = "";

            /**
             * Alert deviceId.
             * @member {string} deviceId
             * @memberof vitals.v1.Alert
             * @instance
             */
            Alert.prototype.deviceId = "";

            /**
             * Alert kind.
             * @member {string} kind
             * @memberof vitals.v1.Alert
             * @instance
             */
            Alert.prototype.kind = "";

            /**
             * Alert priority.
             * @member {vitals.v1.AlertPriority} priority
             * @memberof vitals.v1.Alert
             * @instance
             */
            Alert.prototype.priority = 0;

            /**
             * Alert state.
             * @member {vitals.v1.AlertState} state
             * @memberof vitals.v1.Alert
             * @instance
             */
            Alert.prototype.state = 0;

            /**
             * Alert vital.
             * @member {vitals.v1.VitalKind} vital
             * @memberof vitals.v1.Alert
             * @instance
             */
            Alert.prototype.vital = 0;

            /**
             * Alert value.
             * @member {number} value
             * @memberof vitals.v1.Alert
             * @instance
             */
            Alert.prototype.value = 0;

            /**
             * Alert threshold.
             * @member {number} threshold
             * @memberof vitals.v1.Alert
             * @instance
             */
            Alert.prototype.threshold = 0;

            /**
             * Alert message.
             * @member {string} message
             * @memberof vitals.v1.Alert
             * @instance
             */
            Alert.prototype.message = "";

            /**
             * Alert raisedAtMs.
             * @member {number} raisedAtMs
             * @memberof vitals.v1.Alert
             * @instance
             */
            Alert.prototype.raisedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Alert updatedAtMs.
             * @member {number} updatedAtMs
             * @memberof vitals.v1.Alert
             * @instance
             */
            Alert.prototype.updatedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Alert news2Score.
             * @member {number} news2Score
             * @memberof vitals.v1.Alert
             * @instance
             */
            Alert.prototype.news2Score = 0;

            /**
             * Alert news2Band.
             * @member {string} news2Band
             * @memberof vitals.v1.Alert
             * @instance
             */
            Alert.prototype.news2Band = "";

            /**
             * Alert acknowledgedBy.
             * @member {string} acknowledgedBy
             * @memberof vitals.v1.Alert
             * @instance
             */
            Alert.prototype.acknowledgedBy = "";

            /**
             * Alert category.
             * @member {vitals.v1.AlertCategory} category
             * @memberof vitals.v1.Alert
             * @instance
             */
            Alert.prototype.category = 0;

            /**
             * Alert conditionActive.
             * @member {boolean} conditionActive
             * @memberof vitals.v1.Alert
             * @instance
             */
            Alert.prototype.conditionActive = false;

            /**
             * Alert latched.
             * @member {boolean} latched
             * @memberof vitals.v1.Alert
             * @instance
             */
            Alert.prototype.latched = false;

            /**
             * Alert escalationLevel.
             * @member {number} escalationLevel
             * @memberof vitals.v1.Alert
             * @instance
             */
            Alert.prototype.escalationLevel = 0;

            /**
             * Alert escalatedAtMs.
             * @member {number} escalatedAtMs
             * @memberof vitals.v1.Alert
             * @instance
             */
            Alert.prototype.escalatedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Alert acknowledgedUntilMs.
             * @member {number} acknowledgedUntilMs
             * @memberof vitals.v1.Alert
             * @instance
             */
            Alert.prototype.acknowledgedUntilMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Alert news2Missing.
             * @member {string} news2Missing
             * @memberof vitals.v1.Alert
             * @instance
             */
            Alert.prototype.news2Missing = "";

            /**
             * Alert news2Response.
             * @member {string} news2Response
             * @memberof vitals.v1.Alert
             * @instance
             */
            Alert.prototype.news2Response = "";

            /**
             * Alert change.
             * @member {string} change
             * @memberof vitals.v1.Alert
             * @instance
             */
            Alert.prototype.change = "";

            /**
             * Creates a new Alert instance using the specified properties.
             * @function create
             * @memberof vitals.v1.Alert
             * @static
             * @param {vitals.v1.Alert.$Properties=} [properties] Properties to set
             * @returns {vitals.v1.Alert} Alert instance
             * @type {{
             *   (properties: vitals.v1.Alert.$Shape): vitals.v1.Alert & vitals.v1.Alert.$Shape;
             *   (properties?: vitals.v1.Alert.$Properties): vitals.v1.Alert;
             * }}
             */
            Alert.create = function(properties) {
                return new Alert(properties);
            };

            /**
             * Encodes the specified Alert message. Does not implicitly {@link vitals.v1.Alert.verify|verify} messages.
             * @function encode
             * @memberof vitals.v1.Alert
             * @static
             * @param {vitals.v1.Alert.$Properties} message Alert message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Alert.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.alertId != null && $Object.hasOwnProperty.call(message, "alertId") && message.alertId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.alertId);
                if (message.patientId != null && $Object.hasOwnProperty.call(message, "patientId") && message.patientId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.patientId);
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId") && message.deviceId !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.deviceId);
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.kind);
                if (message.priority != null && $Object.hasOwnProperty.call(message, "priority") && message.priority !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).int32(message.priority);
                if (message.state != null && $Object.hasOwnProperty.call(message, "state") && message.state !== 0)
                    writer.uint32(/* id 6, wireType 0 =*/48).int32(message.state);
                if (message.vital != null && $Object.hasOwnProperty.call(message, "vital") && message.vital !== 0)
                    writer.uint32(/* id 7, wireType 0 =*/56).int32(message.vital);
                if (message.value != null && $Object.hasOwnProperty.call(message, "value") && !$Object.is(message.value, 0))
                    writer.uint32(/* id 8, wireType 1 =*/65).double(message.value);
                if (message.threshold != null && $Object.hasOwnProperty.call(message, "threshold") && !$Object.is(message.threshold, 0))
                    writer.uint32(/* id 9, wireType 1 =*/73).double(message.threshold);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 10, wireType 2 =*/82).string(message.message);
                if (message.raisedAtMs != null && $Object.hasOwnProperty.call(message, "raisedAtMs") && (typeof message.raisedAtMs === "object" ? message.raisedAtMs.low || message.raisedAtMs.high : message.raisedAtMs !== 0))
                    writer.uint32(/* id 11, wireType 0 =*/88).int64(message.raisedAtMs);
                if (message.updatedAtMs != null && $Object.hasOwnProperty.call(message, "updatedAtMs") && (typeof message.updatedAtMs === "object" ? message.updatedAtMs.low || message.updatedAtMs.high : message.updatedAtMs !== 0))
                    writer.uint32(/* id 12, wireType 0 =*/96).int64(message.updatedAtMs);
                if (message.news2Score != null && $Object.hasOwnProperty.call(message, "news2Score") && message.news2Score !== 0)
                    writer.uint32(/* id 13, wireType 0 =*/104).int32(message.news2Score);
                if (message.news2Band != null && $Object.hasOwnProperty.call(message, "news2Band") && message.news2Band !== "")
                    writer.uint32(/* id 14, wireType 2 =*/114).string(message.news2Band);
                if (message.acknowledgedBy != null && $Object.hasOwnProperty.call(message, "acknowledgedBy") && message.acknowledgedBy !== "")
                    writer.uint32(/* id 15, wireType 2 =*/122).string(message.acknowledgedBy);
                if (message.category != null && $Object.hasOwnProperty.call(message, "category") && message.category !== 0)
                    writer.uint32(/* id 16, wireType 0 =*/128).int32(message.category);
                if (message.conditionActive != null && $Object.hasOwnProperty.call(message, "conditionActive") && message.conditionActive !== false)
                    writer.uint32(/* id 17, wireType 0 =*/136).bool(message.conditionActive);
                if (message.latched != null && $Object.hasOwnProperty.call(message, "latched") && message.latched !== false)
                    writer.uint32(/* id 18, wireType 0 =*/144).bool(message.latched);
                if (message.escalationLevel != null && $Object.hasOwnProperty.call(message, "escalationLevel") && message.escalationLevel !== 0)
                    writer.uint32(/* id 19, wireType 0 =*/152).int32(message.escalationLevel);
                if (message.escalatedAtMs != null && $Object.hasOwnProperty.call(message, "escalatedAtMs") && (typeof message.escalatedAtMs === "object" ? message.escalatedAtMs.low || message.escalatedAtMs.high : message.escalatedAtMs !== 0))
                    writer.uint32(/* id 20, wireType 0 =*/160).int64(message.escalatedAtMs);
                if (message.acknowledgedUntilMs != null && $Object.hasOwnProperty.call(message, "acknowledgedUntilMs") && (typeof message.acknowledgedUntilMs === "object" ? message.acknowledgedUntilMs.low || message.acknowledgedUntilMs.high : message.acknowledgedUntilMs !== 0))
                    writer.uint32(/* id 21, wireType 0 =*/168).int64(message.acknowledgedUntilMs);
                if (message.news2Missing != null && $Object.hasOwnProperty.call(message, "news2Missing") && message.news2Missing !== "")
                    writer.uint32(/* id 22, wireType 2 =*/178).string(message.news2Missing);
                if (message.news2Response != null && $Object.hasOwnProperty.call(message, "news2Response") && message.news2Response !== "")
                    writer.uint32(/* id 23, wireType 2 =*/186).string(message.news2Response);
                if (message.change != null && $Object.hasOwnProperty.call(message, "change") && message.change !== "")
                    writer.uint32(/* id 24, wireType 2 =*/194).string(message.change);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Alert message, length delimited. Does not implicitly {@link vitals.v1.Alert.verify|verify} messages.
             * @function encodeDelimited
             * @memberof vitals.v1.Alert
             * @static
             * @param {vitals.v1.Alert.$Properties} message Alert message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Alert.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an Alert message from the specified reader or buffer.
             * @function decode
             * @memberof vitals.v1.Alert
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {vitals.v1.Alert & vitals.v1.Alert.$Shape} Alert
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Alert.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.vitals.v1.Alert();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.alertId = value;
                            else
                                delete message.alertId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.patientId = value;
                            else
                                delete message.patientId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.deviceId = value;
                            else
                                delete message.deviceId;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.kind = value;
                            else
                                delete message.kind;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.priority = value;
                            else
                                delete message.priority;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.state = value;
                            else
                                delete message.state;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.vital = value;
                            else
                                delete message.vital;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 1)
                                break;
                            if (!$Object.is(value = reader.double(), 0))
                                message.value = value;
                            else
                                delete message.value;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 1)
                                break;
                            if (!$Object.is(value = reader.double(), 0))
                                message.threshold = value;
                            else
                                delete message.threshold;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.raisedAtMs = value;
                            else
                                delete message.raisedAtMs;
                            continue;
                        }
                    case 12: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.updatedAtMs = value;
                            else
                                delete message.updatedAtMs;
                            continue;
                        }
                    case 13: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.news2Score = value;
                            else
                                delete message.news2Score;
                            continue;
                        }
                    case 14: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.news2Band = value;
                            else
                                delete message.news2Band;
                            continue;
                        }
                    case 15: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.acknowledgedBy = value;
                            else
                                delete message.acknowledgedBy;
                            continue;
                        }
                    case 16: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.category = value;
                            else
                                delete message.category;
                            continue;
                        }
                    case 17: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.conditionActive = value;
                            else
                                delete message.conditionActive;
                            continue;
                        }
                    case 18: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.latched = value;
                            else
                                delete message.latched;
                            continue;
                        }
                    case 19: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.escalationLevel = value;
                            else
                                delete message.escalationLevel;
                            continue;
                        }
                    case 20: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.escalatedAtMs = value;
                            else
                                delete message.escalatedAtMs;
                            continue;
                        }
                    case 21: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.acknowledgedUntilMs = value;
                            else
                                delete message.acknowledgedUntilMs;
                            continue;
                        }
                    case 22: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.news2Missing = value;
                            else
                                delete message.news2Missing;
                            continue;
                        }
                    case 23: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.news2Response = value;
                            else
                                delete message.news2Response;
                            continue;
                        }
                    case 24: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.change = value;
                            else
                                delete message.change;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an Alert message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof vitals.v1.Alert
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {vitals.v1.Alert & vitals.v1.Alert.$Shape} Alert
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Alert.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an Alert message.
             * @function verify
             * @memberof vitals.v1.Alert
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Alert.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.alertId != null && $Object.hasOwnProperty.call(message, "alertId"))
                    if (!$util.isString(message.alertId))
                        return "alertId: string expected";
                if (message.patientId != null && $Object.hasOwnProperty.call(message, "patientId"))
                    if (!$util.isString(message.patientId))
                        return "patientId: string expected";
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId"))
                    if (!$util.isString(message.deviceId))
                        return "deviceId: string expected";
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                    if (!$util.isString(message.kind))
                        return "kind: string expected";
                if (message.priority != null && $Object.hasOwnProperty.call(message, "priority"))
                    if (typeof message.priority !== "number" || (message.priority | 0) !== message.priority)
                        return "priority: enum value expected";
                if (message.state != null && $Object.hasOwnProperty.call(message, "state"))
                    if (typeof message.state !== "number" || (message.state | 0) !== message.state)
                        return "state: enum value expected";
                if (message.vital != null && $Object.hasOwnProperty.call(message, "vital"))
                    if (typeof message.vital !== "number" || (message.vital | 0) !== message.vital)
                        return "vital: enum value expected";
                if (message.value != null && $Object.hasOwnProperty.call(message, "value"))
                    if (typeof message.value !== "number")
                        return "value: number expected";
                if (message.threshold != null && $Object.hasOwnProperty.call(message, "threshold"))
                    if (typeof message.threshold !== "number")
                        return "threshold: number expected";
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    if (!$util.isString(message.message))
                        return "message: string expected";
                if (message.raisedAtMs != null && $Object.hasOwnProperty.call(message, "raisedAtMs"))
                    if (!$util.isInteger(message.raisedAtMs) && !(message.raisedAtMs && $util.isInteger(message.raisedAtMs.low) && $util.isInteger(message.raisedAtMs.high)))
                        return "raisedAtMs: integer|Long expected";
                if (message.updatedAtMs != null && $Object.hasOwnProperty.call(message, "updatedAtMs"))
                    if (!$util.isInteger(message.updatedAtMs) && !(message.updatedAtMs && $util.isInteger(message.updatedAtMs.low) && $util.isInteger(message.updatedAtMs.high)))
                        return "updatedAtMs: integer|Long expected";
                if (message.news2Score != null && $Object.hasOwnProperty.call(message, "news2Score"))
                    if (!$util.isInteger(message.news2Score))
                        return "news2Score: integer expected";
                if (message.news2Band != null && $Object.hasOwnProperty.call(message, "news2Band"))
                    if (!$util.isString(message.news2Band))
                        return "news2Band: string expected";
                if (message.acknowledgedBy != null && $Object.hasOwnProperty.call(message, "acknowledgedBy"))
                    if (!$util.isString(message.acknowledgedBy))
                        return "acknowledgedBy: string expected";
                if (message.category != null && $Object.hasOwnProperty.call(message, "category"))
                    if (typeof message.category !== "number" || (message.category | 0) !== message.category)
                        return "category: enum value expected";
                if (message.conditionActive != null && $Object.hasOwnProperty.call(message, "conditionActive"))
                    if (typeof message.conditionActive !== "boolean")
                        return "conditionActive: boolean expected";
                if (message.latched != null && $Object.hasOwnProperty.call(message, "latched"))
                    if (typeof message.latched !== "boolean")
                        return "latched: boolean expected";
                if (message.escalationLevel != null && $Object.hasOwnProperty.call(message, "escalationLevel"))
                    if (!$util.isInteger(message.escalationLevel))
                        return "escalationLevel: integer expected";
                if (message.escalatedAtMs != null && $Object.hasOwnProperty.call(message, "escalatedAtMs"))
                    if (!$util.isInteger(message.escalatedAtMs) && !(message.escalatedAtMs && $util.isInteger(message.escalatedAtMs.low) && $util.isInteger(message.escalatedAtMs.high)))
                        return "escalatedAtMs: integer|Long expected";
                if (message.acknowledgedUntilMs != null && $Object.hasOwnProperty.call(message, "acknowledgedUntilMs"))
                    if (!$util.isInteger(message.acknowledgedUntilMs) && !(message.acknowledgedUntilMs && $util.isInteger(message.acknowledgedUntilMs.low) && $util.isInteger(message.acknowledgedUntilMs.high)))
                        return "acknowledgedUntilMs: integer|Long expected";
                if (message.news2Missing != null && $Object.hasOwnProperty.call(message, "news2Missing"))
                    if (!$util.isString(message.news2Missing))
                        return "news2Missing: string expected";
                if (message.news2Response != null && $Object.hasOwnProperty.call(message, "news2Response"))
                    if (!$util.isString(message.news2Response))
                        return "news2Response: string expected";
                if (message.change != null && $Object.hasOwnProperty.call(message, "change"))
                    if (!$util.isString(message.change))
                        return "change: string expected";
                return null;
            };

            /**
             * Creates an Alert message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof vitals.v1.Alert
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {vitals.v1.Alert} Alert
             */
            Alert.fromObject = function (object, _depth) {
                if (object instanceof $root.vitals.v1.Alert)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".vitals.v1.Alert: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.vitals.v1.Alert();
                if (object.alertId != null)
                    if (typeof object.alertId !== "string" || object.alertId.length)
                        message.alertId = $String(object.alertId);
                if (object.patientId != null)
                    if (typeof object.patientId !== "string" || object.patientId.length)
                        message.patientId = $String(object.patientId);
                if (object.deviceId != null)
                    if (typeof object.deviceId !== "string" || object.deviceId.length)
                        message.deviceId = $String(object.deviceId);
                if (object.kind != null)
                    if (typeof object.kind !== "string" || object.kind.length)
                        message.kind = $String(object.kind);
                if (object.priority !== 0 && (typeof object.priority !== "string" || $root.vitals.v1.AlertPriority[object.priority] !== 0))
                    switch (object.priority) {
                    case "ALERT_PRIORITY_UNSPECIFIED":
                    case 0:
                        message.priority = 0;
                        break;
                    case "ALERT_PRIORITY_LOW":
                    case 1:
                        message.priority = 1;
                        break;
                    case "ALERT_PRIORITY_MEDIUM":
                    case 2:
                        message.priority = 2;
                        break;
                    case "ALERT_PRIORITY_HIGH":
                    case 3:
                        message.priority = 3;
                        break;
                    default:
                        if (typeof object.priority === "number" && (object.priority | 0) === object.priority)
                            message.priority = object.priority;
                    }
                if (object.state !== 0 && (typeof object.state !== "string" || $root.vitals.v1.AlertState[object.state] !== 0))
                    switch (object.state) {
                    case "ALERT_STATE_UNSPECIFIED":
                    case 0:
                        message.state = 0;
                        break;
                    case "ALERT_STATE_OPEN":
                    case 1:
                        message.state = 1;
                        break;
                    case "ALERT_STATE_ACKNOWLEDGED":
                    case 2:
                        message.state = 2;
                        break;
                    case "ALERT_STATE_RESOLVED":
                    case 3:
                        message.state = 3;
                        break;
                    default:
                        if (typeof object.state === "number" && (object.state | 0) === object.state)
                            message.state = object.state;
                    }
                if (object.vital !== 0 && (typeof object.vital !== "string" || $root.vitals.v1.VitalKind[object.vital] !== 0))
                    switch (object.vital) {
                    case "VITAL_KIND_UNSPECIFIED":
                    case 0:
                        message.vital = 0;
                        break;
                    case "VITAL_KIND_HEART_RATE":
                    case 1:
                        message.vital = 1;
                        break;
                    case "VITAL_KIND_SPO2":
                    case 2:
                        message.vital = 2;
                        break;
                    case "VITAL_KIND_RESPIRATORY_RATE":
                    case 3:
                        message.vital = 3;
                        break;
                    case "VITAL_KIND_BODY_TEMPERATURE":
                    case 4:
                        message.vital = 4;
                        break;
                    case "VITAL_KIND_BP_SYSTOLIC":
                    case 5:
                        message.vital = 5;
                        break;
                    case "VITAL_KIND_BP_DIASTOLIC":
                    case 6:
                        message.vital = 6;
                        break;
                    case "VITAL_KIND_SUPPLEMENTAL_OXYGEN":
                    case 7:
                        message.vital = 7;
                        break;
                    case "VITAL_KIND_CONSCIOUSNESS":
                    case 8:
                        message.vital = 8;
                        break;
                    default:
                        if (typeof object.vital === "number" && (object.vital | 0) === object.vital)
                            message.vital = object.vital;
                    }
                if (object.value != null)
                    if (!$Object.is($Number(object.value), 0))
                        message.value = $Number(object.value);
                if (object.threshold != null)
                    if (!$Object.is($Number(object.threshold), 0))
                        message.threshold = $Number(object.threshold);
                if (object.message != null)
                    if (typeof object.message !== "string" || object.message.length)
                        message.message = $String(object.message);
                if (object.raisedAtMs != null)
                    if (typeof object.raisedAtMs === "object" ? object.raisedAtMs.low || object.raisedAtMs.high : $Number(object.raisedAtMs) !== 0)
                        if ($util.Long)
                            message.raisedAtMs = $util.Long.fromValue(object.raisedAtMs, false);
                        else if (typeof object.raisedAtMs === "string")
                            message.raisedAtMs = $parseInt(object.raisedAtMs, 10);
                        else if (typeof object.raisedAtMs === "number")
                            message.raisedAtMs = object.raisedAtMs;
                        else if (typeof object.raisedAtMs === "object")
                            message.raisedAtMs = new $util.LongBits(object.raisedAtMs.low >>> 0, object.raisedAtMs.high >>> 0).toNumber();
                if (object.updatedAtMs != null)
                    if (typeof object.updatedAtMs === "object" ? object.updatedAtMs.low || object.updatedAtMs.high : $Number(object.updatedAtMs) !== 0)
                        if ($util.Long)
                            message.updatedAtMs = $util.Long.fromValue(object.updatedAtMs, false);
                        else if (typeof object.updatedAtMs === "string")
                            message.updatedAtMs = $parseInt(object.updatedAtMs, 10);
                        else if (typeof object.updatedAtMs === "number")
                            message.updatedAtMs = object.updatedAtMs;
                        else if (typeof object.updatedAtMs === "object")
                            message.updatedAtMs = new $util.LongBits(object.updatedAtMs.low >>> 0, object.updatedAtMs.high >>> 0).toNumber();
                if (object.news2Score != null)
                    if ($Number(object.news2Score) !== 0)
                        message.news2Score = object.news2Score | 0;
                if (object.news2Band != null)
                    if (typeof object.news2Band !== "string" || object.news2Band.length)
                        message.news2Band = $String(object.news2Band);
                if (object.acknowledgedBy != null)
                    if (typeof object.acknowledgedBy !== "string" || object.acknowledgedBy.length)
                        message.acknowledgedBy = $String(object.acknowledgedBy);
                if (object.category !== 0 && (typeof object.category !== "string" || $root.vitals.v1.AlertCategory[object.category] !== 0))
                    switch (object.category) {
                    case "ALERT_CATEGORY_UNSPECIFIED":
                    case 0:
                        message.category = 0;
                        break;
                    case "ALERT_CATEGORY_PHYSIOLOGICAL":
                    case 1:
                        message.category = 1;
                        break;
                    case "ALERT_CATEGORY_TECHNICAL":
                    case 2:
                        message.category = 2;
                        break;
                    default:
                        if (typeof object.category === "number" && (object.category | 0) === object.category)
                            message.category = object.category;
                    }
                if (object.conditionActive != null)
                    if (object.conditionActive)
                        message.conditionActive = $Boolean(object.conditionActive);
                if (object.latched != null)
                    if (object.latched)
                        message.latched = $Boolean(object.latched);
                if (object.escalationLevel != null)
                    if ($Number(object.escalationLevel) !== 0)
                        message.escalationLevel = object.escalationLevel | 0;
                if (object.escalatedAtMs != null)
                    if (typeof object.escalatedAtMs === "object" ? object.escalatedAtMs.low || object.escalatedAtMs.high : $Number(object.escalatedAtMs) !== 0)
                        if ($util.Long)
                            message.escalatedAtMs = $util.Long.fromValue(object.escalatedAtMs, false);
                        else if (typeof object.escalatedAtMs === "string")
                            message.escalatedAtMs = $parseInt(object.escalatedAtMs, 10);
                        else if (typeof object.escalatedAtMs === "number")
                            message.escalatedAtMs = object.escalatedAtMs;
                        else if (typeof object.escalatedAtMs === "object")
                            message.escalatedAtMs = new $util.LongBits(object.escalatedAtMs.low >>> 0, object.escalatedAtMs.high >>> 0).toNumber();
                if (object.acknowledgedUntilMs != null)
                    if (typeof object.acknowledgedUntilMs === "object" ? object.acknowledgedUntilMs.low || object.acknowledgedUntilMs.high : $Number(object.acknowledgedUntilMs) !== 0)
                        if ($util.Long)
                            message.acknowledgedUntilMs = $util.Long.fromValue(object.acknowledgedUntilMs, false);
                        else if (typeof object.acknowledgedUntilMs === "string")
                            message.acknowledgedUntilMs = $parseInt(object.acknowledgedUntilMs, 10);
                        else if (typeof object.acknowledgedUntilMs === "number")
                            message.acknowledgedUntilMs = object.acknowledgedUntilMs;
                        else if (typeof object.acknowledgedUntilMs === "object")
                            message.acknowledgedUntilMs = new $util.LongBits(object.acknowledgedUntilMs.low >>> 0, object.acknowledgedUntilMs.high >>> 0).toNumber();
                if (object.news2Missing != null)
                    if (typeof object.news2Missing !== "string" || object.news2Missing.length)
                        message.news2Missing = $String(object.news2Missing);
                if (object.news2Response != null)
                    if (typeof object.news2Response !== "string" || object.news2Response.length)
                        message.news2Response = $String(object.news2Response);
                if (object.change != null)
                    if (typeof object.change !== "string" || object.change.length)
                        message.change = $String(object.change);
                return message;
            };

            /**
             * Creates a plain object from an Alert message. Also converts values to other types if specified.
             * @function toObject
             * @memberof vitals.v1.Alert
             * @static
             * @param {vitals.v1.Alert} message Alert
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Alert.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.alertId = "";
                    object.patientId = "";
                    object.deviceId = "";
                    object.kind = "";
                    object.priority = options.enums === $String ? "ALERT_PRIORITY_UNSPECIFIED" : 0;
                    object.state = options.enums === $String ? "ALERT_STATE_UNSPECIFIED" : 0;
                    object.vital = options.enums === $String ? "VITAL_KIND_UNSPECIFIED" : 0;
                    object.value = 0;
                    object.threshold = 0;
                    object.message = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.raisedAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.raisedAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.updatedAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.updatedAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.news2Score = 0;
                    object.news2Band = "";
                    object.acknowledgedBy = "";
                    object.category = options.enums === $String ? "ALERT_CATEGORY_UNSPECIFIED" : 0;
                    object.conditionActive = false;
                    object.latched = false;
                    object.escalationLevel = 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.escalatedAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.escalatedAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.acknowledgedUntilMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.acknowledgedUntilMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.news2Missing = "";
                    object.news2Response = "";
                    object.change = "";
                }
                if (message.alertId != null && $Object.hasOwnProperty.call(message, "alertId"))
                    object.alertId = message.alertId;
                if (message.patientId != null && $Object.hasOwnProperty.call(message, "patientId"))
                    object.patientId = message.patientId;
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId"))
                    object.deviceId = message.deviceId;
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                    object.kind = message.kind;
                if (message.priority != null && $Object.hasOwnProperty.call(message, "priority"))
                    object.priority = options.enums === $String ? $root.vitals.v1.AlertPriority[message.priority] === $undefined ? message.priority : $root.vitals.v1.AlertPriority[message.priority] : message.priority;
                if (message.state != null && $Object.hasOwnProperty.call(message, "state"))
                    object.state = options.enums === $String ? $root.vitals.v1.AlertState[message.state] === $undefined ? message.state : $root.vitals.v1.AlertState[message.state] : message.state;
                if (message.vital != null && $Object.hasOwnProperty.call(message, "vital"))
                    object.vital = options.enums === $String ? $root.vitals.v1.VitalKind[message.vital] === $undefined ? message.vital : $root.vitals.v1.VitalKind[message.vital] : message.vital;
                if (message.value != null && $Object.hasOwnProperty.call(message, "value"))
                    object.value = options.json && !$isFinite(message.value) ? $String(message.value) : message.value;
                if (message.threshold != null && $Object.hasOwnProperty.call(message, "threshold"))
                    object.threshold = options.json && !$isFinite(message.threshold) ? $String(message.threshold) : message.threshold;
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    object.message = message.message;
                if (message.raisedAtMs != null && $Object.hasOwnProperty.call(message, "raisedAtMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.raisedAtMs = typeof message.raisedAtMs === "number" ? $BigInt(message.raisedAtMs) : $util.Long.fromBits(message.raisedAtMs.low >>> 0, message.raisedAtMs.high >>> 0, false).toBigInt();
                    else if (typeof message.raisedAtMs === "number")
                        object.raisedAtMs = options.longs === $String ? $String(message.raisedAtMs) : message.raisedAtMs;
                    else
                        object.raisedAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.raisedAtMs) : options.longs === $Number ? new $util.LongBits(message.raisedAtMs.low >>> 0, message.raisedAtMs.high >>> 0).toNumber() : message.raisedAtMs;
                if (message.updatedAtMs != null && $Object.hasOwnProperty.call(message, "updatedAtMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.updatedAtMs = typeof message.updatedAtMs === "number" ? $BigInt(message.updatedAtMs) : $util.Long.fromBits(message.updatedAtMs.low >>> 0, message.updatedAtMs.high >>> 0, false).toBigInt();
                    else if (typeof message.updatedAtMs === "number")
                        object.updatedAtMs = options.longs === $String ? $String(message.updatedAtMs) : message.updatedAtMs;
                    else
                        object.updatedAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.updatedAtMs) : options.longs === $Number ? new $util.LongBits(message.updatedAtMs.low >>> 0, message.updatedAtMs.high >>> 0).toNumber() : message.updatedAtMs;
                if (message.news2Score != null && $Object.hasOwnProperty.call(message, "news2Score"))
                    object.news2Score = message.news2Score;
                if (message.news2Band != null && $Object.hasOwnProperty.call(message, "news2Band"))
                    object.news2Band = message.news2Band;
                if (message.acknowledgedBy != null && $Object.hasOwnProperty.call(message, "acknowledgedBy"))
                    object.acknowledgedBy = message.acknowledgedBy;
                if (message.category != null && $Object.hasOwnProperty.call(message, "category"))
                    object.category = options.enums === $String ? $root.vitals.v1.AlertCategory[message.category] === $undefined ? message.category : $root.vitals.v1.AlertCategory[message.category] : message.category;
                if (message.conditionActive != null && $Object.hasOwnProperty.call(message, "conditionActive"))
                    object.conditionActive = message.conditionActive;
                if (message.latched != null && $Object.hasOwnProperty.call(message, "latched"))
                    object.latched = message.latched;
                if (message.escalationLevel != null && $Object.hasOwnProperty.call(message, "escalationLevel"))
                    object.escalationLevel = message.escalationLevel;
                if (message.escalatedAtMs != null && $Object.hasOwnProperty.call(message, "escalatedAtMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.escalatedAtMs = typeof message.escalatedAtMs === "number" ? $BigInt(message.escalatedAtMs) : $util.Long.fromBits(message.escalatedAtMs.low >>> 0, message.escalatedAtMs.high >>> 0, false).toBigInt();
                    else if (typeof message.escalatedAtMs === "number")
                        object.escalatedAtMs = options.longs === $String ? $String(message.escalatedAtMs) : message.escalatedAtMs;
                    else
                        object.escalatedAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.escalatedAtMs) : options.longs === $Number ? new $util.LongBits(message.escalatedAtMs.low >>> 0, message.escalatedAtMs.high >>> 0).toNumber() : message.escalatedAtMs;
                if (message.acknowledgedUntilMs != null && $Object.hasOwnProperty.call(message, "acknowledgedUntilMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.acknowledgedUntilMs = typeof message.acknowledgedUntilMs === "number" ? $BigInt(message.acknowledgedUntilMs) : $util.Long.fromBits(message.acknowledgedUntilMs.low >>> 0, message.acknowledgedUntilMs.high >>> 0, false).toBigInt();
                    else if (typeof message.acknowledgedUntilMs === "number")
                        object.acknowledgedUntilMs = options.longs === $String ? $String(message.acknowledgedUntilMs) : message.acknowledgedUntilMs;
                    else
                        object.acknowledgedUntilMs = options.longs === $String ? $util.Long.prototype.toString.call(message.acknowledgedUntilMs) : options.longs === $Number ? new $util.LongBits(message.acknowledgedUntilMs.low >>> 0, message.acknowledgedUntilMs.high >>> 0).toNumber() : message.acknowledgedUntilMs;
                if (message.news2Missing != null && $Object.hasOwnProperty.call(message, "news2Missing"))
                    object.news2Missing = message.news2Missing;
                if (message.news2Response != null && $Object.hasOwnProperty.call(message, "news2Response"))
                    object.news2Response = message.news2Response;
                if (message.change != null && $Object.hasOwnProperty.call(message, "change"))
                    object.change = message.change;
                return object;
            };

            /**
             * Converts this Alert to JSON.
             * @function toJSON
             * @memberof vitals.v1.Alert
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Alert.prototype.toJSON = function() {
                return Alert.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Alert
             * @function getTypeUrl
             * @memberof vitals.v1.Alert
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Alert.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/vitals.v1.Alert";
            };

            return Alert;
        })();

        /**
         * AlertCategory enum.
         * @name vitals.v1.AlertCategory
         * @enum {number}
         * @property {number} ALERT_CATEGORY_UNSPECIFIED=0 ALERT_CATEGORY_UNSPECIFIED value
         * @property {number} ALERT_CATEGORY_PHYSIOLOGICAL=1 ALERT_CATEGORY_PHYSIOLOGICAL value
         * @property {number} ALERT_CATEGORY_TECHNICAL=2 ALERT_CATEGORY_TECHNICAL value
         */
        v1.AlertCategory = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "ALERT_CATEGORY_UNSPECIFIED"] = 0;
            values[valuesById[1] = "ALERT_CATEGORY_PHYSIOLOGICAL"] = 1;
            values[valuesById[2] = "ALERT_CATEGORY_TECHNICAL"] = 2;
            return values;
        })();

        /**
         * Acvpu enum.
         * @name vitals.v1.Acvpu
         * @enum {number}
         * @property {number} ACVPU_UNSPECIFIED=0 ACVPU_UNSPECIFIED value
         * @property {number} ACVPU_ALERT=1 ACVPU_ALERT value
         * @property {number} ACVPU_CONFUSION=2 ACVPU_CONFUSION value
         * @property {number} ACVPU_VOICE=3 ACVPU_VOICE value
         * @property {number} ACVPU_PAIN=4 ACVPU_PAIN value
         * @property {number} ACVPU_UNRESPONSIVE=5 ACVPU_UNRESPONSIVE value
         */
        v1.Acvpu = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "ACVPU_UNSPECIFIED"] = 0;
            values[valuesById[1] = "ACVPU_ALERT"] = 1;
            values[valuesById[2] = "ACVPU_CONFUSION"] = 2;
            values[valuesById[3] = "ACVPU_VOICE"] = 3;
            values[valuesById[4] = "ACVPU_PAIN"] = 4;
            values[valuesById[5] = "ACVPU_UNRESPONSIVE"] = 5;
            return values;
        })();

        v1.AlertCommand = (function() {

            /**
             * Properties of an AlertCommand.
             * @typedef {Object} vitals.v1.AlertCommand.$Properties
             * @property {string|null} [patientId] AlertCommand patientId
             * @property {string|null} [author] AlertCommand author
             * @property {number|null} [atMs] AlertCommand atMs
             * @property {vitals.v1.AlertCommand.Acknowledge.$Properties|null} [acknowledge] AlertCommand acknowledge
             * @property {vitals.v1.AlertCommand.Resolve.$Properties|null} [resolve] AlertCommand resolve
             * @property {vitals.v1.AlertCommand.Limits.$Properties|null} [limits] AlertCommand limits
             * @property {vitals.v1.AlertCommand.Observation.$Properties|null} [observation] AlertCommand observation
             * @property {vitals.v1.AlertCommand.Spo2Scale.$Properties|null} [spo2Scale] AlertCommand spo2Scale
             * @property {vitals.v1.AlertCommand.Discharge.$Properties|null} [discharge] AlertCommand discharge
             * @property {"acknowledge"|"resolve"|"limits"|"observation"|"spo2Scale"|"discharge"} [command] AlertCommand command
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an AlertCommand.
             * @memberof vitals.v1
             * @interface IAlertCommand
             * @augments vitals.v1.AlertCommand.$Properties
             * @deprecated Use vitals.v1.AlertCommand.$Properties instead.
             */

            /**
             * Narrowed shape of an AlertCommand.
             * @typedef {{
             *   patientId?: string|null;
             *   author?: string|null;
             *   atMs?: number|null;
             *   acknowledge?: vitals.v1.AlertCommand.Acknowledge.$Shape|null;
             *   resolve?: vitals.v1.AlertCommand.Resolve.$Shape|null;
             *   limits?: vitals.v1.AlertCommand.Limits.$Shape|null;
             *   observation?: vitals.v1.AlertCommand.Observation.$Shape|null;
             *   spo2Scale?: vitals.v1.AlertCommand.Spo2Scale.$Shape|null;
             *   discharge?: vitals.v1.AlertCommand.Discharge.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ command?: undefined; acknowledge?: null; resolve?: null; limits?: null; observation?: null; spo2Scale?: null; discharge?: null }|{ command?: "acknowledge"; acknowledge: vitals.v1.AlertCommand.Acknowledge.$Shape; resolve?: null; limits?: null; observation?: null; spo2Scale?: null; discharge?: null }|{ command?: "resolve"; acknowledge?: null; resolve: vitals.v1.AlertCommand.Resolve.$Shape; limits?: null; observation?: null; spo2Scale?: null; discharge?: null }|{ command?: "limits"; acknowledge?: null; resolve?: null; limits: vitals.v1.AlertCommand.Limits.$Shape; observation?: null; spo2Scale?: null; discharge?: null }|{ command?: "observation"; acknowledge?: null; resolve?: null; limits?: null; observation: vitals.v1.AlertCommand.Observation.$Shape; spo2Scale?: null; discharge?: null }|{ command?: "spo2Scale"; acknowledge?: null; resolve?: null; limits?: null; observation?: null; spo2Scale: vitals.v1.AlertCommand.Spo2Scale.$Shape; discharge?: null }|{ command?: "discharge"; acknowledge?: null; resolve?: null; limits?: null; observation?: null; spo2Scale?: null; discharge: vitals.v1.AlertCommand.Discharge.$Shape })
             * )} vitals.v1.AlertCommand.$Shape
             */

            /**
             * Constructs a new AlertCommand.
             * @memberof vitals.v1
             * @classdesc Represents an AlertCommand.
             * @constructor
             * @param {vitals.v1.AlertCommand.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const AlertCommand = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * AlertCommand patientId.
             * @member {string} patientId
             * @memberof vitals.v1.AlertCommand
             * @instance
             */
            AlertCommand.prototype.patientId = "";

            /**
             * AlertCommand author.
             * @member {string} author
             * @memberof vitals.v1.AlertCommand
             * @instance
             */
            AlertCommand.prototype.author = "";

            /**
             * AlertCommand atMs.
             * @member {number} atMs
             * @memberof vitals.v1.AlertCommand
             * @instance
             */
            AlertCommand.prototype.atMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * AlertCommand acknowledge.
             * @member {vitals.v1.AlertCommand.Acknowledge.$Properties|null|undefined} acknowledge
             * @memberof vitals.v1.AlertCommand
             * @instance
             */
            AlertCommand.prototype.acknowledge = null;

            /**
             * AlertCommand resolve.
             * @member {vitals.v1.AlertCommand.Resolve.$Properties|null|undefined} resolve
             * @memberof vitals.v1.AlertCommand
             * @instance
             */
            AlertCommand.prototype.resolve = null;

            /**
             * AlertCommand limits.
             * @member {vitals.v1.AlertCommand.Limits.$Properties|null|undefined} limits
             * @memberof vitals.v1.AlertCommand
             * @instance
             */
            AlertCommand.prototype.limits = null;

            /**
             * AlertCommand observation.
             * @member {vitals.v1.AlertCommand.Observation.$Properties|null|undefined} observation
             * @memberof vitals.v1.AlertCommand
             * @instance
             */
            AlertCommand.prototype.observation = null;

            /**
             * AlertCommand spo2Scale.
             * @member {vitals.v1.AlertCommand.Spo2Scale.$Properties|null|undefined} spo2Scale
             * @memberof vitals.v1.AlertCommand
             * @instance
             */
            AlertCommand.prototype.spo2Scale = null;

            /**
             * AlertCommand discharge.
             * @member {vitals.v1.AlertCommand.Discharge.$Properties|null|undefined} discharge
             * @memberof vitals.v1.AlertCommand
             * @instance
             */
            AlertCommand.prototype.discharge = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * AlertCommand command.
             * @member {"acknowledge"|"resolve"|"limits"|"observation"|"spo2Scale"|"discharge"|undefined} command
             * @memberof vitals.v1.AlertCommand
             * @instance
             */
            $Object.defineProperty(AlertCommand.prototype, "command", {
                get: $util.oneOfGetter($oneOfFields = ["acknowledge", "resolve", "limits", "observation", "spo2Scale", "discharge"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new AlertCommand instance using the specified properties.
             * @function create
             * @memberof vitals.v1.AlertCommand
             * @static
             * @param {vitals.v1.AlertCommand.$Properties=} [properties] Properties to set
             * @returns {vitals.v1.AlertCommand} AlertCommand instance
             * @type {{
             *   (properties: vitals.v1.AlertCommand.$Shape): vitals.v1.AlertCommand & vitals.v1.AlertCommand.$Shape;
             *   (properties?: vitals.v1.AlertCommand.$Properties): vitals.v1.AlertCommand;
             * }}
             */
            AlertCommand.create = function(properties) {
                return new AlertCommand(properties);
            };

            /**
             * Encodes the specified AlertCommand message. Does not implicitly {@link vitals.v1.AlertCommand.verify|verify} messages.
             * @function encode
             * @memberof vitals.v1.AlertCommand
             * @static
             * @param {vitals.v1.AlertCommand.$Properties} message AlertCommand message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AlertCommand.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.patientId != null && $Object.hasOwnProperty.call(message, "patientId") && message.patientId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.patientId);
                if (message.author != null && $Object.hasOwnProperty.call(message, "author") && message.author !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.author);
                if (message.atMs != null && $Object.hasOwnProperty.call(message, "atMs") && (typeof message.atMs === "object" ? message.atMs.low || message.atMs.high : message.atMs !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).int64(message.atMs);
                if (message.acknowledge != null && $Object.hasOwnProperty.call(message, "acknowledge"))
                    $root.vitals.v1.AlertCommand.Acknowledge.encode(message.acknowledge, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.resolve != null && $Object.hasOwnProperty.call(message, "resolve"))
                    $root.vitals.v1.AlertCommand.Resolve.encode(message.resolve, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.limits != null && $Object.hasOwnProperty.call(message, "limits"))
                    $root.vitals.v1.AlertCommand.Limits.encode(message.limits, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.observation != null && $Object.hasOwnProperty.call(message, "observation"))
                    $root.vitals.v1.AlertCommand.Observation.encode(message.observation, writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
                if (message.spo2Scale != null && $Object.hasOwnProperty.call(message, "spo2Scale"))
                    $root.vitals.v1.AlertCommand.Spo2Scale.encode(message.spo2Scale, writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
                if (message.discharge != null && $Object.hasOwnProperty.call(message, "discharge"))
                    $root.vitals.v1.AlertCommand.Discharge.encode(message.discharge, writer.uint32(/* id 9, wireType 2 =*/74).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified AlertCommand message, length delimited. Does not implicitly {@link vitals.v1.AlertCommand.verify|verify} messages.
             * @function encodeDelimited
             * @memberof vitals.v1.AlertCommand
             * @static
             * @param {vitals.v1.AlertCommand.$Properties} message AlertCommand message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AlertCommand.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an AlertCommand message from the specified reader or buffer.
             * @function decode
             * @memberof vitals.v1.AlertCommand
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {vitals.v1.AlertCommand & vitals.v1.AlertCommand.$Shape} AlertCommand
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AlertCommand.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.vitals.v1.AlertCommand();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.patientId = value;
                            else
                                delete message.patientId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.author = value;
                            else
                                delete message.author;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.atMs = value;
                            else
                                delete message.atMs;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.acknowledge = $root.vitals.v1.AlertCommand.Acknowledge.decode(reader, reader.size(), $undefined, _depth + 1, message.acknowledge);
                            message.command = "acknowledge";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.resolve = $root.vitals.v1.AlertCommand.Resolve.decode(reader, reader.size(), $undefined, _depth + 1, message.resolve);
                            message.command = "resolve";
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            message.limits = $root.vitals.v1.AlertCommand.Limits.decode(reader, reader.size(), $undefined, _depth + 1, message.limits);
                            message.command = "limits";
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            message.observation = $root.vitals.v1.AlertCommand.Observation.decode(reader, reader.size(), $undefined, _depth + 1, message.observation);
                            message.command = "observation";
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            message.spo2Scale = $root.vitals.v1.AlertCommand.Spo2Scale.decode(reader, reader.size(), $undefined, _depth + 1, message.spo2Scale);
                            message.command = "spo2Scale";
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            message.discharge = $root.vitals.v1.AlertCommand.Discharge.decode(reader, reader.size(), $undefined, _depth + 1, message.discharge);
                            message.command = "discharge";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an AlertCommand message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof vitals.v1.AlertCommand
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {vitals.v1.AlertCommand & vitals.v1.AlertCommand.$Shape} AlertCommand
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AlertCommand.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an AlertCommand message.
             * @function verify
             * @memberof vitals.v1.AlertCommand
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            AlertCommand.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                let properties = {};
                if (message.patientId != null && $Object.hasOwnProperty.call(message, "patientId"))
                    if (!$util.isString(message.patientId))
                        return "patientId: string expected";
                if (message.author != null && $Object.hasOwnProperty.call(message, "author"))
                    if (!$util.isString(message.author))
                        return "author: string expected";
                if (message.atMs != null && $Object.hasOwnProperty.call(message, "atMs"))
                    if (!$util.isInteger(message.atMs) && !(message.atMs && $util.isInteger(message.atMs.low) && $util.isInteger(message.atMs.high)))
                        return "atMs: integer|Long expected";
                if (message.acknowledge != null && $Object.hasOwnProperty.call(message, "acknowledge")) {
                    properties.command = 1;
                    {
                        let error = $root.vitals.v1.AlertCommand.Acknowledge.verify(message.acknowledge, _depth + 1);
                        if (error)
                            return "acknowledge." + error;
                    }
                }
                if (message.resolve != null && $Object.hasOwnProperty.call(message, "resolve")) {
                    if (properties.command === 1)
                        return "command: multiple values";
                    properties.command = 1;
                    {
                        let error = $root.vitals.v1.AlertCommand.Resolve.verify(message.resolve, _depth + 1);
                        if (error)
                            return "resolve." + error;
                    }
                }
                if (message.limits != null && $Object.hasOwnProperty.call(message, "limits")) {
                    if (properties.command === 1)
                        return "command: multiple values";
                    properties.command = 1;
                    {
                        let error = $root.vitals.v1.AlertCommand.Limits.verify(message.limits, _depth + 1);
                        if (error)
                            return "limits." + error;
                    }
                }
                if (message.observation != null && $Object.hasOwnProperty.call(message, "observation")) {
                    if (properties.command === 1)
                        return "command: multiple values";
                    properties.command = 1;
                    {
                        let error = $root.vitals.v1.AlertCommand.Observation.verify(message.observation, _depth + 1);
                        if (error)
                            return "observation." + error;
                    }
                }
                if (message.spo2Scale != null && $Object.hasOwnProperty.call(message, "spo2Scale")) {
                    if (properties.command === 1)
                        return "command: multiple values";
                    properties.command = 1;
                    {
                        let error = $root.vitals.v1.AlertCommand.Spo2Scale.verify(message.spo2Scale, _depth + 1);
                        if (error)
                            return "spo2Scale." + error;
                    }
                }
                if (message.discharge != null && $Object.hasOwnProperty.call(message, "discharge")) {
                    if (properties.command === 1)
                        return "command: multiple values";
                    properties.command = 1;
                    {
                        let error = $root.vitals.v1.AlertCommand.Discharge.verify(message.discharge, _depth + 1);
                        if (error)
                            return "discharge." + error;
                    }
                }
                return null;
            };

            /**
             * Creates an AlertCommand message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof vitals.v1.AlertCommand
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {vitals.v1.AlertCommand} AlertCommand
             */
            AlertCommand.fromObject = function (object, _depth) {
                if (object instanceof $root.vitals.v1.AlertCommand)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".vitals.v1.AlertCommand: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.vitals.v1.AlertCommand();
                if (object.patientId != null)
                    if (typeof object.patientId !== "string" || object.patientId.length)
                        message.patientId = $String(object.patientId);
                if (object.author != null)
                    if (typeof object.author !== "string" || object.author.length)
                        message.author = $String(object.author);
                if (object.atMs != null)
                    if (typeof object.atMs === "object" ? object.atMs.low || object.atMs.high : $Number(object.atMs) !== 0)
                        if ($util.Long)
                            message.atMs = $util.Long.fromValue(object.atMs, false);
                        else if (typeof object.atMs === "string")
                            message.atMs = $parseInt(object.atMs, 10);
                        else if (typeof object.atMs === "number")
                            message.atMs = object.atMs;
                        else if (typeof object.atMs === "object")
                            message.atMs = new $util.LongBits(object.atMs.low >>> 0, object.atMs.high >>> 0).toNumber();
                if (object.acknowledge != null) {
                    if (!$util.isObject(object.acknowledge))
                        throw $TypeError(".vitals.v1.AlertCommand.acknowledge: object expected");
                    message.acknowledge = $root.vitals.v1.AlertCommand.Acknowledge.fromObject(object.acknowledge, _depth + 1);
                }
                if (object.resolve != null) {
                    if (!$util.isObject(object.resolve))
                        throw $TypeError(".vitals.v1.AlertCommand.resolve: object expected");
                    message.resolve = $root.vitals.v1.AlertCommand.Resolve.fromObject(object.resolve, _depth + 1);
                }
                if (object.limits != null) {
                    if (!$util.isObject(object.limits))
                        throw $TypeError(".vitals.v1.AlertCommand.limits: object expected");
                    message.limits = $root.vitals.v1.AlertCommand.Limits.fromObject(object.limits, _depth + 1);
                }
                if (object.observation != null) {
                    if (!$util.isObject(object.observation))
                        throw $TypeError(".vitals.v1.AlertCommand.observation: object expected");
                    message.observation = $root.vitals.v1.AlertCommand.Observation.fromObject(object.observation, _depth + 1);
                }
                if (object.spo2Scale != null) {
                    if (!$util.isObject(object.spo2Scale))
                        throw $TypeError(".vitals.v1.AlertCommand.spo2Scale: object expected");
                    message.spo2Scale = $root.vitals.v1.AlertCommand.Spo2Scale.fromObject(object.spo2Scale, _depth + 1);
                }
                if (object.discharge != null) {
                    if (!$util.isObject(object.discharge))
                        throw $TypeError(".vitals.v1.AlertCommand.discharge: object expected");
                    message.discharge = $root.vitals.v1.AlertCommand.Discharge.fromObject(object.discharge, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from an AlertCommand message. Also converts values to other types if specified.
             * @function toObject
             * @memberof vitals.v1.AlertCommand
             * @static
             * @param {vitals.v1.AlertCommand} message AlertCommand
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            AlertCommand.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.patientId = "";
                    object.author = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.atMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.atMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.patientId != null && $Object.hasOwnProperty.call(message, "patientId"))
                    object.patientId = message.patientId;
                if (message.author != null && $Object.hasOwnProperty.call(message, "author"))
                    object.author = message.author;
                if (message.atMs != null && $Object.hasOwnProperty.call(message, "atMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.atMs = typeof message.atMs === "number" ? $BigInt(message.atMs) : $util.Long.fromBits(message.atMs.low >>> 0, message.atMs.high >>> 0, false).toBigInt();
                    else if (typeof message.atMs === "number")
                        object.atMs = options.longs === $String ? $String(message.atMs) : message.atMs;
                    else
                        object.atMs = options.longs === $String ? $util.Long.prototype.toString.call(message.atMs) : options.longs === $Number ? new $util.LongBits(message.atMs.low >>> 0, message.atMs.high >>> 0).toNumber() : message.atMs;
                if (message.acknowledge != null && $Object.hasOwnProperty.call(message, "acknowledge")) {
                    object.acknowledge = $root.vitals.v1.AlertCommand.Acknowledge.toObject(message.acknowledge, options, _depth + 1);
                    if (options.oneofs)
                        object.command = "acknowledge";
                }
                if (message.resolve != null && $Object.hasOwnProperty.call(message, "resolve")) {
                    object.resolve = $root.vitals.v1.AlertCommand.Resolve.toObject(message.resolve, options, _depth + 1);
                    if (options.oneofs)
                        object.command = "resolve";
                }
                if (message.limits != null && $Object.hasOwnProperty.call(message, "limits")) {
                    object.limits = $root.vitals.v1.AlertCommand.Limits.toObject(message.limits, options, _depth + 1);
                    if (options.oneofs)
                        object.command = "limits";
                }
                if (message.observation != null && $Object.hasOwnProperty.call(message, "observation")) {
                    object.observation = $root.vitals.v1.AlertCommand.Observation.toObject(message.observation, options, _depth + 1);
                    if (options.oneofs)
                        object.command = "observation";
                }
                if (message.spo2Scale != null && $Object.hasOwnProperty.call(message, "spo2Scale")) {
                    object.spo2Scale = $root.vitals.v1.AlertCommand.Spo2Scale.toObject(message.spo2Scale, options, _depth + 1);
                    if (options.oneofs)
                        object.command = "spo2Scale";
                }
                if (message.discharge != null && $Object.hasOwnProperty.call(message, "discharge")) {
                    object.discharge = $root.vitals.v1.AlertCommand.Discharge.toObject(message.discharge, options, _depth + 1);
                    if (options.oneofs)
                        object.command = "discharge";
                }
                return object;
            };

            /**
             * Converts this AlertCommand to JSON.
             * @function toJSON
             * @memberof vitals.v1.AlertCommand
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            AlertCommand.prototype.toJSON = function() {
                return AlertCommand.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for AlertCommand
             * @function getTypeUrl
             * @memberof vitals.v1.AlertCommand
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            AlertCommand.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/vitals.v1.AlertCommand";
            };

            AlertCommand.Acknowledge = (function() {

                /**
                 * Properties of an Acknowledge.
                 * @typedef {Object} vitals.v1.AlertCommand.Acknowledge.$Properties
                 * @property {string|null} [alertId] Acknowledge alertId
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an Acknowledge.
                 * @memberof vitals.v1.AlertCommand
                 * @interface IAcknowledge
                 * @augments vitals.v1.AlertCommand.Acknowledge.$Properties
                 * @deprecated Use vitals.v1.AlertCommand.Acknowledge.$Properties instead.
                 */

                /**
                 * Shape of an Acknowledge.
                 * @typedef {vitals.v1.AlertCommand.Acknowledge.$Properties} vitals.v1.AlertCommand.Acknowledge.$Shape
                 */

                /**
                 * Constructs a new Acknowledge.
                 * @memberof vitals.v1.AlertCommand
                 * @classdesc Represents an Acknowledge.
                 * @constructor
                 * @param {vitals.v1.AlertCommand.Acknowledge.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Acknowledge = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Acknowledge alertId.
                 * @member {string} alertId
                 * @memberof vitals.v1.AlertCommand.Acknowledge
                 * @instance
                 */
                Acknowledge.prototype.alertId = "";

                /**
                 * Creates a new Acknowledge instance using the specified properties.
                 * @function create
                 * @memberof vitals.v1.AlertCommand.Acknowledge
                 * @static
                 * @param {vitals.v1.AlertCommand.Acknowledge.$Properties=} [properties] Properties to set
                 * @returns {vitals.v1.AlertCommand.Acknowledge} Acknowledge instance
                 * @type {{
                 *   (properties: vitals.v1.AlertCommand.Acknowledge.$Shape): vitals.v1.AlertCommand.Acknowledge & vitals.v1.AlertCommand.Acknowledge.$Shape;
                 *   (properties?: vitals.v1.AlertCommand.Acknowledge.$Properties): vitals.v1.AlertCommand.Acknowledge;
                 * }}
                 */
                Acknowledge.create = function(properties) {
                    return new Acknowledge(properties);
                };

                /**
                 * Encodes the specified Acknowledge message. Does not implicitly {@link vitals.v1.AlertCommand.Acknowledge.verify|verify} messages.
                 * @function encode
                 * @memberof vitals.v1.AlertCommand.Acknowledge
                 * @static
                 * @param {vitals.v1.AlertCommand.Acknowledge.$Properties} message Acknowledge message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Acknowledge.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.alertId != null && $Object.hasOwnProperty.call(message, "alertId") && message.alertId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.alertId);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Encodes the specified Acknowledge message, length delimited. Does not implicitly {@link vitals.v1.AlertCommand.Acknowledge.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof vitals.v1.AlertCommand.Acknowledge
                 * @static
                 * @param {vitals.v1.AlertCommand.Acknowledge.$Properties} message Acknowledge message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Acknowledge.encodeDelimited = function(message, writer) {
                    return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
                };

                /**
                 * Decodes an Acknowledge message from the specified reader or buffer.
                 * @function decode
                 * @memberof vitals.v1.AlertCommand.Acknowledge
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {vitals.v1.AlertCommand.Acknowledge & vitals.v1.AlertCommand.Acknowledge.$Shape} Acknowledge
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Acknowledge.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.vitals.v1.AlertCommand.Acknowledge();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.alertId = value;
                                else
                                    delete message.alertId;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Decodes an Acknowledge message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof vitals.v1.AlertCommand.Acknowledge
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {vitals.v1.AlertCommand.Acknowledge & vitals.v1.AlertCommand.Acknowledge.$Shape} Acknowledge
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Acknowledge.decodeDelimited = function(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.size());
                };

                /**
                 * Verifies an Acknowledge message.
                 * @function verify
                 * @memberof vitals.v1.AlertCommand.Acknowledge
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Acknowledge.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.alertId != null && $Object.hasOwnProperty.call(message, "alertId"))
                        if (!$util.isString(message.alertId))
                            return "alertId: string expected";
                    return null;
                };

                /**
                 * Creates an Acknowledge message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof vitals.v1.AlertCommand.Acknowledge
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {vitals.v1.AlertCommand.Acknowledge} Acknowledge
                 */
                Acknowledge.fromObject = function (object, _depth) {
                    if (object instanceof $root.vitals.v1.AlertCommand.Acknowledge)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".vitals.v1.AlertCommand.Acknowledge: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.vitals.v1.AlertCommand.Acknowledge();
                    if (object.alertId != null)
                        if (typeof object.alertId !== "string" || object.alertId.length)
                            message.alertId = $String(object.alertId);
                    return message;
                };

                /**
                 * Creates a plain object from an Acknowledge message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof vitals.v1.AlertCommand.Acknowledge
                 * @static
                 * @param {vitals.v1.AlertCommand.Acknowledge} message Acknowledge
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Acknowledge.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults)
                        object.alertId = "";
                    if (message.alertId != null && $Object.hasOwnProperty.call(message, "alertId"))
                        object.alertId = message.alertId;
                    return object;
                };

                /**
                 * Converts this Acknowledge to JSON.
                 * @function toJSON
                 * @memberof vitals.v1.AlertCommand.Acknowledge
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Acknowledge.prototype.toJSON = function() {
                    return Acknowledge.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Acknowledge
                 * @function getTypeUrl
                 * @memberof vitals.v1.AlertCommand.Acknowledge
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Acknowledge.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/vitals.v1.AlertCommand.Acknowledge";
                };

                return Acknowledge;
            })();

            AlertCommand.Resolve = (function() {

                /**
                 * Properties of a Resolve.
                 * @typedef {Object} vitals.v1.AlertCommand.Resolve.$Properties
                 * @property {string|null} [alertId] Resolve alertId
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Resolve.
                 * @memberof vitals.v1.AlertCommand
                 * @interface IResolve
                 * @augments vitals.v1.AlertCommand.Resolve.$Properties
                 * @deprecated Use vitals.v1.AlertCommand.Resolve.$Properties instead.
                 */

                /**
                 * Shape of a Resolve.
                 * @typedef {vitals.v1.AlertCommand.Resolve.$Properties} vitals.v1.AlertCommand.Resolve.$Shape
                 */

                /**
                 * Constructs a new Resolve.
                 * @memberof vitals.v1.AlertCommand
                 * @classdesc Represents a Resolve.
                 * @constructor
                 * @param {vitals.v1.AlertCommand.Resolve.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Resolve = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Resolve alertId.
                 * @member {string} alertId
                 * @memberof vitals.v1.AlertCommand.Resolve
                 * @instance
                 */
                Resolve.prototype.alertId = "";

                /**
                 * Creates a new Resolve instance using the specified properties.
                 * @function create
                 * @memberof vitals.v1.AlertCommand.Resolve
                 * @static
                 * @param {vitals.v1.AlertCommand.Resolve.$Properties=} [properties] Properties to set
                 * @returns {vitals.v1.AlertCommand.Resolve} Resolve instance
                 * @type {{
                 *   (properties: vitals.v1.AlertCommand.Resolve.$Shape): vitals.v1.AlertCommand.Resolve & vitals.v1.AlertCommand.Resolve.$Shape;
                 *   (properties?: vitals.v1.AlertCommand.Resolve.$Properties): vitals.v1.AlertCommand.Resolve;
                 * }}
                 */
                Resolve.create = function(properties) {
                    return new Resolve(properties);
                };

                /**
                 * Encodes the specified Resolve message. Does not implicitly {@link vitals.v1.AlertCommand.Resolve.verify|verify} messages.
                 * @function encode
                 * @memberof vitals.v1.AlertCommand.Resolve
                 * @static
                 * @param {vitals.v1.AlertCommand.Resolve.$Properties} message Resolve message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Resolve.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.alertId != null && $Object.hasOwnProperty.call(message, "alertId") && message.alertId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.alertId);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Encodes the specified Resolve message, length delimited. Does not implicitly {@link vitals.v1.AlertCommand.Resolve.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof vitals.v1.AlertCommand.Resolve
                 * @static
                 * @param {vitals.v1.AlertCommand.Resolve.$Properties} message Resolve message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Resolve.encodeDelimited = function(message, writer) {
                    return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
                };

                /**
                 * Decodes a Resolve message from the specified reader or buffer.
                 * @function decode
                 * @memberof vitals.v1.AlertCommand.Resolve
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {vitals.v1.AlertCommand.Resolve & vitals.v1.AlertCommand.Resolve.$Shape} Resolve
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Resolve.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.vitals.v1.AlertCommand.Resolve();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.alertId = value;
                                else
                                    delete message.alertId;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Decodes a Resolve message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof vitals.v1.AlertCommand.Resolve
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {vitals.v1.AlertCommand.Resolve & vitals.v1.AlertCommand.Resolve.$Shape} Resolve
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Resolve.decodeDelimited = function(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.size());
                };

                /**
                 * Verifies a Resolve message.
                 * @function verify
                 * @memberof vitals.v1.AlertCommand.Resolve
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Resolve.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.alertId != null && $Object.hasOwnProperty.call(message, "alertId"))
                        if (!$util.isString(message.alertId))
                            return "alertId: string expected";
                    return null;
                };

                /**
                 * Creates a Resolve message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof vitals.v1.AlertCommand.Resolve
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {vitals.v1.AlertCommand.Resolve} Resolve
                 */
                Resolve.fromObject = function (object, _depth) {
                    if (object instanceof $root.vitals.v1.AlertCommand.Resolve)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".vitals.v1.AlertCommand.Resolve: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.vitals.v1.AlertCommand.Resolve();
                    if (object.alertId != null)
                        if (typeof object.alertId !== "string" || object.alertId.length)
                            message.alertId = $String(object.alertId);
                    return message;
                };

                /**
                 * Creates a plain object from a Resolve message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof vitals.v1.AlertCommand.Resolve
                 * @static
                 * @param {vitals.v1.AlertCommand.Resolve} message Resolve
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Resolve.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults)
                        object.alertId = "";
                    if (message.alertId != null && $Object.hasOwnProperty.call(message, "alertId"))
                        object.alertId = message.alertId;
                    return object;
                };

                /**
                 * Converts this Resolve to JSON.
                 * @function toJSON
                 * @memberof vitals.v1.AlertCommand.Resolve
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Resolve.prototype.toJSON = function() {
                    return Resolve.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Resolve
                 * @function getTypeUrl
                 * @memberof vitals.v1.AlertCommand.Resolve
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Resolve.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/vitals.v1.AlertCommand.Resolve";
                };

                return Resolve;
            })();

            AlertCommand.Limits = (function() {

                /**
                 * Properties of a Limits.
                 * @typedef {Object} vitals.v1.AlertCommand.Limits.$Properties
                 * @property {Object.<string,vitals.v1.AlertCommand.LimitOverride.$Properties>|null} [overrides] Limits overrides
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Limits.
                 * @memberof vitals.v1.AlertCommand
                 * @interface ILimits
                 * @augments vitals.v1.AlertCommand.Limits.$Properties
                 * @deprecated Use vitals.v1.AlertCommand.Limits.$Properties instead.
                 */

                /**
                 * Shape of a Limits.
                 * @typedef {vitals.v1.AlertCommand.Limits.$Properties} vitals.v1.AlertCommand.Limits.$Shape
                 */

                /**
                 * Constructs a new Limits.
                 * @memberof vitals.v1.AlertCommand
                 * @classdesc Represents a Limits.
                 * @constructor
                 * @param {vitals.v1.AlertCommand.Limits.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Limits = function (properties) {
                    this.overrides = {};
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Limits overrides.
                 * @member {Object.<string,vitals.v1.AlertCommand.LimitOverride.$Properties>} overrides
                 * @memberof vitals.v1.AlertCommand.Limits
                 * @instance
                 */
                Limits.prototype.overrides = $util.emptyObject;

                /**
                 * Creates a new Limits instance using the specified properties.
                 * @function create
                 * @memberof vitals.v1.AlertCommand.Limits
                 * @static
                 * @param {vitals.v1.AlertCommand.Limits.$Properties=} [properties] Properties to set
                 * @returns {vitals.v1.AlertCommand.Limits} Limits instance
                 * @type {{
                 *   (properties: vitals.v1.AlertCommand.Limits.$Shape): vitals.v1.AlertCommand.Limits & vitals.v1.AlertCommand.Limits.$Shape;
                 *   (properties?: vitals.v1.AlertCommand.Limits.$Properties): vitals.v1.AlertCommand.Limits;
                 * }}
                 */
                Limits.create = function(properties) {
                    return new Limits(properties);
                };

                /**
                 * Encodes the specified Limits message. Does not implicitly {@link vitals.v1.AlertCommand.Limits.verify|verify} messages.
                 * @function encode
                 * @memberof vitals.v1.AlertCommand.Limits
                 * @static
                 * @param {vitals.v1.AlertCommand.Limits.$Properties} message Limits message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Limits.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.overrides != null && $Object.hasOwnProperty.call(message, "overrides"))
                        for (let keys = $Object.keys(message.overrides), i = 0; i < keys.length; ++i) {
                            writer.uint32(/* id 1, wireType 2 =*/10).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]);
                            $root.vitals.v1.AlertCommand.LimitOverride.encode(message.overrides[keys[i]], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim().ldelim();
                        }
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Encodes the specified Limits message, length delimited. Does not implicitly {@link vitals.v1.AlertCommand.Limits.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof vitals.v1.AlertCommand.Limits
                 * @static
                 * @param {vitals.v1.AlertCommand.Limits.$Properties} message Limits message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Limits.encodeDelimited = function(message, writer) {
                    return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
                };

                /**
                 * Decodes a Limits message from the specified reader or buffer.
                 * @function decode
                 * @memberof vitals.v1.AlertCommand.Limits
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {vitals.v1.AlertCommand.Limits & vitals.v1.AlertCommand.Limits.$Shape} Limits
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Limits.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, key, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.vitals.v1.AlertCommand.Limits();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if (message.overrides === $util.emptyObject)
                                    message.overrides = {};
                                let end2 = reader.size() + reader.pos;
                                if (end2 > reader.len)
                                    throw $RangeError("index out of range");
                                reader.len = end2;
                                key = "";
                                value = null;
                                while (reader.pos < end2) {
                                    let tag2 = reader.tag();
                                    wireType = tag2 & 7;
                                    switch (tag2 >>>= 3) {
                                    case 1:
                                        if (wireType !== 2)
                                            break;
                                        key = reader.stringVerify();
                                        continue;
                                    case 2:
                                        if (wireType !== 2)
                                            break;
                                        value = $root.vitals.v1.AlertCommand.LimitOverride.decode(reader, reader.size(), $undefined, _depth + 1, value);
                                        continue;
                                    }
                                    reader.skipType(wireType, _depth, tag2);
                                }
                                if (reader.pos !== end2)
                                    throw $RangeError("index out of range");
                                reader.len = end;
                                if (key === "__proto__")
                                    $util.makeProp(message.overrides, key);
                                message.overrides[key] = value || new $root.vitals.v1.AlertCommand.LimitOverride();
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Decodes a Limits message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof vitals.v1.AlertCommand.Limits
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {vitals.v1.AlertCommand.Limits & vitals.v1.AlertCommand.Limits.$Shape} Limits
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Limits.decodeDelimited = function(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.size());
                };

                /**
                 * Verifies a Limits message.
                 * @function verify
                 * @memberof vitals.v1.AlertCommand.Limits
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Limits.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.overrides != null && $Object.hasOwnProperty.call(message, "overrides")) {
                        if (!$util.isObject(message.overrides))
                            return "overrides: object expected";
                        let key = $Object.keys(message.overrides);
                        for (let i = 0; i < key.length; ++i) {
                            let error = $root.vitals.v1.AlertCommand.LimitOverride.verify(message.overrides[key[i]], _depth + 1);
                            if (error)
                                return "overrides." + error;
                        }
                    }
                    return null;
                };

                /**
                 * Creates a Limits message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof vitals.v1.AlertCommand.Limits
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {vitals.v1.AlertCommand.Limits} Limits
                 */
                Limits.fromObject = function (object, _depth) {
                    if (object instanceof $root.vitals.v1.AlertCommand.Limits)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".vitals.v1.AlertCommand.Limits: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.vitals.v1.AlertCommand.Limits();
                    if (object.overrides) {
                        if (!$util.isObject(object.overrides))
                            throw $TypeError(".vitals.v1.AlertCommand.Limits.overrides: object expected");
                        message.overrides = {};
                        for (let keys = $Object.keys(object.overrides), i = 0; i < keys.length; ++i) {
                            if (keys[i] === "__proto__")
                                $util.makeProp(message.overrides, keys[i]);
                            if (!$util.isObject(object.overrides[keys[i]]))
                                throw $TypeError(".vitals.v1.AlertCommand.Limits.overrides: object expected");
                            message.overrides[keys[i]] = $root.vitals.v1.AlertCommand.LimitOverride.fromObject(object.overrides[keys[i]], _depth + 1);
                        }
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a Limits message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof vitals.v1.AlertCommand.Limits
                 * @static
                 * @param {vitals.v1.AlertCommand.Limits} message Limits
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Limits.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.objects || options.defaults)
                        object.overrides = {};
                    let keys2;
                    if (message.overrides && (keys2 = $Object.keys(message.overrides)).length) {
                        object.overrides = {};
                        for (let j = 0; j < keys2.length; ++j) {
                            if (keys2[j] === "__proto__")
                                $util.makeProp(object.overrides, keys2[j]);
                            object.overrides[keys2[j]] = $root.vitals.v1.AlertCommand.LimitOverride.toObject(message.overrides[keys2[j]], options, _depth + 1);
                        }
                    }
                    return object;
                };

                /**
                 * Converts this Limits to JSON.
                 * @function toJSON
                 * @memberof vitals.v1.AlertCommand.Limits
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Limits.prototype.toJSON = function() {
                    return Limits.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Limits
                 * @function getTypeUrl
                 * @memberof vitals.v1.AlertCommand.Limits
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Limits.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/vitals.v1.AlertCommand.Limits";
                };

                return Limits;
            })();

            AlertCommand.LimitOverride = (function() {

                /**
                 * Properties of a LimitOverride.
                 * @typedef {Object} vitals.v1.AlertCommand.LimitOverride.$Properties
                 * @property {number|null} [low] LimitOverride low
                 * @property {number|null} [high] LimitOverride high
                 * @property {number|null} [delayMs] LimitOverride delayMs
                 * @property {number|null} [delaySamples] LimitOverride delaySamples
                 * @property {number|null} [hysteresis] LimitOverride hysteresis
                 * @property {vitals.v1.AlertPriority|null} [priority] LimitOverride priority
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a LimitOverride.
                 * @memberof vitals.v1.AlertCommand
                 * @interface ILimitOverride
                 * @augments vitals.v1.AlertCommand.LimitOverride.$Properties
                 * @deprecated Use vitals.v1.AlertCommand.LimitOverride.$Properties instead.
                 */

                /**
                 * Shape of a LimitOverride.
                 * @typedef {vitals.v1.AlertCommand.LimitOverride.$Properties} vitals.v1.AlertCommand.LimitOverride.$Shape
                 */

                /**
                 * Constructs a new LimitOverride.
                 * @memberof vitals.v1.AlertCommand
                 * @classdesc Represents a LimitOverride.
                 * @constructor
                 * @param {vitals.v1.AlertCommand.LimitOverride.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const LimitOverride = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * LimitOverride low.
                 * @member {number|null|undefined} low
                 * @memberof vitals.v1.AlertCommand.LimitOverride
                 * @instance
                 */
                LimitOverride.prototype.low = null;

                /**
                 * LimitOverride high.
                 * @member {number|null|undefined} high
                 * @memberof vitals.v1.AlertCommand.LimitOverride
                 * @instance
                 */
                LimitOverride.prototype.high = null;

                /**
                 * LimitOverride delayMs.
                 * @member {number|null|undefined} delayMs
                 * @memberof vitals.v1.AlertCommand.LimitOverride
                 * @instance
                 */
                LimitOverride.prototype.delayMs = null;

                /**
                 * LimitOverride delaySamples.
                 * @member {number|null|undefined} delaySamples
                 * @memberof vitals.v1.AlertCommand.LimitOverride
                 * @instance
                 */
                LimitOverride.prototype.delaySamples = null;

                /**
                 * LimitOverride hysteresis.
                 * @member {number|null|undefined} hysteresis
                 * @memberof vitals.v1.AlertCommand.LimitOverride
                 * @instance
                 */
                LimitOverride.prototype.hysteresis = null;

                /**
                 * LimitOverride priority.
                 * @member {vitals.v1.AlertPriority} priority
                 * @memberof vitals.v1.AlertCommand.LimitOverride
                 * @instance
                 */
                LimitOverride.prototype.priority = 0;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                // Virtual OneOf for proto3 optional field
                $Object.defineProperty(LimitOverride.prototype, "_low", {
                    get: $util.oneOfGetter($oneOfFields = ["low"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                // Virtual OneOf for proto3 optional field
                $Object.defineProperty(LimitOverride.prototype, "_high", {
                    get: $util.oneOfGetter($oneOfFields = ["high"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                // Virtual OneOf for proto3 optional field
                $Object.defineProperty(LimitOverride.prototype, "_delayMs", {
                    get: $util.oneOfGetter($oneOfFields = ["delayMs"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                // Virtual OneOf for proto3 optional field
                $Object.defineProperty(LimitOverride.prototype, "_delaySamples", {
                    get: $util.oneOfGetter($oneOfFields = ["delaySamples"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                // Virtual OneOf for proto3 optional field
                $Object.defineProperty(LimitOverride.prototype, "_hysteresis", {
                    get: $util.oneOfGetter($oneOfFields = ["hysteresis"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Creates a new LimitOverride instance using the specified properties.
                 * @function create
                 * @memberof vitals.v1.AlertCommand.LimitOverride
                 * @static
                 * @param {vitals.v1.AlertCommand.LimitOverride.$Properties=} [properties] Properties to set
                 * @returns {vitals.v1.AlertCommand.LimitOverride} LimitOverride instance
                 * @type {{
                 *   (properties: vitals.v1.AlertCommand.LimitOverride.$Shape): vitals.v1.AlertCommand.LimitOverride & vitals.v1.AlertCommand.LimitOverride.$Shape;
                 *   (properties?: vitals.v1.AlertCommand.LimitOverride.$Properties): vitals.v1.AlertCommand.LimitOverride;
                 * }}
                 */
                LimitOverride.create = function(properties) {
                    return new LimitOverride(properties);
                };

                /**
                 * Encodes the specified LimitOverride message. Does not implicitly {@link vitals.v1.AlertCommand.LimitOverride.verify|verify} messages.
                 * @function encode
                 * @memberof vitals.v1.AlertCommand.LimitOverride
                 * @static
                 * @param {vitals.v1.AlertCommand.LimitOverride.$Properties} message LimitOverride message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                LimitOverride.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.low != null && $Object.hasOwnProperty.call(message, "low"))
                        writer.uint32(/* id 1, wireType 1 =*/9).double(message.low);
                    if (message.high != null && $Object.hasOwnProperty.call(message, "high"))
                        writer.uint32(/* id 2, wireType 1 =*/17).double(message.high);
                    if (message.delayMs != null && $Object.hasOwnProperty.call(message, "delayMs"))
                        writer.uint32(/* id 3, wireType 0 =*/24).int32(message.delayMs);
                    if (message.delaySamples != null && $Object.hasOwnProperty.call(message, "delaySamples"))
                        writer.uint32(/* id 4, wireType 0 =*/32).int32(message.delaySamples);
                    if (message.hysteresis != null && $Object.hasOwnProperty.call(message, "hysteresis"))
                        writer.uint32(/* id 5, wireType 1 =*/41).double(message.hysteresis);
                    if (message.priority != null && $Object.hasOwnProperty.call(message, "priority") && message.priority !== 0)
                        writer.uint32(/* id 6, wireType 0 =*/48).int32(message.priority);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Encodes the specified LimitOverride message, length delimited. Does not implicitly {@link vitals.v1.AlertCommand.LimitOverride.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof vitals.v1.AlertCommand.LimitOverride
                 * @static
                 * @param {vitals.v1.AlertCommand.LimitOverride.$Properties} message LimitOverride message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                LimitOverride.encodeDelimited = function(message, writer) {
                    return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
                };

                /**
                 * Decodes a LimitOverride message from the specified reader or buffer.
                 * @function decode
                 * @memberof vitals.v1.AlertCommand.LimitOverride
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {vitals.v1.AlertCommand.LimitOverride & vitals.v1.AlertCommand.LimitOverride.$Shape} LimitOverride
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                LimitOverride.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.vitals.v1.AlertCommand.LimitOverride();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 1)
                                    break;
                                message.low = reader.double();
                                message._low = "low";
                                continue;
                            }
                        case 2: {
                                if (wireType !== 1)
                                    break;
                                message.high = reader.double();
                                message._high = "high";
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                message.delayMs = reader.int32();
                                message._delayMs = "delayMs";
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                message.delaySamples = reader.int32();
                                message._delaySamples = "delaySamples";
                                continue;
                            }
                        case 5: {
                                if (wireType !== 1)
                                    break;
                                message.hysteresis = reader.double();
                                message._hysteresis = "hysteresis";
                                continue;
                            }
                        case 6: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.priority = value;
                                else
                                    delete message.priority;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Decodes a LimitOverride message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof vitals.v1.AlertCommand.LimitOverride
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {vitals.v1.AlertCommand.LimitOverride & vitals.v1.AlertCommand.LimitOverride.$Shape} LimitOverride
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                LimitOverride.decodeDelimited = function(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.size());
                };

                /**
                 * Verifies a LimitOverride message.
                 * @function verify
                 * @memberof vitals.v1.AlertCommand.LimitOverride
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                LimitOverride.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    let properties = {};
                    if (message.low != null && $Object.hasOwnProperty.call(message, "low")) {
                        properties._low = 1;
                        if (typeof message.low !== "number")
                            return "low: number expected";
                    }
                    if (message.high != null && $Object.hasOwnProperty.call(message, "high")) {
                        properties._high = 1;
                        if (typeof message.high !== "number")
                            return "high: number expected";
                    }
                    if (message.delayMs != null && $Object.hasOwnProperty.call(message, "delayMs")) {
                        properties._delayMs = 1;
                        if (!$util.isInteger(message.delayMs))
                            return "delayMs: integer expected";
                    }
                    if (message.delaySamples != null && $Object.hasOwnProperty.call(message, "delaySamples")) {
                        properties._delaySamples = 1;
                        if (!$util.isInteger(message.delaySamples))
                            return "delaySamples: integer expected";
                    }
                    if (message.hysteresis != null && $Object.hasOwnProperty.call(message, "hysteresis")) {
                        properties._hysteresis = 1;
                        if (typeof message.hysteresis !== "number")
                            return "hysteresis: number expected";
                    }
                    if (message.priority != null && $Object.hasOwnProperty.call(message, "priority"))
                        if (typeof message.priority !== "number" || (message.priority | 0) !== message.priority)
                            return "priority: enum value expected";
                    return null;
                };

                /**
                 * Creates a LimitOverride message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof vitals.v1.AlertCommand.LimitOverride
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {vitals.v1.AlertCommand.LimitOverride} LimitOverride
                 */
                LimitOverride.fromObject = function (object, _depth) {
                    if (object instanceof $root.vitals.v1.AlertCommand.LimitOverride)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".vitals.v1.AlertCommand.LimitOverride: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.vitals.v1.AlertCommand.LimitOverride();
                    if (object.low != null)
                        message.low = $Number(object.low);
                    if (object.high != null)
                        message.high = $Number(object.high);
                    if (object.delayMs != null)
                        message.delayMs = object.delayMs | 0;
                    if (object.delaySamples != null)
                        message.delaySamples = object.delaySamples | 0;
                    if (object.hysteresis != null)
                        message.hysteresis = $Number(object.hysteresis);
                    if (object.priority !== 0 && (typeof object.priority !== "string" || $root.vitals.v1.AlertPriority[object.priority] !== 0))
                        switch (object.priority) {
                        case "ALERT_PRIORITY_UNSPECIFIED":
                        case 0:
                            message.priority = 0;
                            break;
                        case "ALERT_PRIORITY_LOW":
                        case 1:
                            message.priority = 1;
                            break;
                        case "ALERT_PRIORITY_MEDIUM":
                        case 2:
                            message.priority = 2;
                            break;
                        case "ALERT_PRIORITY_HIGH":
                        case 3:
                            message.priority = 3;
                            break;
                        default:
                            if (typeof object.priority === "number" && (object.priority | 0) === object.priority)
                                message.priority = object.priority;
                        }
                    return message;
                };

                /**
                 * Creates a plain object from a LimitOverride message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof vitals.v1.AlertCommand.LimitOverride
                 * @static
                 * @param {vitals.v1.AlertCommand.LimitOverride} message LimitOverride
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                LimitOverride.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults)
                        object.priority = options.enums === $String ? "ALERT_PRIORITY_UNSPECIFIED" : 0;
                    if (message.low != null && $Object.hasOwnProperty.call(message, "low"))
                        object.low = options.json && !$isFinite(message.low) ? $String(message.low) : message.low;
                    if (message.high != null && $Object.hasOwnProperty.call(message, "high"))
                        object.high = options.json && !$isFinite(message.high) ? $String(message.high) : message.high;
                    if (message.delayMs != null && $Object.hasOwnProperty.call(message, "delayMs"))
                        object.delayMs = message.delayMs;
                    if (message.delaySamples != null && $Object.hasOwnProperty.call(message, "delaySamples"))
                        object.delaySamples = message.delaySamples;
                    if (message.hysteresis != null && $Object.hasOwnProperty.call(message, "hysteresis"))
                        object.hysteresis = options.json && !$isFinite(message.hysteresis) ? $String(message.hysteresis) : message.hysteresis;
                    if (message.priority != null && $Object.hasOwnProperty.call(message, "priority"))
                        object.priority = options.enums === $String ? $root.vitals.v1.AlertPriority[message.priority] === $undefined ? message.priority : $root.vitals.v1.AlertPriority[message.priority] : message.priority;
                    return object;
                };

                /**
                 * Converts this LimitOverride to JSON.
                 * @function toJSON
                 * @memberof vitals.v1.AlertCommand.LimitOverride
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                LimitOverride.prototype.toJSON = function() {
                    return LimitOverride.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for LimitOverride
                 * @function getTypeUrl
                 * @memberof vitals.v1.AlertCommand.LimitOverride
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                LimitOverride.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/vitals.v1.AlertCommand.LimitOverride";
                };

                return LimitOverride;
            })();

            AlertCommand.Observation = (function() {

                /**
                 * Properties of an Observation.
                 * @typedef {Object} vitals.v1.AlertCommand.Observation.$Properties
                 * @property {vitals.v1.Acvpu|null} [consciousness] Observation consciousness
                 * @property {boolean|null} [supplementalOxygen] Observation supplementalOxygen
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an Observation.
                 * @memberof vitals.v1.AlertCommand
                 * @interface IObservation
                 * @augments vitals.v1.AlertCommand.Observation.$Properties
                 * @deprecated Use vitals.v1.AlertCommand.Observation.$Properties instead.
                 */

                /**
                 * Shape of an Observation.
                 * @typedef {vitals.v1.AlertCommand.Observation.$Properties} vitals.v1.AlertCommand.Observation.$Shape
                 */

                /**
                 * Constructs a new Observation.
                 * @memberof vitals.v1.AlertCommand
                 * @classdesc Represents an Observation.
                 * @constructor
                 * @param {vitals.v1.AlertCommand.Observation.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Observation = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Observation consciousness.
                 * @member {vitals.v1.Acvpu} consciousness
                 * @memberof vitals.v1.AlertCommand.Observation
                 * @instance
                 */
                Observation.prototype.consciousness = 0;

                /**
                 * Observation supplementalOxygen.
                 * @member {boolean|null|undefined} supplementalOxygen
                 * @memberof vitals.v1.AlertCommand.Observation
                 * @instance
                 */
                Observation.prototype.supplementalOxygen = null;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                // Virtual OneOf for proto3 optional field
                $Object.defineProperty(Observation.prototype, "_supplementalOxygen", {
                    get: $util.oneOfGetter($oneOfFields = ["supplementalOxygen"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Creates a new Observation instance using the specified properties.
                 * @function create
                 * @memberof vitals.v1.AlertCommand.Observation
                 * @static
                 * @param {vitals.v1.AlertCommand.Observation.$Properties=} [properties] Properties to set
                 * @returns {vitals.v1.AlertCommand.Observation} Observation instance
                 * @type {{
                 *   (properties: vitals.v1.AlertCommand.Observation.$Shape): vitals.v1.AlertCommand.Observation & vitals.v1.AlertCommand.Observation.$Shape;
                 *   (properties?: vitals.v1.AlertCommand.Observation.$Properties): vitals.v1.AlertCommand.Observation;
                 * }}
                 */
                Observation.create = function(properties) {
                    return new Observation(properties);
                };

                /**
                 * Encodes the specified Observation message. Does not implicitly {@link vitals.v1.AlertCommand.Observation.verify|verify} messages.
                 * @function encode
                 * @memberof vitals.v1.AlertCommand.Observation
                 * @static
                 * @param {vitals.v1.AlertCommand.Observation.$Properties} message Observation message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Observation.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.consciousness != null && $Object.hasOwnProperty.call(message, "consciousness") && message.consciousness !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).int32(message.consciousness);
                    if (message.supplementalOxygen != null && $Object.hasOwnProperty.call(message, "supplementalOxygen"))
                        writer.uint32(/* id 2, wireType 0 =*/16).bool(message.supplementalOxygen);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Encodes the specified Observation message, length delimited. Does not implicitly {@link vitals.v1.AlertCommand.Observation.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof vitals.v1.AlertCommand.Observation
                 * @static
                 * @param {vitals.v1.AlertCommand.Observation.$Properties} message Observation message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Observation.encodeDelimited = function(message, writer) {
                    return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
                };

                /**
                 * Decodes an Observation message from the specified reader or buffer.
                 * @function decode
                 * @memberof vitals.v1.AlertCommand.Observation
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {vitals.v1.AlertCommand.Observation & vitals.v1.AlertCommand.Observation.$Shape} Observation
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Observation.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.vitals.v1.AlertCommand.Observation();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.consciousness = value;
                                else
                                    delete message.consciousness;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                message.supplementalOxygen = reader.bool();
                                message._supplementalOxygen = "supplementalOxygen";
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Decodes an Observation message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof vitals.v1.AlertCommand.Observation
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {vitals.v1.AlertCommand.Observation & vitals.v1.AlertCommand.Observation.$Shape} Observation
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Observation.decodeDelimited = function(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.size());
                };

                /**
                 * Verifies an Observation message.
                 * @function verify
                 * @memberof vitals.v1.AlertCommand.Observation
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Observation.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    let properties = {};
                    if (message.consciousness != null && $Object.hasOwnProperty.call(message, "consciousness"))
                        if (typeof message.consciousness !== "number" || (message.consciousness | 0) !== message.consciousness)
                            return "consciousness: enum value expected";
                    if (message.supplementalOxygen != null && $Object.hasOwnProperty.call(message, "supplementalOxygen")) {
                        properties._supplementalOxygen = 1;
                        if (typeof message.supplementalOxygen !== "boolean")
                            return "supplementalOxygen: boolean expected";
                    }
                    return null;
                };

                /**
                 * Creates an Observation message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof vitals.v1.AlertCommand.Observation
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {vitals.v1.AlertCommand.Observation} Observation
                 */
                Observation.fromObject = function (object, _depth) {
                    if (object instanceof $root.vitals.v1.AlertCommand.Observation)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".vitals.v1.AlertCommand.Observation: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.vitals.v1.AlertCommand.Observation();
                    if (object.consciousness !== 0 && (typeof object.consciousness !== "string" || $root.vitals.v1.Acvpu[object.consciousness] !== 0))
                        switch (object.consciousness) {
                        case "ACVPU_UNSPECIFIED":
                        case 0:
                            message.consciousness = 0;
                            break;
                        case "ACVPU_ALERT":
                        case 1:
                            message.consciousness = 1;
                            break;
                        case "ACVPU_CONFUSION":
                        case 2:
                            message.consciousness = 2;
                            break;
                        case "ACVPU_VOICE":
                        case 3:
                            message.consciousness = 3;
                            break;
                        case "ACVPU_PAIN":
                        case 4:
                            message.consciousness = 4;
                            break;
                        case "ACVPU_UNRESPONSIVE":
                        case 5:
                            message.consciousness = 5;
                            break;
                        default:
                            if (typeof object.consciousness === "number" && (object.consciousness | 0) === object.consciousness)
                                message.consciousness = object.consciousness;
                        }
                    if (object.supplementalOxygen != null)
                        message.supplementalOxygen = $Boolean(object.supplementalOxygen);
                    return message;
                };

                /**
                 * Creates a plain object from an Observation message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof vitals.v1.AlertCommand.Observation
                 * @static
                 * @param {vitals.v1.AlertCommand.Observation} message Observation
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Observation.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults)
                        object.consciousness = options.enums === $String ? "ACVPU_UNSPECIFIED" : 0;
                    if (message.consciousness != null && $Object.hasOwnProperty.call(message, "consciousness"))
                        object.consciousness = options.enums === $String ? $root.vitals.v1.Acvpu[message.consciousness] === $undefined ? message.consciousness : $root.vitals.v1.Acvpu[message.consciousness] : message.consciousness;
                    if (message.supplementalOxygen != null && $Object.hasOwnProperty.call(message, "supplementalOxygen"))
                        object.supplementalOxygen = message.supplementalOxygen;
                    return object;
                };

                /**
                 * Converts this Observation to JSON.
                 * @function toJSON
                 * @memberof vitals.v1.AlertCommand.Observation
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Observation.prototype.toJSON = function() {
                    return Observation.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Observation
                 * @function getTypeUrl
                 * @memberof vitals.v1.AlertCommand.Observation
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Observation.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/vitals.v1.AlertCommand.Observation";
                };

                return Observation;
            })();

            AlertCommand.Spo2Scale = (function() {

                /**
                 * Properties of a Spo2Scale.
                 * @typedef {Object} vitals.v1.AlertCommand.Spo2Scale.$Properties
                 * @property {number|null} [scale] Spo2Scale scale
                 * @property {string|null} [reason] Spo2Scale reason
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Spo2Scale.
                 * @memberof vitals.v1.AlertCommand
                 * @interface ISpo2Scale
                 * @augments vitals.v1.AlertCommand.Spo2Scale.$Properties
                 * @deprecated Use vitals.v1.AlertCommand.Spo2Scale.$Properties instead.
                 */

                /**
                 * Shape of a Spo2Scale.
                 * @typedef {vitals.v1.AlertCommand.Spo2Scale.$Properties} vitals.v1.AlertCommand.Spo2Scale.$Shape
                 */

                /**
                 * Constructs a new Spo2Scale.
                 * @memberof vitals.v1.AlertCommand
                 * @classdesc Represents a Spo2Scale.
                 * @constructor
                 * @param {vitals.v1.AlertCommand.Spo2Scale.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Spo2Scale = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Spo2Scale scale.
                 * @member {number} scale
                 * @memberof vitals.v1.AlertCommand.Spo2Scale
                 * @instance
                 */
                Spo2Scale.prototype.scale = 0;

                /**
                 * Spo2Scale reason.
                 * @member {string} reason
                 * @memberof vitals.v1.AlertCommand.Spo2Scale
                 * @instance
                 */
                Spo2Scale.prototype.reason = "";

                /**
                 * Creates a new Spo2Scale instance using the specified properties.
                 * @function create
                 * @memberof vitals.v1.AlertCommand.Spo2Scale
                 * @static
                 * @param {vitals.v1.AlertCommand.Spo2Scale.$Properties=} [properties] Properties to set
                 * @returns {vitals.v1.AlertCommand.Spo2Scale} Spo2Scale instance
                 * @type {{
                 *   (properties: vitals.v1.AlertCommand.Spo2Scale.$Shape): vitals.v1.AlertCommand.Spo2Scale & vitals.v1.AlertCommand.Spo2Scale.$Shape;
                 *   (properties?: vitals.v1.AlertCommand.Spo2Scale.$Properties): vitals.v1.AlertCommand.Spo2Scale;
                 * }}
                 */
                Spo2Scale.create = function(properties) {
                    return new Spo2Scale(properties);
                };

                /**
                 * Encodes the specified Spo2Scale message. Does not implicitly {@link vitals.v1.AlertCommand.Spo2Scale.verify|verify} messages.
                 * @function encode
                 * @memberof vitals.v1.AlertCommand.Spo2Scale
                 * @static
                 * @param {vitals.v1.AlertCommand.Spo2Scale.$Properties} message Spo2Scale message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Spo2Scale.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.scale != null && $Object.hasOwnProperty.call(message, "scale") && message.scale !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).int32(message.scale);
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.reason);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Encodes the specified Spo2Scale message, length delimited. Does not implicitly {@link vitals.v1.AlertCommand.Spo2Scale.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof vitals.v1.AlertCommand.Spo2Scale
                 * @static
                 * @param {vitals.v1.AlertCommand.Spo2Scale.$Properties} message Spo2Scale message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Spo2Scale.encodeDelimited = function(message, writer) {
                    return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
                };

                /**
                 * Decodes a Spo2Scale message from the specified reader or buffer.
                 * @function decode
                 * @memberof vitals.v1.AlertCommand.Spo2Scale
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {vitals.v1.AlertCommand.Spo2Scale & vitals.v1.AlertCommand.Spo2Scale.$Shape} Spo2Scale
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Spo2Scale.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.vitals.v1.AlertCommand.Spo2Scale();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.scale = value;
                                else
                                    delete message.scale;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.reason = value;
                                else
                                    delete message.reason;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Decodes a Spo2Scale message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof vitals.v1.AlertCommand.Spo2Scale
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {vitals.v1.AlertCommand.Spo2Scale & vitals.v1.AlertCommand.Spo2Scale.$Shape} Spo2Scale
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Spo2Scale.decodeDelimited = function(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.size());
                };

                /**
                 * Verifies a Spo2Scale message.
                 * @function verify
                 * @memberof vitals.v1.AlertCommand.Spo2Scale
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Spo2Scale.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.scale != null && $Object.hasOwnProperty.call(message, "scale"))
                        if (!$util.isInteger(message.scale))
                            return "scale: integer expected";
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                        if (!$util.isString(message.reason))
                            return "reason: string expected";
                    return null;
                };

                /**
                 * Creates a Spo2Scale message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof vitals.v1.AlertCommand.Spo2Scale
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {vitals.v1.AlertCommand.Spo2Scale} Spo2Scale
                 */
                Spo2Scale.fromObject = function (object, _depth) {
                    if (object instanceof $root.vitals.v1.AlertCommand.Spo2Scale)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".vitals.v1.AlertCommand.Spo2Scale: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.vitals.v1.AlertCommand.Spo2Scale();
                    if (object.scale != null)
                        if ($Number(object.scale) !== 0)
                            message.scale = object.scale | 0;
                    if (object.reason != null)
                        if (typeof object.reason !== "string" || object.reason.length)
                            message.reason = $String(object.reason);
                    return message;
                };

                /**
                 * Creates a plain object from a Spo2Scale message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof vitals.v1.AlertCommand.Spo2Scale
                 * @static
                 * @param {vitals.v1.AlertCommand.Spo2Scale} message Spo2Scale
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Spo2Scale.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.scale = 0;
                        object.reason = "";
                    }
                    if (message.scale != null && $Object.hasOwnProperty.call(message, "scale"))
                        object.scale = message.scale;
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                        object.reason = message.reason;
                    return object;
                };

                /**
                 * Converts this Spo2Scale to JSON.
                 * @function toJSON
                 * @memberof vitals.v1.AlertCommand.Spo2Scale
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Spo2Scale.prototype.toJSON = function() {
                    return Spo2Scale.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Spo2Scale
                 * @function getTypeUrl
                 * @memberof vitals.v1.AlertCommand.Spo2Scale
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Spo2Scale.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/vitals.v1.AlertCommand.Spo2Scale";
                };

                return Spo2Scale;
            })();

            AlertCommand.Discharge = (function() {

                /**
                 * Properties of a Discharge.
                 * @typedef {Object} vitals.v1.AlertCommand.Discharge.$Properties
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Discharge.
                 * @memberof vitals.v1.AlertCommand
                 * @interface IDischarge
                 * @augments vitals.v1.AlertCommand.Discharge.$Properties
                 * @deprecated Use vitals.v1.AlertCommand.Discharge.$Properties instead.
                 */

                /**
                 * Shape of a Discharge.
                 * @typedef {vitals.v1.AlertCommand.Discharge.$Properties} vitals.v1.AlertCommand.Discharge.$Shape
                 */

                /**
                 * Constructs a new Discharge.
                 * @memberof vitals.v1.AlertCommand
                 * @classdesc Represents a Discharge.
                 * @constructor
                 * @param {vitals.v1.AlertCommand.Discharge.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Discharge = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Creates a new Discharge instance using the specified properties.
                 * @function create
                 * @memberof vitals.v1.AlertCommand.Discharge
                 * @static
                 * @param {vitals.v1.AlertCommand.Discharge.$Properties=} [properties] Properties to set
                 * @returns {vitals.v1.AlertCommand.Discharge} Discharge instance
                 * @type {{
                 *   (properties: vitals.v1.AlertCommand.Discharge.$Shape): vitals.v1.AlertCommand.Discharge & vitals.v1.AlertCommand.Discharge.$Shape;
                 *   (properties?: vitals.v1.AlertCommand.Discharge.$Properties): vitals.v1.AlertCommand.Discharge;
                 * }}
                 */
                Discharge.create = function(properties) {
                    return new Discharge(properties);
                };

                /**
                 * Encodes the specified Discharge message. Does not implicitly {@link vitals.v1.AlertCommand.Discharge.verify|verify} messages.
                 * @function encode
                 * @memberof vitals.v1.AlertCommand.Discharge
                 * @static
                 * @param {vitals.v1.AlertCommand.Discharge.$Properties} message Discharge message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Discharge.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Encodes the specified Discharge message, length delimited. Does not implicitly {@link vitals.v1.AlertCommand.Discharge.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof vitals.v1.AlertCommand.Discharge
                 * @static
                 * @param {vitals.v1.AlertCommand.Discharge.$Properties} message Discharge message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Discharge.encodeDelimited = function(message, writer) {
                    return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
                };

                /**
                 * Decodes a Discharge message from the specified reader or buffer.
                 * @function decode
                 * @memberof vitals.v1.AlertCommand.Discharge
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {vitals.v1.AlertCommand.Discharge & vitals.v1.AlertCommand.Discharge.$Shape} Discharge
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Discharge.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.vitals.v1.AlertCommand.Discharge();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        reader.skipType(tag & 7, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Decodes a Discharge message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof vitals.v1.AlertCommand.Discharge
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {vitals.v1.AlertCommand.Discharge & vitals.v1.AlertCommand.Discharge.$Shape} Discharge
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Discharge.decodeDelimited = function(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.size());
                };

                /**
                 * Verifies a Discharge message.
                 * @function verify
                 * @memberof vitals.v1.AlertCommand.Discharge
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Discharge.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    return null;
                };

                /**
                 * Creates a Discharge message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof vitals.v1.AlertCommand.Discharge
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {vitals.v1.AlertCommand.Discharge} Discharge
                 */
                Discharge.fromObject = function (object, _depth) {
                    if (object instanceof $root.vitals.v1.AlertCommand.Discharge)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".vitals.v1.AlertCommand.Discharge: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    return new $root.vitals.v1.AlertCommand.Discharge();
                };

                /**
                 * Creates a plain object from a Discharge message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof vitals.v1.AlertCommand.Discharge
                 * @static
                 * @param {vitals.v1.AlertCommand.Discharge} message Discharge
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Discharge.toObject = function () {
                    return {};
                };

                /**
                 * Converts this Discharge to JSON.
                 * @function toJSON
                 * @memberof vitals.v1.AlertCommand.Discharge
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Discharge.prototype.toJSON = function() {
                    return Discharge.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Discharge
                 * @function getTypeUrl
                 * @memberof vitals.v1.AlertCommand.Discharge
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Discharge.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/vitals.v1.AlertCommand.Discharge";
                };

                return Discharge;
            })();

            return AlertCommand;
        })();

        return v1;
    })();

    return vitals;
})();

export {
  $root as default
};
