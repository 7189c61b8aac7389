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

/** The names a `<NAME>_FILE` variable may fill: secrets only (not e.g. MQTT_CA_FILE's CA). */
const SECRET_NAME = /(?:PASSWORD|TOKEN|SECRET)$/;

/**
 * Docker secrets (compose `secrets:`, mounted under /run/secrets): `<NAME>_FILE` names a file
 * holding NAME's value, so the value is in no container's environment (`docker inspect`
 * shows only the path). Read when NAME itself is not set; one trailing newline is dropped.
 * An unreadable file is an error naming the variable, never the value.
 */
export function secretsFromFiles(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, path] of Object.entries(env)) {
    if (!key.endsWith('_FILE') || !path) continue;
    const name = key.slice(0, -'_FILE'.length);
    if (!SECRET_NAME.test(name) || env[name] !== undefined) continue;
    try {
      out[name] = readFileSync(path, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      throw new Error(`${key}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return out;
}

/**
 * The environment a service runs with: the stack file's endpoints (if the file exists)
 * overlaid by the process environment, so an explicit variable always wins; then any secret
 * given as `<NAME>_FILE` (secretsFromFiles).
 */
export function loadEnv(processEnv: NodeJS.ProcessEnv, stackFile: string): Record<string, string | undefined> {
  let fromFile: Record<string, string> = {};
  try {
    fromFile = parseEnvFile(readFileSync(stackFile, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const env = { ...fromFile, ...processEnv };
  return { ...env, ...secretsFromFiles(env) };
}
