// The ward dashboard's files (services/api/public/: the page, its scripts and styles) and
// uPlot from node_modules. No token is needed to load the page; every call it makes for data needs one.
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const require = createRequire(import.meta.url);
const TYPES: Record<string, string> = { js: 'text/javascript', css: 'text/css', html: 'text/html' };

/** URL -> [content type, file]: every script and style in public/ (not its type-check files), the page at `/`. */
export function dashboardFiles(): Map<string, [string, string]> {
  const files = new Map<string, [string, string]>([
    ['/', [TYPES.html!, `${PUBLIC_DIR}index.html`]],
    ['/vendor/uplot.js', [TYPES.js!, require.resolve('uplot/dist/uPlot.iife.min.js')]],
    ['/vendor/uplot.css', [TYPES.css!, require.resolve('uplot/dist/uPlot.min.css')]],
  ]);
  for (const name of readdirSync(PUBLIC_DIR).sort()) {
    const ext = /\.(js|css)$/.exec(name)?.[1];
    if (ext) files.set(`/${name}`, [TYPES[ext]!, `${PUBLIC_DIR}${name}`]);
  }
  return files;
}

export const staticRoutes: FastifyPluginAsync = async (app) => {
  for (const [url, [type, file]] of dashboardFiles()) {
    app.get(url, async (_req, reply) => reply.type(type).send(await readFile(file)));
  }
};
