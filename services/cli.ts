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
const mod = await load();
await mod.main(rest);
