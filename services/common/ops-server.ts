import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * /metrics (Prometheus), /healthz (the process is alive) and /readyz (its dependencies
 * answer and it is taking work); `ready()` returns the reasons it is not ready, if any.
 */
export async function startOpsServer(options: { host: string; port: number; registry: Registry; ready: () => string[] }): Promise<OpsServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics') {
      options.registry.metrics().then(
        (text) => { res.writeHead(200, { 'Content-Type': options.registry.contentType }); res.end(text); },
        (err: Error) => { res.writeHead(500); res.end(err.message); },
      );
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"status":"ok"}');
      return;
    }
    if (path === '/readyz') {
      const problems = options.ready();
      res.writeHead(problems.length === 0 ? 200 : 503, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ status: problems.length === 0 ? 'ready' : 'not-ready', problems }));
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
