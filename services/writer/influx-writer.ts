// Moved to services/common/influx-writer.ts (issue 13). This re-export keeps the test
// imports that still name the old path working until they are updated; nothing in services/ uses it.
export * from '../common/influx-writer.js';
