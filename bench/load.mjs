// One autocannon run, meant to be started pinned to its own core by bench/run.mjs:
//   taskset -c 1 node bench/load.mjs '<json options>'
// Prints one JSON line with throughput, latency percentiles and error counts.
//
// Options: url (origin), path (may contain {due}: replaced per request by a unique ISO
// instant in the year 2100, so every request has its own cache key), uniqueBase (first
// {due} offset in ms), headers, connections, duration (s), warmup (s), amount (requests
// instead of a duration), timeout (s), rate (requests per second over all connections: an
// offered load below capacity instead of as many as the server answers).
//
// Latency: autocannon's histogram keeps whole milliseconds, too coarse for sub-millisecond
// answers, so percentiles here come from every response's own high-resolution time
// (autocannon's 'response' event), 2xx answers only, as autocannon does.
import autocannon from 'autocannon';

const options = JSON.parse(process.argv[2]);
const DUE_START = Date.UTC(2100, 0, 1);
let counter = Number(options.uniqueBase ?? 0);

const pathFor = () =>
  options.path.includes('{due}')
    ? options.path.replace('{due}', encodeURIComponent(new Date(DUE_START + counter++).toISOString()))
    : options.path;

function run({ duration, amount, connections, record }) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const instance = autocannon(
      {
        url: options.url,
        connections,
        ...(amount ? { amount } : { duration }),
        ...(options.rate ? { overallRate: options.rate } : {}),
        timeout: options.timeout ?? 10,
        headers: options.headers ?? {},
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: pathFor() }) }],
      },
      (error, result) => (error ? reject(error) : resolve({ result, latencies })),
    );
    if (record) {
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      });
    }
  });
}

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null);
const round = (value, digits = 3) => (value === null ? null : Number(value.toFixed(digits)));

if (options.warmup > 0) await run({ duration: options.warmup, connections: options.connections, record: false });
const started = process.hrtime.bigint();
const { result, latencies } = await run({
  duration: options.duration,
  amount: options.amount,
  connections: options.connections,
  record: true,
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
latencies.sort((a, b) => a - b);
const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]));
const ok = latencies.length;
console.log(
  JSON.stringify({
    requests: result.requests.total,
    ok,
    seconds: round(seconds, 2),
    // Completed 2xx answers per second of the measured run.
    rps: round(ok / (options.amount ? seconds : result.duration), 1),
    p50: round(percentile(latencies, 50)),
    p90: round(percentile(latencies, 90)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies.at(-1) ?? null),
    mean: round(ok ? latencies.reduce((sum, value) => sum + value, 0) / ok : null),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    autocannon: { rpsAverage: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 },
  }),
);
