// One entry point: `vitals ingest|writer|alerts|api|simulate|start`.
const commands: Record<string, () => Promise<{ main: (argv: string[]) => Promise<void> }>> = {
  ingest: () => import('./ingest/main.js'),
  writer: () => import('./writer/main.js'),
  alerts: () => import('./alerts/main.js'),
  api: () => import('./api/main.js'),
  simulate: () => import('./simulator/main.js'),
  start: () => import('./supervisor/main.js'),
};

const [name, ...rest] = process.argv.slice(2);
const load = name ? commands[name] : undefined;
if (!load) {
  console.error(`usage: vitals <${Object.keys(commands).join('|')}> [options]`);
  process.exit(2);
}
// Under `vitals start` each service runs in its own process group (so Ctrl-C reaches only the
// supervisor, which stops them in order); if the supervisor itself dies, stop cleanly too.
const supervisor = Number(process.env.VITALS_SUPERVISOR_PID ?? 0);
if (supervisor > 0) {
  setInterval(() => { if (process.ppid !== supervisor) process.kill(process.pid, 'SIGTERM'); }, 1_000).unref();
}
const mod = await load();
await mod.main(rest);
