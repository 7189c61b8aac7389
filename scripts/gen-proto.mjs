// Generates static protobuf code from proto/vitals/v1/*.proto into proto/gen/.
// `--check` regenerates into a temp dir and fails if the committed code drifted.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const check = process.argv.includes('--check');
const protoDir = 'proto/vitals/v1';
const outDir = 'proto/gen';
const protos = readdirSync(protoDir).filter((f) => f.endsWith('.proto')).sort().map((f) => join(protoDir, f));
const tmp = mkdtempSync(join(tmpdir(), 'vitals-proto-'));
const bin = (name) => join('node_modules', '.bin', name);
try {
  const js = join(tmp, 'vitals.js');
  const dts = join(tmp, 'vitals.d.ts');
  execFileSync(bin('pbjs'), ['-t', 'static-module', '-w', 'es6', '--force-number', '-o', js, ...protos], { stdio: 'inherit' });
  execFileSync(bin('pbts'), ['-o', dts, js], { stdio: 'inherit' });
  // --force-number leaves an unused `long` import that ESM typechecking cannot resolve.
  const types = readFileSync(dts, 'utf8').replace(/^import Long = require\("long"\);\n/m, '');
  const files = { 'vitals.js': readFileSync(js, 'utf8'), 'vitals.d.ts': types };
  let drift = false;
  mkdirSync(outDir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    const target = join(outDir, name);
    let current = null;
    try { current = readFileSync(target, 'utf8'); } catch { /* missing */ }
    if (check) {
      if (current !== content) { drift = true; console.error(`proto: ${target} is out of date; run npm run proto:gen`); }
    } else {
      writeFileSync(target, content);
    }
  }
  if (drift) process.exitCode = 1;
  else console.log(check ? 'proto: generated code is up to date' : `proto: wrote ${outDir}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
