-- Makes one organization deep enough for "page 1,000 by cursor": the seed gives every
-- organization ~511 work orders (26 pages of 20), so no seeded organization has a page 1,000.
-- This adds copies of other scale organizations' work orders to :deep_slug (default scale-1)
-- until it holds :deep_target live work orders (default 25,000 = 1,250 pages of 20).
-- Copies get new ids and the next numbers of the organization, and point at the deep
-- organization's own equipment, technicians and requester, so every read stays inside it.
-- Idempotent: does nothing when the organization already has enough.
--
--   psql -d msched_bench -v deep_slug=scale-1 -v deep_target=25000 -f bench/deep-org.sql
\if :{?deep_slug}
\else
  \set deep_slug scale-1
\endif
\if :{?deep_target}
\else
  \set deep_target 25000
\endif

begin;
select set_config('bench.deep_slug', :'deep_slug', true), set_config('bench.deep_target', :'deep_target', true) \gset

do $$
declare
  deep uuid;
  have int;
  want int := current_setting('bench.deep_target')::int;
  seq int;
  added int;
begin
  select id into deep from organizations where slug = current_setting('bench.deep_slug') for update;
  if deep is null then raise exception 'organization % not found', current_setting('bench.deep_slug'); end if;
  select count(*) into have from work_orders where organization_id = deep and deleted_at is null;
  if have >= want then
    raise notice 'organization % already has % live work orders', current_setting('bench.deep_slug'), have;
    return;
  end if;
  select greatest(o.work_order_seq, coalesce(max(w.number), 0)) into seq
    from organizations o left join work_orders w on w.organization_id = o.id where o.id = deep group by o.work_order_seq;

  with eq as (
    select id, (row_number() over (order by id))::int - 1 as k, (count(*) over ())::int as n from equipment where organization_id = deep
  ), tech as (
    select id, (row_number() over (order by id))::int - 1 as k, (count(*) over ())::int as n from technicians where organization_id = deep
  ), requester as (
    select id from users where organization_id = deep and 'requester' = any(roles) order by email limit 1
  ), src as (
    select w.*, (row_number() over (order by o.slug, w.number))::int as r
      from work_orders w join organizations o on o.id = w.organization_id
     where o.slug like 'scale-%' and o.id <> deep and w.deleted_at is null
     order by o.slug, w.number
     limit want - have
  )
  insert into work_orders (organization_id, number, work_order_number, title, description, type, status, priority,
    due_date, required_skills, estimated_duration, scheduled_start_time, scheduled_end_time, actual_start_time,
    actual_end_time, actual_duration, technician_id, equipment_id, requester_id, pm_plan_id, completion, version,
    created_at, updated_at)
  select deep, seq + src.r, 'WO-' || lpad((seq + src.r)::text, 6, '0'), src.title, src.description, src.type, src.status,
    src.priority, src.due_date, src.required_skills, src.estimated_duration, src.scheduled_start_time,
    src.scheduled_end_time, src.actual_start_time, src.actual_end_time, src.actual_duration,
    case when src.technician_id is null then null
         else (select tech.id from tech where tech.k = src.r % tech.n) end,
    (select eq.id from eq where eq.k = src.r % eq.n),
    case when src.requester_id is null then null else (select id from requester) end,
    null, src.completion, src.version, src.created_at, src.updated_at
  from src;
  get diagnostics added = row_count;
  update organizations set work_order_seq = seq + added where id = deep;
  raise notice 'organization %: % live work orders + % copies', current_setting('bench.deep_slug'), have, added;
  analyze work_orders;
end $$;

commit;
