// The baselines: a bare Fastify server that runs, with `pg` (Pool) and ioredis, the same SQL
// text our server issues for the work-order list, keyset page, search, count and detail, and
// a plain Redis GET. No auth, no validation library, no ORM, no cache: just the SQL and JSON.
//
// The SQL strings below were copied from PostgreSQL's statement log of our server
// (PGOPTIONS='-c log_statement=all', see bench/README.md); they match the Drizzle queries in
// apps/server/src/modules/work-orders/work-order-queries.repository.ts, including the
// organization filter, the deleted_at filter, ORDER BY and LIMIT (with the same parameter
// numbering, so PostgreSQL plans them the same way).
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/msched_bench REDIS_URL=redis://127.0.0.1:6379 \
//   PORT=3901 taskset -c 0 node bench/bare-server.mjs
//
// Routes (organization id in ?org=…):
//   GET /list?org&status=A,B&priority=A,B&dueDateTo=ISO&limit=20&total=1   page 1, dueDate asc
//   GET /after?org&…filters&value=ISO&id=UUID&limit=20                      keyset page after (value, id)
//   GET /search?org&q=text&…filters&limit=20&total=1                        search page 1
//   GET /detail/:id?org                                                       one live work order
//   GET /redis/:key                                                          stored JSON string
//   PUT /redis/:key  (body = JSON text)                                      store a value
//   PUT /answer-headers  (body = JSON object of header names and values)     headers for the next route
//   GET /redis-with-headers/:key                                             the stored JSON string with those headers
import { Buffer } from 'node:buffer';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import pg from 'pg';

const PORT = Number(process.env.PORT ?? 3901);
const HOST = process.env.HOST ?? '127.0.0.1';
const POOL_MAX = Number(process.env.DATABASE_POOL_MAX ?? 20); // our server's default pool size
const EXACT_TOTAL_LIMIT = 1000; // as in work-order-queries.repository.ts: above it, 1,001 flagged as an estimate

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: POOL_MAX, application_name: 'msched-bench-bare' });
pool.on('error', () => undefined);
// REDIS_AUTO_PIPELINING=1: commands of one event-loop turn in one write, as our server's cache client does.
const redis = process.env.REDIS_URL
  ? new Redis(process.env.REDIS_URL, { keyPrefix: 'msched-bench:', enableAutoPipelining: process.env.REDIS_AUTO_PIPELINING === '1' })
  : null;

const COLUMNS =
  '"id", "organization_id", "number", "work_order_number", "title", "description", "type", "status", "priority", "due_date", "required_skills", "estimated_duration", "scheduled_start_time", "scheduled_end_time", "actual_start_time", "actual_end_time", "actual_duration", "technician_id", "equipment_id", "requester_id", "pm_plan_id", "crew_size", "crew_technician_ids", "predecessor_ids", "conflict_groups", "requires_downtime", "compliance_window_end", "completion", "version", "created_at", "updated_at", "deleted_at"';
const ORDER_DUE_ASC = 'order by "work_orders"."due_date" asc, "work_orders"."id" asc';

const list = (value) => (value ? String(value).split(',').filter(Boolean) : []);

/**
 * The WHERE of WorkOrderQueriesRepository.where() for an organization-wide caller, in Drizzle's
 * order (organization, deleted_at, status, priority, dueDateTo, search), numbered from $first.
 * A search adds no condition: the statement reads its matches in the table's place (`sourceOf`).
 */
function whereOf(query, first = 1) {
  const params = [];
  const p = (value) => {
    params.push(value);
    return `$${first + params.length - 1}`;
  };
  const conditions = [`"work_orders"."organization_id" = ${p(query.org)}`, '"work_orders"."deleted_at" is null'];
  const status = list(query.status);
  if (status.length) conditions.push(`"work_orders"."status" in (${status.map(p).join(', ')})`);
  const priority = list(query.priority);
  if (priority.length) conditions.push(`"work_orders"."priority" in (${priority.map(p).join(', ')})`);
  if (query.dueDateTo) conditions.push(`"work_orders"."due_date" <= ${p(new Date(query.dueDateTo).toISOString())}`);
  return { sql: `(${conditions.join(' and ')})`, params };
}

/**
 * What a list statement reads (work-order-search.ts): the table, or with a search the WITH entry
 * `search_matches` (whole rows: those whose own text matches, then those matched only through
 * their equipment or technician), read under the table's name, its columns qualified as Drizzle
 * writes them, and its count unordered. Its parameters come first, as Drizzle numbers them.
 */
function sourceOf(query) {
  if (!query.q) return { with: '', params: [], from: '"work_orders"', columns: COLUMNS, countOrder: 'order by "number" ' };
  const params = [];
  const p = (value) => {
    params.push(value);
    return `$${params.length}`;
  };
  const pattern = `%${String(query.q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const ownText = () =>
    `("work_orders"."title" ilike ${p(pattern)} or "work_orders"."description" ilike ${p(pattern)} or "work_orders"."work_order_number" ilike ${p(pattern)})`;
  const own = `select * from "work_orders" where "work_orders"."organization_id" = ${p(query.org)} and ${ownText()}`;
  const through = `select * from "work_orders" where "work_orders"."id" = any(array(
    select wo.id from "work_orders" wo join "equipment" on "equipment"."id" = wo.equipment_id
      where "equipment"."organization_id" = ${p(query.org)} and wo.deleted_at is null
        and ("equipment"."name" ilike ${p(pattern)} or "equipment"."equipment_number" ilike ${p(pattern)})
    union
    select wo.id from "work_orders" wo join "technicians" on "technicians"."id" = wo.technician_id
      where "technicians"."organization_id" = ${p(query.org)} and wo.deleted_at is null
        and (("technicians"."first_name" || ' ' || "technicians"."last_name") ilike ${p(pattern)} or "technicians"."employee_id" ilike ${p(pattern)})
    union
    select wo.id from "work_orders" wo join "technicians" on wo.crew_technician_ids @> array["technicians"."id"]
      where "technicians"."organization_id" = ${p(query.org)} and wo.deleted_at is null
        and (("technicians"."first_name" || ' ' || "technicians"."last_name") ilike ${p(pattern)} or "technicians"."employee_id" ilike ${p(pattern)})
  )) and ${ownText()} is not true`;
  return {
    with: `with "search_matches" as (${own}\n  union all\n  ${through}) `,
    params,
    from: '"search_matches" as "work_orders"',
    columns: COLUMNS.split(', ')
      .map((column) => `"work_orders".${column}`)
      .join(', '),
    countOrder: '',
  };
}

const limitOf = (query) => Math.min(100, Math.max(1, Number(query.limit ?? 20) || 20));

/**
 * WorkOrderQueriesRepository.page(): page 1 by offset (the offset is 0, which Drizzle leaves
 * out) and, with `total=1`, the matching rows counted up to 1,001 by a scalar subquery of the
 * same statement (its parameters come first, as Drizzle numbers them).
 */
async function firstPage(query) {
  const limit = limitOf(query);
  const source = sourceOf(query);
  const first = source.params.length + 1;
  if (query.total === '0') {
    const where = whereOf(query, first);
    const { rows } = await pool.query(
      `${source.with}select ${source.columns} from ${source.from} where ${where.sql} ${ORDER_DUE_ASC} limit $${first + where.params.length}`,
      [...source.params, ...where.params, limit],
    );
    return { data: rows, page: 1, limit };
  }
  const counted = whereOf(query, first);
  const capAt = first + counted.params.length;
  const where = whereOf(query, capAt + 1);
  const { rows } = await pool.query(
    `${source.with}select ${source.columns}, (select count(*)::int from (select 1 from ${source.from} where ${counted.sql} ${source.countOrder}limit $${capAt}) matching) from ${source.from} where ${where.sql} ${ORDER_DUE_ASC} limit $${capAt + where.params.length + 1}`,
    [...source.params, ...counted.params, EXACT_TOTAL_LIMIT + 1, ...where.params, limit],
  );
  // Every row carries the count (an empty page 1 means none match).
  const total = rows[0]?.count ?? 0;
  for (const row of rows) delete row.count;
  return { data: rows, total, totalIsEstimate: total > EXACT_TOTAL_LIMIT, page: 1, limit };
}

const app = Fastify({ logger: false });

app.get('/list', (request) => firstPage(request.query));
app.get('/search', (request) => firstPage(request.query));

/** WorkOrderQueriesRepository.after() for sort=dueDate with a non-empty cursor value (then the empty-date run if short). */
app.get('/after', async (request) => {
  const query = request.query;
  const source = sourceOf(query);
  const where = whereOf(query, source.params.length + 1);
  const limit = limitOf(query);
  const want = limit + 1;
  const n = source.params.length + where.params.length;
  const rows = (
    await pool.query(
      `${source.with}select ${source.columns} from ${source.from} where (${where.sql} and "work_orders"."due_date" is not null and ("work_orders"."due_date", "work_orders"."id") > ($${n + 1}::timestamptz, $${n + 2})) ${ORDER_DUE_ASC} limit $${n + 3}`,
      [...source.params, ...where.params, new Date(query.value).toISOString(), query.id, want],
    )
  ).rows;
  if (rows.length < want) {
    const empty = await pool.query(
      `${source.with}select ${source.columns} from ${source.from} where (${where.sql} and "work_orders"."due_date" is null) order by "work_orders"."id" asc limit $${n + 1}`,
      [...source.params, ...where.params, want - rows.length],
    );
    rows.push(...empty.rows);
  }
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { data: page, limit, next: rows.length > limit && last ? { value: last.due_date, id: last.id } : null };
});

app.get('/detail/:id', async (request, reply) => {
  const { rows } = await pool.query(
    `select ${COLUMNS} from "work_orders" where ("work_orders"."organization_id" = $1 and "work_orders"."id" = $2 and "work_orders"."deleted_at" is null)`,
    [request.query.org, request.params.id],
  );
  if (!rows[0]) return reply.code(404).send({ status: 404 });
  return rows[0];
});

app.get('/redis/:key', async (request, reply) => {
  const value = await redis.get(request.params.key);
  if (value === null) return reply.code(404).send({ status: 404 });
  return reply.type('application/json; charset=utf-8').send(value);
});

app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
app.put('/redis/:key', async (request) => {
  await redis.set(request.params.key, request.body);
  return { stored: request.params.key, bytes: Buffer.byteLength(request.body) };
});

// The same GET answered with a fixed set of headers (those our server sends with the answer:
// security, CORS, ETag), set as one object as a server would that worked them out once.
let answerHeaders = {};
app.put('/answer-headers', async (request) => {
  answerHeaders = JSON.parse(request.body);
  return { headers: Object.keys(answerHeaders).length };
});
app.get('/redis-with-headers/:key', async (request, reply) => {
  const value = await redis.get(request.params.key);
  if (value === null) return reply.code(404).send({ status: 404 });
  return reply.headers(answerHeaders).type('application/json; charset=utf-8').send(value);
});

app.get('/health', async () => ({ ok: true }));

const close = async () => {
  await app.close();
  await pool.end();
  redis?.disconnect();
  process.exit(0);
};
process.once('SIGTERM', close);
process.once('SIGINT', close);

await app.listen({ port: PORT, host: HOST });
console.log(`bare baseline listening on http://${HOST}:${PORT}`);
