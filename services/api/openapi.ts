/** OpenAPI 3.1 description of the clinician API, served at /openapi.json. */
import { CATEGORY, CHANGE_REASONS, PRIORITY, STATE } from '../common/alert-contract.js';
import { ACVPU } from '../common/alert-contract-commands.js';
import { ERROR_CODES } from '../common/errors.js';
import { VITAL_KEYS } from '../common/vital-kinds.js';

/** The API's error codes, from the registry (each with its HTTP status there). */
const API_ERROR_CODES = Object.keys(ERROR_CODES).filter((c) => c.startsWith('API_ERR_'));

const bearer = [{ bearer: [] }];
const err = { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const errors = { 400: err, 401: err, 403: err, 404: err };
const pid = { name: 'patientId', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' } };
const aid = { name: 'alertId', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-f0-9]{24}$' } };
const ok = (description: string, schema: object = { type: 'object' }) => ({ description, content: { 'application/json': { schema } } });
const KINDS = VITAL_KEYS;

export const openApiDocument = {
  openapi: '3.1.0',
  info: { title: 'Vitals pipeline clinician API', version: '1.0.0', description: 'Bearer: a session token of a named account (POST /api/v1/session; clinicians see their wards only, 403 API_ERR_FORBIDDEN_WARD otherwise), or a static clinician/operator token (bootstrap and services, all wards). Every change is in the audit trail, authored by the principal.' },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Error: { type: 'object', required: ['error', 'message'], properties: { error: { enum: API_ERROR_CODES, example: 'API_ERR_BAD_REQUEST' }, message: { type: 'string' } } },
      Vital: {
        type: 'object',
        properties: {
          key: { enum: KINDS }, display: { type: 'string' }, label: { type: 'string' }, ucum: { type: 'string' }, unitDisplay: { type: 'string' },
          loinc: { type: 'string' }, loincDisplay: { type: 'string' }, extraLoinc: { type: 'array', items: { type: 'object' } }, min: { type: 'number' }, max: { type: 'number' },
          limit: { type: ['object', 'null'] }, news2: { type: ['string', 'null'] }, fhirQuantity: { type: 'boolean' },
        },
      },
      Alert: {
        type: 'object',
        properties: {
          id: { type: 'string' }, patientId: { type: 'string' }, deviceId: { type: 'string' }, kind: { type: 'string', example: 'limit:spo2:low' },
          priority: { enum: PRIORITY.names }, state: { enum: STATE.names }, value: { type: 'number' }, threshold: { type: 'number' },
          message: { type: 'string' }, raisedAt: { type: 'integer' }, updatedAt: { type: 'integer' }, acknowledgedBy: { type: 'string' },
          category: { enum: CATEGORY.names }, conditionActive: { type: 'boolean', description: 'the alarm condition still exists; such an alert cannot be resolved by hand' },
          latched: { type: 'boolean', description: 'high priority, condition over, shown until acknowledged' }, escalationLevel: { type: 'integer' }, escalatedAt: { type: 'integer' },
          acknowledgedUntil: { type: 'integer', description: 'end of the time-limited acknowledgement (epoch ms)' }, news2Missing: { type: 'string' }, news2Response: { type: 'string' },
          change: { enum: [...CHANGE_REASONS, ''], example: 'escalated', description: 'why this change was sent; only "raised" is a new alarm; "" on alerts written before the alarm model' },
        },
      },
      Monitoring: { type: 'object', properties: { state: { enum: ['live', 'interrupted', 'starting'] }, since: { type: ['integer', 'null'] }, reasons: { type: 'array', items: { type: 'string' } } } },
      Limit: { type: 'object', additionalProperties: false, properties: { low: { type: 'number' }, high: { type: 'number' }, delayMs: { type: 'integer' }, delaySamples: { type: 'integer' }, hysteresis: { type: 'number' }, priority: { enum: PRIORITY.names } } },
    },
  },
  security: bearer,
  paths: {
    '/api/v1/vitals': { get: { summary: 'The vital catalogue: key, LOINC, UCUM, display names, possible range, default alarm limit, NEWS2 parameter', responses: { 200: ok('vitals', { type: 'object', properties: { vitals: { type: 'array', items: { $ref: '#/components/schemas/Vital' } } } }), ...errors } } },
    '/api/v1/patients': { get: { summary: 'Ward: every patient with latest vitals, NEWS2, device state and open alerts', responses: { 200: ok('patients'), ...errors } } },
    '/api/v1/patients/{patientId}': { get: { summary: 'One patient', parameters: [pid], responses: { 200: ok('patient'), ...errors } } },
    '/api/v1/patients/{patientId}/vitals': {
      get: {
        summary: 'Time series of one vital, downsampled in InfluxDB (aggregateWindow mean)',
        parameters: [pid,
          { name: 'kind', in: 'query', required: true, schema: { enum: KINDS } },
          { name: 'start', in: 'query', schema: { type: 'string', format: 'date-time' }, description: 'default: stop - 1h' },
          { name: 'stop', in: 'query', schema: { type: 'string', format: 'date-time' }, description: 'default: now' },
          { name: 'every', in: 'query', schema: { type: 'string', pattern: '^[1-9][0-9]{0,5}(ms|s|m|h|d)$' }, description: 'window; default about 500 points over the range' }],
        responses: { 200: ok('series: points as [epoch ms, value]'), ...errors },
      },
    },
    '/api/v1/patients/{patientId}/fhir': {
      get: { summary: 'FHIR R4 Bundle of vital-signs Observations (LOINC, UCUM; BP as a panel)', parameters: [pid, { name: 'start', in: 'query', schema: { type: 'string' } }, { name: 'stop', in: 'query', schema: { type: 'string' } }, { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 10000 } }], responses: { 200: { description: 'Bundle', content: { 'application/fhir+json': { schema: { type: 'object' } } } }, ...errors } },
    },
    '/api/v1/patients/{patientId}/limits': {
      get: { summary: 'Per-patient limit overrides', parameters: [pid], responses: { 200: ok('overrides'), ...errors } },
      put: { summary: 'Set per-patient limit overrides (operator); the alert worker applies them without restart', parameters: [pid], requestBody: { content: { 'application/json': { schema: { type: 'object', additionalProperties: { $ref: '#/components/schemas/Limit' } } } } }, responses: { 202: ok('accepted'), ...errors } },
    },
    '/api/v1/patients/{patientId}/observations': {
      post: {
        summary: 'Nurse-entered NEWS2 parameters (ACVPU, air/oxygen), to the alert worker via Kafka', parameters: [pid],
        requestBody: { content: { 'application/json': { schema: { type: 'object', additionalProperties: false, properties: { consciousness: { enum: ACVPU.names }, supplementalOxygen: { type: 'boolean' } } } } } },
        responses: { 202: ok('accepted'), ...errors },
      },
    },
    '/api/v1/patients/{patientId}/spo2-scale': {
      put: {
        summary: 'SpO2 scale for NEWS2 (2 = hypercapnic respiratory failure, target 88-92%), with a reason', parameters: [pid],
        requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['scale', 'reason'], additionalProperties: false, properties: { scale: { enum: [1, 2] }, reason: { type: 'string', minLength: 5 } } } } } },
        responses: { 202: ok('accepted'), ...errors },
      },
    },
    '/api/v1/monitoring': { get: { summary: 'Whether monitoring is live or interrupted (the API\'s Kafka feed is stale, or the alert worker lags), and since when', responses: { 200: ok('monitoring', { $ref: '#/components/schemas/Monitoring' }), ...errors } } },
    '/api/v1/devices': {
      get: { summary: 'Devices: online/offline, last seen, battery', responses: { 200: ok('devices'), ...errors } },
      post: {
        summary: 'Operator: register a device (broker account bound to its client id); the credentials are in this response only',
        requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['deviceId', 'model', 'firmware'], additionalProperties: false, properties: { deviceId: { type: 'string' }, model: { type: 'string' }, firmware: { type: 'string' } } } } } },
        responses: { 201: ok('credentials: deviceId, username, clientId, password'), 409: err, ...errors },
      },
    },
    '/api/v1/devices/{deviceId}/registration': { get: { summary: 'Operator: the registry record (model, firmware, registered at, revoked)', parameters: [{ name: 'deviceId', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: ok('record'), ...errors } } },
    '/api/v1/devices/{deviceId}/credentials': { post: { summary: 'Operator: rotate the password (shown once); the old one is refused from the next connection', parameters: [{ name: 'deviceId', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: ok('credentials'), ...errors } } },
    '/api/v1/devices/{deviceId}/revoke': { post: { summary: 'Operator: revoke: the broker disconnects the device now and refuses it from then on', parameters: [{ name: 'deviceId', in: 'path', required: true, schema: { type: 'string' } }], responses: { 204: ok('revoked'), ...errors } } },
    '/api/v1/admissions': {
      get: { summary: 'Admitted patients (ward, bed, assigned devices); ?ward= filters, ?discharged=true includes the discharged', responses: { 200: ok('patients'), ...errors } },
      post: { summary: 'Operator: admit {patientId, displayName, ward, bed}; 409 if admitted', responses: { 201: ok('patient'), 409: err, ...errors } },
    },
    '/api/v1/admissions/{patientId}': { get: { summary: 'One admission record with its assigned devices', parameters: [pid], responses: { 200: ok('patient'), ...errors } } },
    '/api/v1/admissions/{patientId}/transfer': { post: { summary: 'Operator: move the patient to {ward, bed}; open alerts follow the patient', parameters: [pid], responses: { 200: ok('patient'), 409: err, ...errors } } },
    '/api/v1/admissions/{patientId}/discharge': { post: { summary: 'Operator: discharge: ends the patient\'s assignments; the alert worker closes their alerts ("discharged")', parameters: [pid], responses: { 200: ok('patient'), 409: err, ...errors } } },
    '/api/v1/assignments': { post: { summary: 'Operator: assign {deviceId, patientId, from?} (default now); readings are attributed by their measured time', responses: { 201: ok('assignment history'), ...errors } } },
    '/api/v1/assignments/{deviceId}': { get: { summary: 'The device\'s assignment history', parameters: [{ name: 'deviceId', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: ok('assignment history'), ...errors } } },
    '/api/v1/assignments/{deviceId}/end': { post: { summary: 'Operator: end the device\'s open assignment {at?}', parameters: [{ name: 'deviceId', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: ok('assignment history'), ...errors } } },
    '/api/v1/notices': { get: { summary: 'Technical notices, low priority: devices whose newest readings no assignment covers ("unassigned-device")', responses: { 200: ok('notices'), ...errors } } },
    '/api/v1/alerts': {
      get: {
        summary: 'Alerts by state, patient and priority',
        parameters: [{ name: 'state', in: 'query', schema: { enum: [...STATE.names, 'active'] } }, { name: 'patient', in: 'query', schema: { type: 'string' } }, { name: 'priority', in: 'query', schema: { enum: PRIORITY.names } }, { name: 'category', in: 'query', schema: { enum: CATEGORY.names } }, { name: 'limit', in: 'query', schema: { type: 'integer' } }],
        responses: { 200: ok('alerts', { type: 'object', properties: { alerts: { type: 'array', items: { $ref: '#/components/schemas/Alert' } } } }), ...errors },
      },
    },
    '/api/v1/alerts/{alertId}': { get: { summary: 'One alert', parameters: [aid], responses: { 200: ok('alert', { $ref: '#/components/schemas/Alert' }), ...errors } } },
    '/api/v1/alerts/{alertId}/acknowledge': { post: { summary: 'Acknowledge (asynchronous: the worker applies it)', parameters: [aid], requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', additionalProperties: false, description: 'empty: the author is the signed-in principal' } } } }, responses: { 202: ok('accepted'), 409: err, ...errors } } },
    '/api/v1/alerts/{alertId}/resolve': { post: { summary: 'Resolve an alert whose condition has ended (a latched one); 409 while the alarm condition still exists', parameters: [aid], responses: { 202: ok('accepted'), 409: err, ...errors } } },
    '/api/v1/session': {
      post: { summary: 'Sign in with a named account: a session token (expires when idle 30 min, at most 12 h); 401 API_ERR_SIGN_IN_FAILED, 429 after 20 failures a minute', security: [], requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['username', 'password'], properties: { username: { type: 'string' }, password: { type: 'string' } } } } } }, responses: { 201: ok('token, expiresAt, absoluteExpiresAt, principal'), 401: err, 429: err } },
      get: { summary: 'The signed-in principal: id, role, wards', responses: { 200: ok('principal'), ...errors } },
      delete: { summary: 'Sign out: ends every session of the account', responses: { 204: { description: 'signed out' }, ...errors } },
    },
    '/api/v1/session/refresh': { post: { summary: 'A fresh session token for the same sign-in (idle window restarts, absolute end stays)', responses: { 201: ok('token'), ...errors } } },
    '/api/v1/accounts': {
      get: { summary: 'Operator: named accounts (never their password hashes)', responses: { 200: ok('accounts'), ...errors } },
      post: { summary: 'Operator: create a clinician (with wards) or operator account; password scrypt-hashed', requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['username', 'password', 'role'], additionalProperties: false, properties: { username: { type: 'string' }, password: { type: 'string', minLength: 12 }, role: { enum: ['clinician', 'operator'] }, wards: { type: 'array', items: { type: 'string' } } } } } } }, responses: { 201: ok('account'), 409: err, ...errors } },
    },
    '/api/v1/accounts/{username}/disable': { post: { summary: 'Operator: disable an account; its sessions end at once', parameters: [{ name: 'username', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{2,63}$' } }], responses: { 200: ok('account'), ...errors } } },
    '/api/v1/accounts/{username}/enable': { post: { summary: 'Operator: enable a disabled account again (old sessions stay void)', parameters: [{ name: 'username', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{2,63}$' } }], responses: { 200: ok('account'), ...errors } } },
    '/api/v1/audit': { get: { summary: 'Operator: the audit trail, newest first, filtered (read only: no route edits or deletes it)', parameters: [{ name: 'target', in: 'query', schema: { type: 'string' } }, { name: 'actor', in: 'query', schema: { type: 'string' } }, { name: 'action', in: 'query', schema: { type: 'string' } }, { name: 'since', in: 'query', schema: { type: 'string', format: 'date-time' } }, { name: 'until', in: 'query', schema: { type: 'string', format: 'date-time' } }, { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 1000 } }], responses: { 200: ok('entries: id, at, actor, role, action, target, before, after'), ...errors } } },
    '/api/v1/audit/fhir': { get: { summary: 'Operator: the same entries as a FHIR R4 Bundle of AuditEvent', parameters: [{ name: 'target', in: 'query', schema: { type: 'string' } }, { name: 'actor', in: 'query', schema: { type: 'string' } }, { name: 'action', in: 'query', schema: { type: 'string' } }, { name: 'since', in: 'query', schema: { type: 'string', format: 'date-time' } }, { name: 'until', in: 'query', schema: { type: 'string', format: 'date-time' } }, { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 1000 } }], responses: { 200: { description: 'Bundle', content: { 'application/fhir+json': { schema: { type: 'object' } } } }, ...errors } } },
    '/api/v1/stream': { get: { summary: 'Server-sent events: vitals, alert, status, monitoring, observation (token in Authorization or ?token=)', responses: { 200: { description: 'text/event-stream' }, 401: err } } },
  },
} as const;
