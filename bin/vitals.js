#!/usr/bin/env node
// One entry for every service: `vitals ingest|writer|alerts|api|simulate|start`.
// Runs the compiled dist/ (npm run build) when it exists, so a production install needs no
// devDependency. In a development checkout (tsx installed) the TypeScript sources run instead
// when they are newer than the build, or when VITALS_SOURCE=1, so an edit is never shadowed
// by a stale dist/. Everything runs in-process, so signals reach the service.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'dist/services/cli.js');
const stamp = join(root, 'dist/BUILD');

function hasTsx() {
  try { createRequire(import.meta.url).resolve('tsx/esm/api'); return true; } catch { return false; }
}

function newestSource(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const stale = () => !existsSync(stamp) || newestSource(join(root, 'services')) > statSync(stamp).mtimeMs;
const fromSource = process.env.VITALS_SOURCE === '1' || !existsSync(built) || (hasTsx() && stale());

if (fromSource) {
  if (!hasTsx()) {
    console.error('vitals: dist/ is missing and tsx (a devDependency) is not installed: run `npm run build` in a development checkout, or install the built package');
    process.exit(1);
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'services/cli.ts')).href);
} else {
  await import(pathToFileURL(built).href);
}
