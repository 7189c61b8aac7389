// The error registry, docs/errors.md and the codes services/ actually throw agree, both ways.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES, RETIRED_ERROR_CODES, httpStatusOf, type ErrorCode } from '../../services/common/errors.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CODE_RE = /['"`]([A-Z]+_ERR_[A-Z_]+)['"`]/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|js|mjs)$/.test(e.name) ? [p] : [];
  });
}

/** Every code named as a string literal in services/, outside the registry itself. */
function usedCodes(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  for (const file of sources(join(ROOT, 'services'))) {
    if (file.endsWith(join('common', 'errors.ts'))) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(CODE_RE)) used.set(m[1]!, [...(used.get(m[1]!) ?? []), file.slice(ROOT.length)]);
  }
  return used;
}

function documentedCodes(): Set<string> {
  const md = readFileSync(join(ROOT, 'docs', 'errors.md'), 'utf8');
  const table = md.split('## Retired codes')[0]!;
  return new Set([...table.matchAll(/^\| `([A-Z]+_ERR_[A-Z_]+)` \|/gm)].map((m) => m[1]!));
}

test('every code services/ throws is in the registry and in docs/errors.md', () => {
  const registry = new Set(Object.keys(ERROR_CODES));
  const docs = documentedCodes();
  for (const [code, files] of usedCodes()) {
    assert.ok(registry.has(code), `${code} (${files.join(', ')}) is not in services/common/errors.ts`);
    assert.ok(docs.has(code), `${code} (${files.join(', ')}) is not documented in docs/errors.md`);
  }
});

test('every registered or documented code is thrown somewhere (no dead entries)', () => {
  const used = usedCodes();
  for (const code of Object.keys(ERROR_CODES)) assert.ok(used.has(code), `${code} is registered but never thrown`);
  for (const code of documentedCodes()) assert.ok(used.has(code), `${code} is documented but never thrown`);
  assert.deepEqual([...documentedCodes()].sort(), Object.keys(ERROR_CODES).sort());
});

test('retired codes stay retired; API codes carry their HTTP status', () => {
  const used = usedCodes();
  for (const code of RETIRED_ERROR_CODES) {
    assert.ok(!(code in ERROR_CODES) && !used.has(code), `${code} is retired and must not come back`);
  }
  for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
    const status = httpStatusOf(code);
    if (code.startsWith('API_ERR_')) assert.ok(status >= 400 && status <= 599 && 'httpStatus' in ERROR_CODES[code], `${code} needs an httpStatus`);
    else assert.ok(!('httpStatus' in ERROR_CODES[code]), `${code} is not an API code and has no HTTP status`);
  }
  assert.deepEqual([httpStatusOf('API_ERR_NOT_FOUND'), httpStatusOf('API_ERR_RATE_LIMITED'), httpStatusOf('API_ERR_UNAVAILABLE')], [404, 429, 503]);
});
