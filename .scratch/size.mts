import { encodeBatch, makeBatch } from '../test/helpers/fixtures.js';
console.log(encodeBatch(makeBatch({ samples: Array.from({ length: 30 }, (_, i) => ({ kind: 1 + (i % 6), value: 70, unit: '', measuredAtMs: Date.now() })) })).length);
