#!/usr/bin/env node
// Production build: compiles services/ to dist/ with tsc (so a production install runs plain
// JavaScript, without tsx or any devDependency) and copies the files tsc does not emit: the
// generated protobuf module and the dashboard's static files.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const require = createRequire(import.meta.url);
const t0 = Date.now();
rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
mkdirSync(join(dist, 'proto/gen'), { recursive: true });
cpSync(join(root, 'proto/gen/vitals.js'), join(dist, 'proto/gen/vitals.js'));
// The dashboard's type-check files (tsconfig.json, globals.d.ts) are not part of what is served.
cpSync(join(root, 'services/api/public'), join(dist, 'services/api/public'), { recursive: true, filter: (src) => !/(tsconfig\.json|\.d\.ts)$/.test(src) });
// bin/vitals.js compares this stamp with the sources' mtimes to tell a stale build.
writeFileSync(join(dist, 'BUILD'), `${JSON.stringify({ builtAt: new Date().toISOString() })}\n`);
console.error(`[build] dist/ in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
