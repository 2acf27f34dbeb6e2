// Preloaded into both servers, for the memory figure only (bench/realtime/run.mjs, scenario
// "memory"):  node --expose-gc --import ./bench/realtime/memory-probe.mjs <server>
//
// On SIGWINCH (not SIGUSR2: NestJS's enableShutdownHooks() closes the application on SIGUSR2;
// not SIGUSR1: that starts Node's inspector) it runs a full garbage collection (when --expose-gc is given) and writes
// process.memoryUsage() to BENCH_MEM_FILE, so both servers are read the same way. It adds no
// route, no timer and no work to the server between signals.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_MEM_FILE;
if (file) {
  process.on('SIGWINCH', () => {
    const gc = globalThis.gc;
    if (typeof gc === 'function') gc();
    writeFileSync(file, JSON.stringify({ ...process.memoryUsage(), gc: typeof gc === 'function', at: Date.now() }));
  });
}
