// The ceiling for bench/status.ts `--calibrate`: servers that answer the status page's paths with
// the very bytes and headers Fenghuo sent (captured from it), and do nothing else. Run as
//   node dist/bench/bare-status.js KIND PORT RESPONSES.json
// KIND `node`: a bare `http.createServer`; `fastify`: a bare Fastify route; `fastify-hooks`: Fastify
// with global hooks of the kinds src/api/app.ts installs for every route (a request id from
// `randomUUID`, an async onRequest that looks at the route's access, an async onSend that sets
// headers, an async onResponse that counts into prom-client, a scoped onSend for the security
// headers), so that Fastify's own cost and the hooks' cost can be told apart.

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);

export interface CapturedResponse {
  path: string;
  headers: Record<string, string>;
  /** base64 */
  body: string;
}

export const BARE_KINDS = ['node', 'fastify', 'fastify-hooks'] as const;
export type BareKind = (typeof BARE_KINDS)[number];

/** Headers that belong to one connection or one request, not to the representation. */
const HOP = new Set(['connection', 'keep-alive', 'date', 'transfer-encoding', 'content-length']);

function load(file: string): Map<string, { headers: Record<string, string>; body: Buffer }> {
  const list = JSON.parse(readFileSync(file, 'utf8')) as CapturedResponse[];
  return new Map(
    list.map((r) => [
      r.path,
      { headers: Object.fromEntries(Object.entries(r.headers).filter(([k]) => !HOP.has(k))), body: Buffer.from(r.body, 'base64') },
    ]),
  );
}

async function bareNode(port: number, responses: ReturnType<typeof load>): Promise<void> {
  const server = http.createServer((req, res) => {
    const r = responses.get(req.url ?? '');
    if (req.url === '/readyz') return void res.end('ok');
    if (!r) return void res.writeHead(404).end();
    res.writeHead(200, r.headers).end(r.body);
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
}

async function bareFastify(port: number, responses: ReturnType<typeof load>, hooks: boolean): Promise<void> {
  const { default: Fastify } = await import('fastify');
  const app = Fastify({
    logger: false,
    ...(hooks
      ? {
          genReqId: (req: http.IncomingMessage) => {
            const h = req.headers['x-request-id'];
            return typeof h === 'string' && /^[\w.:-]{1,64}$/.test(h) ? h : randomUUID();
          },
        }
      : {}),
  });
  if (hooks) {
    const { Counter, Histogram, Registry } = await import('prom-client');
    const registry = new Registry();
    const requests = new Counter({ name: 'r', help: 'r', labelNames: ['method', 'route', 'status'] as const, registers: [registry] });
    const latency = new Histogram({
      name: 'l',
      help: 'l',
      labelNames: ['route'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    app.addHook('onRequest', async (request) => {
      const access = (request.routeOptions.config as { access?: string }).access;
      if (access === undefined || access === 'public') return;
      throw new Error('not public');
    });
    app.addHook('onSend', async (request, reply) => {
      void reply.header('x-request-id', String(request.id));
      void reply.header('x-content-type-options', 'nosniff');
      if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
    });
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      requests.inc({ method: request.method, route, status: String(reply.statusCode) });
      latency.observe({ route }, reply.elapsedTime / 1000);
    });
  }
  await app.register(async (scope) => {
    if (hooks) {
      scope.addHook('onSend', (_request, reply, payload, done) => {
        void reply.headers({ 'x-frame-options': 'DENY' });
        reply.removeHeader('set-cookie');
        done(null, payload);
      });
    }
    for (const [path, r] of responses) {
      scope.get(path, { config: { access: 'public' } }, async (_request, reply) => reply.headers(r.headers).send(r.body));
    }
  });
  app.get('/readyz', { config: { access: 'public' } }, async () => 'ok');
  await app.listen({ port, host: '127.0.0.1' });
}

// Run as a program: one of the servers.
if (process.argv[1] === SELF) {
  const [kind, port, file] = process.argv.slice(2) as [BareKind, string, string];
  const responses = load(file);
  const started = kind === 'node' ? bareNode(Number(port), responses) : bareFastify(Number(port), responses, kind === 'fastify-hooks');
  started.then(
    () => process.on('SIGTERM', () => process.exit(0)),
    (err: unknown) => {
      process.stderr.write(`bare server: ${(err as Error).stack ?? String(err)}\n`);
      process.exit(2);
    },
  );
}
