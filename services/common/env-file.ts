import { readFileSync } from 'node:fs';

/** Parses KEY=VALUE lines (the format of `.stack/env`); `#` starts a comment line. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

/**
 * The environment a service runs with: the stack file's endpoints (if the file exists)
 * overlaid by the process environment, so an explicit variable always wins.
 */
export function loadEnv(processEnv: NodeJS.ProcessEnv, stackFile: string): Record<string, string | undefined> {
  let fromFile: Record<string, string> = {};
  try {
    fromFile = parseEnvFile(readFileSync(stackFile, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return { ...fromFile, ...processEnv };
}
