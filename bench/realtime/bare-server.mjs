// The real-time baseline: a bare Socket.IO 4.8.4 server on plain `node:http`. No auth, no
// database, no outbox: a socket joins the room named in its handshake query (`?room=R`), and
// `POST /emit?room=R&title=T` emits one `workorder:update` to that room and answers 204.
//
// The payload has the shape and size of our server's `workorder:update`: bench/realtime/run.mjs
// captures one event our server delivered and stores it here with `PUT /template`; each emit
// then sends that object with a new `eventId` (strictly increasing, like ours), the title of the
// trigger (same length as ours), and fresh `timestamp` / `data.updatedAt`.
// Socket.IO options are those of our gateway (path, heartbeat, buffer size, no served client).
//
//   PORT=3911 taskset -c 0 node bench/realtime/bare-server.mjs
//
// Routes:
//   POST /emit?room=R&title=T   one workorder:update to room R (title optional) → 204
//   PUT  /template              body: a captured workorder:update payload (JSON) → 204
//   GET  /mem                   process.memoryUsage() plus the number of connected sockets
//   GET  /gc                    garbage collections so far, by kind: count, total and pauses over 10 / 100 ms
//                               (what our server's /metrics histogram msched_nodejs_gc_duration_seconds gives)
//   GET  /health                200
import { Buffer } from 'node:buffer';
import { channel } from 'node:diagnostics_channel';
import { createServer } from 'node:http';
import { PerformanceObserver, constants, performance } from 'node:perf_hooks';
import { setTimeout } from 'node:timers';
import { URL } from 'node:url';
import { Server } from 'socket.io';

const PORT = Number(process.env.PORT ?? 3911);
const HOST = process.env.HOST ?? '127.0.0.1';

// Until a real event is stored with PUT /template: a payload written after the contract
// (packages/contracts/src/realtime.ts, WorkOrderUpdateEvent), in the key order PostgreSQL's
// jsonb gives ours, with values of the demo data's lengths (~500 bytes of JSON).
let template = {
  eventId: 0,
  data: {
    type: 'PREVENTIVE',
    title: 'rt-bench 00000000-000000',
    status: 'OPEN',
    dueDate: '2026-11-09T23:01:00.000Z',
    version: 2,
    priority: 'LOW',
    updatedAt: '2026-11-29T02:47:58.606Z',
    equipmentId: 'e741cd1e-be6e-47cd-b4ef-b190656def4e',
    requesterId: null,
    technicianId: null,
    changedFields: ['title'],
    workOrderNumber: 'WO-000410',
    scheduledEndTime: null,
    scheduledStartTime: null,
  },
  eventType: 'updated',
  timestamp: '2026-11-29T02:47:58.614Z',
  workOrderId: '16588662-3265-4688-b4f0-2bade501f153',
};
let eventId = 0;
// The moment each event exists, as our server reports its commits (bench/realtime/commit-probe.mjs).
const committed = channel('msched:events:committed');

// GC pauses by kind, as prom-client's default metrics count them in our server.
const GC_KINDS = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};
const gcStats = {};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = GC_KINDS[entry.detail?.kind] ?? 'other';
    const stat = (gcStats[kind] ??= { count: 0, sumSeconds: 0, over10ms: 0, over100ms: 0 });
    stat.count++;
    stat.sumSeconds += entry.duration / 1000;
    if (entry.duration > 10) stat.over10ms++;
    if (entry.duration > 100) stat.over100ms++;
  }
}).observe({ entryTypes: ['gc'] });

const readBody = (request) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

const httpServer = createServer(async (request, response) => {
  const url = new URL(request.url, 'http://bare');
  if (request.method === 'POST' && url.pathname === '/emit') {
    const room = url.searchParams.get('room');
    if (!room) return response.writeHead(400).end('room is required');
    request.resume(); // no body
    const now = new Date().toISOString();
    const title = url.searchParams.get('title') ?? template.data.title;
    eventId += 1;
    if (committed.hasSubscribers) committed.publish({ events: [{ eventId }], committedAt: performance.timeOrigin + performance.now() });
    io.to(room).emit('workorder:update', {
      ...template,
      eventId,
      data: { ...template.data, title, updatedAt: now },
      timestamp: now,
    });
    return response.writeHead(204).end();
  }
  if (request.method === 'PUT' && url.pathname === '/template') {
    template = JSON.parse(await readBody(request));
    return response.writeHead(204).end();
  }
  if (request.method === 'GET' && url.pathname === '/mem') {
    response.writeHead(200, { 'content-type': 'application/json' });
    return response.end(JSON.stringify({ ...process.memoryUsage(), sockets: io.engine.clientsCount }));
  }
  if (request.method === 'GET' && url.pathname === '/gc') {
    response.writeHead(200, { 'content-type': 'application/json' });
    return response.end(JSON.stringify(gcStats));
  }
  if (request.method === 'GET' && url.pathname === '/health') return response.writeHead(200).end('ok');
  response.writeHead(404).end();
});

const io = new Server(httpServer, {
  path: '/socket.io',
  serveClient: false,
  pingInterval: 25_000,
  pingTimeout: 60_000,
  maxHttpBufferSize: 64 * 1024,
});
io.on('connection', (socket) => {
  const room = socket.handshake.query.room;
  if (typeof room === 'string' && room) socket.join(room);
});

const close = () => {
  io.close();
  httpServer.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
};
process.once('SIGTERM', close);
process.once('SIGINT', close);

httpServer.keepAliveTimeout = 65_000;
httpServer.listen(PORT, HOST, () => console.log(`bare Socket.IO baseline listening on http://${HOST}:${PORT}`));
