// The load generator of the real-time benchmark. ONE process, started by bench/realtime/run.mjs
// pinned to the load core (taskset -c 1), holds every subscriber socket (socket.io-client 4.8.4,
// websocket transport, one connection each) and sends every trigger, so "sent" and "received"
// are read from the same clock (performance.now()) in the same process.
//
// Driven by run.mjs over the IPC channel: one command at a time, one answer each
// ({ id, ok, result | error }). Commands:
//   connect    { group, kind: 'ours'|'bare', origin, count, token?, room, batch }
//   latency    { series, groups, trigger, count, record, gapMs, timeoutMs }   sequential triggers
//   throughput { series, groups, trigger, concurrency, warmupSec, durationSec, drainSec, pids, clkTck }
//   report     { series, committedAt }  percentiles of everything recorded under a series name;
//                                with committedAt (eventId → wall-clock ms, bench/realtime/commit-probe.mjs)
//                                also from the moment each event existed on the server
//   sample     {}               the last workorder:update payload received (its exact JSON)
//   stats      { groups }       per-group counters (received, order violations, duplicates)
//   renew      { group, token }  our server: renew the token of every socket (reconnect event)
//   close      { group }
//
// A trigger is `PATCH /api/v1/work-orders/:id { title }` on our server (one `workorder:update`
// per change; the title is new each time) or `POST /emit?room=R&title=T` on the bare server.
// Every trigger has its own title, of the same length for both servers, which is how each
// delivery is matched to the trigger that caused it. Latency of a delivery = its receipt time
// here − the time this process started sending the trigger's request ("from sent"), and − the
// time the server reports the event came to exist ("from commit": ours' commit, bare's emit call;
// wall clock, performance.timeOrigin + performance.now() in every process of this machine).
import { Buffer } from 'node:buffer';
import { Agent, request as httpRequest } from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout } from 'node:timers';
import { URL } from 'node:url';
import { io } from 'socket.io-client';
import { cpuBetween, cpuSnapshot } from './cpu.mjs';

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

// ---------------------------------------------------------------------------------------------
// Subscribers

/** name → { kind, origin, subs: [{ socket, lastEventId, received, violations, duplicates }] } */
const groups = new Map();
/** title → trigger in flight or recently sent (see newTrigger) */
const tracked = new Map();
/** series name → { byGroup: Map<group, number[]>, triggers: [...] } */
const series = new Map();
let stray = 0; // workorder:update events matching no tracked trigger
/** The throughput window being measured: { start, end, count, lastAt } or null. */
let countWindow = null;
let lastPayload = null;

/** The one delivery handler: as little work as possible, the same for both servers. */
function onUpdate(sub, payload) {
  const now = performance.now();
  lastPayload = payload;
  const id = payload.eventId;
  if (id === sub.lastEventId) sub.duplicates++;
  else if (id < sub.lastEventId) sub.violations++;
  if (id > sub.lastEventId) sub.lastEventId = id;
  sub.received++;
  if (countWindow) {
    if (now <= countWindow.end) countWindow.count++;
    countWindow.lastAt = now;
  }
  const trigger = tracked.get(payload.data?.title);
  if (!trigger) {
    stray++;
    return;
  }
  trigger.received++;
  if (trigger.firstAt === 0) {
    trigger.firstAt = now;
    trigger.eventId = id;
  }
  trigger.lastAt = now;
  if (trigger.samples) trigger.samples.get(sub.group)?.push(now - trigger.t0);
  if (trigger.received >= trigger.expected) trigger.complete();
}

function openSocket(kind, origin, token, room, group) {
  const options = { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 60_000 };
  const socket = io(origin, kind === 'ours' ? { ...options, auth: { token } } : { ...options, query: { room } });
  const sub = { socket, group, lastEventId: 0, received: 0, violations: 0, duplicates: 0 };
  socket.on('workorder:update', (payload) => onUpdate(sub, payload));
  return new Promise((resolve, reject) => {
    const fail = (why) => {
      socket.close();
      reject(new Error(why));
    };
    socket.once('connect_error', (error) => fail(`connect_error: ${error.message}`));
    socket.once('error', (error) => fail(`error event: ${JSON.stringify(error)}`));
    socket.once('disconnect', (reason) => fail(`disconnected while opening: ${reason}`));
    const ready = async () => {
      if (kind === 'ours') {
        // Our server: subscribe to the work order's room (authorized like GET /work-orders/:id).
        const ack = await socket.timeout(60_000).emitWithAck('subscribe', { rooms: [room] });
        if (!ack?.success) return fail(`subscribe refused: ${JSON.stringify(ack)}`);
      }
      socket.removeAllListeners('connect_error');
      socket.removeAllListeners('error');
      socket.removeAllListeners('disconnect');
      socket.on('disconnect', () => (sub.disconnected = true));
      resolve(sub);
    };
    // Ours confirms an authenticated connection with connection:confirm; bare only connects.
    if (kind === 'ours') socket.once('connection:confirm', () => ready().catch((error) => fail(error.message)));
    else socket.once('connect', () => ready().catch((error) => fail(error.message)));
  });
}

async function connect({ group, kind, origin, count, token, room, batch = 100, pauseMs = 50 }) {
  const entry = groups.get(group) ?? { kind, origin, subs: [] };
  groups.set(group, entry);
  const started = performance.now();
  const errors = [];
  for (let opened = 0; opened < count; opened += batch) {
    const n = Math.min(batch, count - opened);
    const results = await Promise.allSettled(Array.from({ length: n }, () => openSocket(kind, origin, token, room, group)));
    for (const result of results) {
      if (result.status === 'fulfilled') entry.subs.push(result.value);
      else errors.push(result.reason.message);
    }
    if (pauseMs) await sleep(pauseMs);
  }
  return {
    group,
    connected: entry.subs.length,
    failed: errors.length,
    errors: errors.slice(0, 5),
    seconds: (performance.now() - started) / 1000,
  };
}

async function close({ group }) {
  const entry = groups.get(group);
  if (!entry) return { closed: 0 };
  for (const sub of entry.subs) sub.socket.disconnect();
  groups.delete(group);
  await sleep(500);
  return { closed: entry.subs.length };
}

/** Our server: `reconnect { token }` (the contract's token renewal) on every socket of a group. */
async function renew({ group, token }) {
  const subs = groups.get(group)?.subs ?? [];
  const answers = await Promise.all(
    subs.map((sub) =>
      sub.socket
        .timeout(30_000)
        .emitWithAck('reconnect', { token })
        .catch(() => null),
    ),
  );
  return { renewed: answers.filter((a) => a?.success).length, sockets: subs.length };
}

const socketsIn = (names) => names.reduce((sum, name) => sum + (groups.get(name)?.subs.filter((s) => !s.disconnected).length ?? 0), 0);

function stats({ groups: names }) {
  const out = {};
  for (const name of names) {
    const subs = groups.get(name)?.subs ?? [];
    out[name] = {
      sockets: subs.length,
      disconnected: subs.filter((s) => s.disconnected).length,
      received: subs.reduce((sum, s) => sum + s.received, 0),
      orderViolations: subs.reduce((sum, s) => sum + s.violations, 0),
      duplicates: subs.reduce((sum, s) => sum + s.duplicates, 0),
    };
  }
  return { groups: out, stray };
}

// ---------------------------------------------------------------------------------------------
// Triggers

let sequence = 0;
const RUN_TAG = String(process.pid).padStart(7, '0').slice(-7);

/**
 * A trigger: a new, same-length title, registered before the request leaves so no delivery can
 * arrive unmatched. `complete()` fires when every expected socket has it.
 */
const nextTitle = () => `rt-bench ${RUN_TAG}-${String(++sequence).padStart(8, '0')}`;

function newTrigger(expected, groupNames, record) {
  const title = nextTitle();
  let complete;
  const done = new Promise((resolve) => (complete = resolve));
  const trigger = {
    title,
    expected,
    received: 0,
    t0: 0,
    firstAt: 0,
    lastAt: 0,
    eventId: null,
    samples: record ? new Map(groupNames.map((name) => [name, []])) : null,
    done,
    complete,
  };
  tracked.set(title, trigger);
  return trigger;
}

/**
 * Sends one trigger's HTTP request (t0 is taken just before); answers { status, ms } once the
 * response body is read. Kinds: `patch` (ours: PATCH the work order's title, no If-Match),
 * `comment` (ours: POST a comment; the event carries the unchanged work order, so it cannot be
 * matched by title), `emit` (bare: POST /emit with the title).
 */
function fire(spec, trigger) {
  let method = 'POST';
  let path = `/emit?room=${encodeURIComponent(spec.room)}&title=${encodeURIComponent(trigger.title)}`;
  let body = null;
  if (spec.kind === 'patch') {
    method = 'PATCH';
    path = `/api/v1/work-orders/${spec.workOrderId}`;
    body = JSON.stringify({ title: trigger.title });
  } else if (spec.kind === 'comment') {
    path = `/api/v1/work-orders/${spec.workOrderId}/comments`;
    body = JSON.stringify({ body: trigger.title });
  }
  const headers = body
    ? { authorization: `Bearer ${spec.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
    : {};
  return new Promise((resolve) => {
    trigger.t0 = performance.now();
    const req = httpRequest(new URL(path, spec.origin), { method, agent, headers, timeout: 30_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - trigger.t0 }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ status: 0, ms: performance.now() - trigger.t0, error: error.message }));
    req.end(body ?? undefined);
  });
}

const waitOrTimeout = (promise, ms) => Promise.race([promise.then(() => true), sleep(ms).then(() => false)]);

function seriesOf(name) {
  if (!series.has(name)) series.set(name, { byGroup: new Map(), triggers: [] });
  return series.get(name);
}

/** Sequential triggers: the next one is sent when every socket has the previous one (or it timed out). */
async function latency({ series: name, groups: names, trigger: spec, count, record = true, gapMs = 10, timeoutMs = 10_000 }) {
  const s = seriesOf(name);
  const expected = socketsIn(names);
  let missing = 0;
  let failed = 0;
  for (let i = 0; i < count; i++) {
    const trigger = newTrigger(expected, names, record);
    const response = await fire(spec, trigger);
    const ok = response.status >= 200 && response.status < 300;
    if (!ok) failed++;
    const complete = ok ? await waitOrTimeout(trigger.done, timeoutMs) : false;
    if (ok && !complete) missing += trigger.expected - trigger.received;
    if (record) {
      for (const [group, samples] of trigger.samples) {
        const into = s.byGroup.get(group) ?? [];
        for (const sample of samples) into.push(sample);
        s.byGroup.set(group, into);
      }
      s.triggers.push({
        status: response.status,
        httpMs: response.ms,
        firstMs: trigger.firstAt ? trigger.firstAt - trigger.t0 : null,
        lastMs: trigger.lastAt ? trigger.lastAt - trigger.t0 : null,
        received: trigger.received,
        expected,
        eventId: trigger.eventId,
        sentAt: performance.timeOrigin + trigger.t0,
        samples: trigger.samples,
      });
    }
    tracked.delete(trigger.title);
    if (gapMs) await sleep(gapMs);
  }
  return { triggers: count, expectedPerTrigger: expected, failed, missing };
}

/**
 * Saturation: `concurrency` triggers always in flight for `durationSec`, after a warm-up of the
 * same kind and a full drain. Deliveries are counted, not matched to triggers (comment events
 * all look alike): deliveries per second = workorder:update events received by the groups'
 * sockets inside the measured window ÷ its length. Then the senders stop and every expected
 * delivery (2xx triggers × sockets) is awaited, up to `drainSec`.
 */
async function throughput({ groups: names, trigger: spec, concurrency, warmupSec, durationSec, drainSec = 30, pids = [], clkTck = 100 }) {
  const sockets = socketsIn(names);
  const receivedNow = () => names.reduce((sum, name) => sum + (groups.get(name)?.subs.reduce((n, s) => n + s.received, 0) ?? 0), 0);
  const run = async (seconds) => {
    const end = performance.now() + seconds * 1000;
    let ok = 0;
    const failed = {};
    const worker = async () => {
      while (performance.now() < end) {
        const trigger = { title: nextTitle(), t0: 0 };
        const response = await fire(spec, trigger);
        if (response.status >= 200 && response.status < 300) ok++;
        else failed[response.status] = (failed[response.status] ?? 0) + 1;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { ok, failed, failedCount: Object.values(failed).reduce((sum, n) => sum + n, 0) };
  };
  /** Waits until `expected` deliveries arrived since `base`; answers whether they did. */
  const drain = async (base, expected) => {
    const deadline = performance.now() + drainSec * 1000;
    while (receivedNow() - base < expected && performance.now() < deadline) await sleep(20);
    return receivedNow() - base >= expected;
  };

  // Warm-up, not counted, then let everything arrive.
  const warmBase = receivedNow();
  const warm = await run(warmupSec);
  const warmDrained = await drain(warmBase, warm.ok * sockets);
  await sleep(200);

  const before = stats({ groups: names });
  const base = receivedNow();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const start = performance.now();
  countWindow = { start, end: start + durationSec * 1000, count: 0, lastAt: 0 };
  const own = { ...pids, loadGenerator: process.pid };
  const cpu0 = cpuSnapshot(own);
  delay.enable();
  const measured = await run(durationSec);
  const cpu1 = cpuSnapshot(own);
  // CLOCK_MONOTONIC in µs, the clock of V8's CPU profiles: profile-split.mjs can cut the window out.
  const monotonicUs = { start: Number(cpu0.at / 1000n), end: Number(cpu1.at / 1000n) };
  delay.disable();
  const stoppedAt = performance.now();
  const expected = measured.ok * sockets;
  const drained = await drain(base, expected);
  const drainSeconds = (performance.now() - stoppedAt) / 1000;
  await sleep(500); // anything more (unexpected) would show now
  const received = receivedNow() - base;
  const measuredWindow = countWindow;
  countWindow = null;
  const after = stats({ groups: names });

  const delta = (key) => Object.fromEntries(names.map((n) => [n, after.groups[n][key] - before.groups[n][key]]));
  return {
    concurrency,
    durationSec,
    sockets,
    trigger: spec.kind,
    warmup: { seconds: warmupSec, triggersOk: warm.ok, failed: warm.failed, drained: warmDrained },
    triggersOk: measured.ok,
    triggersFailed: measured.failedCount,
    failedStatuses: measured.failed,
    triggersPerSec: round(measured.ok / durationSec, 1),
    deliveriesInWindow: measuredWindow.count,
    deliveriesPerSec: round(measuredWindow.count / durationSec, 0),
    expected,
    received,
    missing: Math.max(0, expected - received),
    unexpected: Math.max(0, received - expected),
    allDelivered: received === expected,
    drainSeconds: round(drainSeconds, 3),
    drainComplete: drained,
    monotonicUs,
    // From the start of the window to the last delivery (senders stopped, everything drained).
    overallDeliveriesPerSec: measuredWindow.lastAt > start ? round(received / ((measuredWindow.lastAt - start) / 1000), 0) : null,
    orderViolations: delta('orderViolations'),
    duplicates: delta('duplicates'),
    disconnected: Object.fromEntries(names.map((n) => [n, after.groups[n].disconnected])),
    cpu: {
      ...cpuBetween(cpu0, cpu1, clkTck),
      loadGeneratorEventLoopDelayMs: {
        p50: round(delay.percentile(50) / 1e6, 2),
        p99: round(delay.percentile(99) / 1e6, 2),
        max: round(delay.max / 1e6, 2),
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Reports

const round = (value, digits = 3) =>
  value === null || value === undefined || !Number.isFinite(value) ? null : Number(value.toFixed(digits));
function summarize(values) {
  if (values.length === 0) return { n: 0 };
  const sorted = Float64Array.from(values).sort();
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  const mean = sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
  return {
    n: sorted.length,
    p50: round(at(50)),
    p90: round(at(90)),
    p99: round(at(99)),
    p999: round(at(99.9)),
    max: round(sorted[sorted.length - 1]),
    mean: round(mean),
  };
}

/**
 * Latency from the moment the event existed on the server: each trigger's samples (ms after
 * sending) minus the time from sending to that moment. Triggers whose event has no reported
 * time are left out (counted).
 */
function fromCommit(triggers, committedAt) {
  const byGroup = new Map();
  const first = [];
  const last = [];
  const commitMs = [];
  let unmatched = 0;
  for (const t of triggers) {
    const at = t.eventId === null ? undefined : committedAt[t.eventId];
    if (at === undefined) {
      unmatched++;
      continue;
    }
    const offset = at - t.sentAt;
    commitMs.push(offset);
    if (t.firstMs !== null) first.push(t.firstMs - offset);
    if (t.lastMs !== null) last.push(t.lastMs - offset);
    for (const [group, samples] of t.samples) {
      const into = byGroup.get(group) ?? [];
      for (const sample of samples) into.push(sample - offset);
      byGroup.set(group, into);
    }
  }
  const all = [...byGroup.values()].flat();
  return {
    deliveries: summarize(all),
    byGroup: Object.fromEntries([...byGroup].map(([group, values]) => [group, summarize(values)])),
    firstDeliveryMs: summarize(first),
    lastDeliveryMs: summarize(last),
    // When the event came to exist, ms after the trigger was sent (ours: the write's commit).
    sentToCommitMs: summarize(commitMs),
    unmatchedTriggers: unmatched,
  };
}

function report({ series: name, committedAt = null }) {
  const s = seriesOf(name);
  const all = [...s.byGroup.values()].flat();
  return {
    deliveries: summarize(all),
    byGroup: Object.fromEntries([...s.byGroup].map(([group, values]) => [group, summarize(values)])),
    fromCommit: committedAt ? fromCommit(s.triggers, committedAt) : null,
    perTrigger: s.triggers.length
      ? {
          n: s.triggers.length,
          httpMs: summarize(s.triggers.map((t) => t.httpMs)),
          firstDeliveryMs: summarize(s.triggers.filter((t) => t.firstMs !== null).map((t) => t.firstMs)),
          lastDeliveryMs: summarize(s.triggers.filter((t) => t.lastMs !== null).map((t) => t.lastMs)),
          failed: s.triggers.filter((t) => t.status < 200 || t.status >= 300).length,
          missing: s.triggers.reduce((sum, t) => sum + (t.status >= 200 && t.status < 300 ? t.expected - t.received : 0), 0),
          // Every trigger, in order: HTTP status and response time, first and last delivery (ms
          // after sending), deliveries, eventId, and (with committedAt) the commit (ms after sending).
          rows: s.triggers.map((t) => [
            t.status,
            round(t.httpMs, 2),
            round(t.firstMs, 2),
            round(t.lastMs, 2),
            t.received,
            t.eventId,
            committedAt && t.eventId !== null && committedAt[t.eventId] !== undefined ? round(committedAt[t.eventId] - t.sentAt, 2) : null,
          ]),
        }
      : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Command loop

const commands = {
  connect,
  close,
  renew,
  latency,
  throughput,
  report,
  stats,
  sample: () => lastPayload,
};

process.on('message', async (message) => {
  try {
    const result = await commands[message.cmd](message.args ?? {});
    process.send({ id: message.id, ok: true, result });
  } catch (error) {
    process.send({ id: message.id, ok: false, error: error.stack ?? String(error) });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true, pid: process.pid });
