// Preloaded into both servers for the fan-out and cluster steps (bench/realtime/run.mjs):
//   node --import ./bench/realtime/commit-probe.mjs <server>
//
// The latency figures are taken from the moment an event exists for the server: for ours, the
// commit of the change that recorded it (known when the COMMIT answer reaches the server); for
// the bare server, its emit call. Both report that moment on the diagnostics channel
// `msched:events:committed` ({ events: [{ eventId }], committedAt }, wall-clock milliseconds
// with sub-millisecond precision: performance.timeOrigin + performance.now(), the clock the load
// generator reads too). This module keeps eventId → time and, on SIGWINCH (see
// memory-probe.mjs for why that signal; the two are never loaded together), writes them to
// BENCH_COMMIT_FILE. Nothing else: no route, no timer.
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_COMMIT_FILE;
if (file) {
  const committedAt = new Map();
  subscribe('msched:events:committed', (message) => {
    for (const event of message.events) committedAt.set(event.eventId, message.committedAt);
  });
  process.on('SIGWINCH', () => {
    writeFileSync(file, JSON.stringify({ at: Date.now(), committedAt: Object.fromEntries(committedAt) }));
  });
}
