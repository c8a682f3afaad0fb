import type { ServerResponse } from 'node:http';
import { Gauge, type Registry } from 'prom-client';
import type { LiveEvent } from '../../operations/live/change-feed.js';
import { DEFAULT_LIVE_OPTIONS, LiveHub, type LiveHubOptions, type LiveSubscriber } from '../../operations/live/live-hub.js';
import type { App, RouteDeps } from '../app-types.js';
import { iso } from '../presenters.js';

/** A reader this far behind is cut off; its browser reconnects (after `retry`) and reloads. */
const MAX_BUFFERED_BYTES = 256 * 1024;

function eventText(e: LiveEvent): string {
  switch (e.type) {
    case 'incident': {
      const data = { id: e.id, number: e.number, status: e.status, level: e.level, version: e.version, updatedAt: iso(e.updatedAt) };
      return `event: incident\ndata: ${JSON.stringify(data)}\n\n`;
    }
    case 'monitor':
      return `event: monitor\ndata: ${JSON.stringify({ id: e.id, state: e.state })}\n\n`;
  }
}

/** A poll's events as text, built once however many connections receive them. */
const encoded = new WeakMap<readonly LiveEvent[], string>();
function batchText(events: readonly LiveEvent[]): string {
  let text = encoded.get(events);
  if (text === undefined) {
    text = events.map(eventText).join('');
    encoded.set(events, text);
  }
  return text;
}

/** One `text/event-stream` response. */
class EventStream implements LiveSubscriber {
  constructor(private readonly res: ServerResponse) {}

  open(requestId: string): void {
    this.res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      // Not kept alive after the stream: when the server closes it, the socket goes with it at once.
      connection: 'close',
      // nginx would otherwise hold the events back in its buffer.
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
      'x-request-id': requestId,
    });
    this.res.flushHeaders();
    this.write('retry: 2000\n\n');
  }

  deliver(events: readonly LiveEvent[]): void {
    this.write(batchText(events));
  }

  ping(): void {
    this.write(': ping\n\n');
  }

  close(): void {
    this.res.end();
  }

  private write(text: string): void {
    if (this.res.writableEnded || this.res.destroyed) return;
    if (this.res.writableLength > MAX_BUFFERED_BYTES) this.res.destroy();
    else this.res.write(text);
  }
}

/**
 * `GET /api/v1/events`: server-sent events for the console — `incident` (created or changed, by
 * anyone on any node) and `monitor` (its listed state moved). Returns the hub, for tests.
 */
export function eventRoutes(
  app: App,
  { deps }: RouteDeps,
  metrics: Registry,
  options: Partial<Omit<LiveHubOptions, 'onError'>> = {},
): LiveHub {
  const hub = new LiveHub(deps, {
    ...DEFAULT_LIVE_OPTIONS,
    ...options,
    onError: (err) => app.log.error({ err }, 'live events: poll failed'),
  });
  // preClose, not onClose: an open stream would keep server.close() (which onClose waits for) from finishing.
  app.addHook('preClose', () => hub.close());
  new Gauge({
    name: 'fenghuo_live_connections',
    help: 'Open live-event streams (GET /api/v1/events) on this process',
    registers: [metrics],
    collect() {
      this.set(hub.clients);
    },
  });

  app.get('/api/v1/events', {
    config: { access: 'viewer' },
    // A HEAD would subscribe and never end.
    exposeHeadRoute: false,
    // Refusals (401, 403, 503) too: a connection meant for a stream is not kept for other requests.
    onSend: async (_request, reply) => {
      void reply.header('connection', 'close');
    },
    schema: {
      tags: ['events'],
      summary: 'Live changes as server-sent events: `incident` {id, number, status, level, version, updatedAt}, `monitor` {id, state}',
    },
    handler: async (request, reply) => {
      const stream = new EventStream(reply.raw);
      const unsubscribe = await hub.subscribe(stream);
      reply.hijack();
      const socket = request.raw.socket;
      if (socket.destroyed) {
        unsubscribe();
        return;
      }
      reply.raw.on('close', () => {
        unsubscribe();
        // A client that went away can leave its socket half-open, which would hold up server.close().
        if (!reply.raw.writableFinished) socket.destroy();
      });
      stream.open(String(request.id));
    },
  });
  return hub;
}
