// GET /live: server-sent events of what happens in the fleet now (live-event.ts), for the
// console. A stream that cannot keep up is closed rather than buffered without end, so one
// slow screen costs the api a bounded amount of memory; the console reconnects.
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { AppOptions } from '../app-options.ts';
import { ApiError } from '../errors.ts';
import { LIVE_TOPICS, sseFrame, type LiveTopic } from '../live/live-event.ts';
import { chargePointIdString, errorResponses } from '../schemas.ts';

/** Bytes a stream may have waiting for the client before it is closed. */
const MAX_BUFFERED_BYTES = 1 << 20;

interface LiveQuery {
  topics?: LiveTopic[];
  chargePointId?: string;
}

const description = `A text/event-stream of what happens in the fleet from now on, each event once the read models show it
(every projection folding its topic has passed its record). The first event is \`event: ready\`;
each following one is \`data: {topic, type, chargePointId, at, ...}\` with the fields a screen shows: StationConnected
(node, protocol, securityProfile), StationDisconnected (node, code), StationBooted (vendor, model, firmwareVersion),
ConnectorStatusChanged (connectorId, evseConnectorId, status, errorCode), FirmwareStatusReported (status); the commands'
CommandRequested / CommandSent / CommandCompleted (commandId, action, status); the sessions' records (transactionId).
A comment line every 15 s keeps proxies from closing an idle stream. A stream that falls 1 MiB behind is closed.`;

export function registerLiveRoutes(app: FastifyInstance, options: AppOptions): void {
  const { hub, maxStreams, keepAliveMs } = options.live;
  // A stream never ends by itself: on close each is ended, or the api would wait on its screens
  // to stop it; the console reconnects, to another instance.
  const open = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const raw of open) raw.end();
  });
  app.get<{ Querystring: LiveQuery }>('/live', {
    config: { role: 'viewer' },
    schema: {
      tags: ['console'], summary: 'Server-sent events of connections, connector states, commands and sessions', description,
      querystring: {
        type: 'object', additionalProperties: false,
        properties: {
          topics: { type: 'array', items: { type: 'string', enum: [...LIVE_TOPICS] }, maxItems: LIVE_TOPICS.length, description: 'All three when absent' },
          chargePointId: { ...chargePointIdString, description: 'Only this station\'s events' },
        },
      },
      response: { 200: { type: 'string', description: 'text/event-stream' }, ...errorResponses('RATE_LIMITED') },
    },
  }, async (request, reply) => {
    if (hub.size >= maxStreams) throw new ApiError('RATE_LIMITED', `this api instance already serves ${maxStreams} live streams`);
    const { topics, chargePointId } = request.query;
    const filter = { topics: new Set(topics ?? LIVE_TOPICS), ...(chargePointId === undefined ? {} : { chargePointId }) };
    const raw = reply.raw;
    // Written by hand from here on; the headers plugins set (CORS) go with it.
    reply.hijack();
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) raw.setHeader(name, value);
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no',
    });
    // The client hears the 200 now, not with the first event (which may be a while).
    raw.flushHeaders();
    const unsubscribe = hub.subscribe(filter, (event) => {
      if (raw.writableLength > MAX_BUFFERED_BYTES) {
        request.log.warn({ buffered: raw.writableLength }, 'live stream fell behind; closing it');
        raw.destroy();
        return;
      }
      raw.write(sseFrame(event));
    });
    const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), keepAliveMs);
    open.add(raw);
    raw.on('close', () => {
      open.delete(raw);
      clearInterval(keepAlive);
      unsubscribe();
    });
    // Ready only once the feed follows the topics (it may still be joining after a start or a
    // broker restart): from then on the stream misses nothing.
    await hub.whenFollowing();
    if (!raw.destroyed) raw.write('event: ready\ndata: {}\n\n');
  });
}
