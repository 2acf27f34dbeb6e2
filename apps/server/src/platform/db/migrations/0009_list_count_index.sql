-- A list's capped total (at most 1,001 matches, counted in number order) as an index-only scan:
-- every column a list filter reads is an INCLUDE column, so no row is fetched to count it. The
-- Drizzle schema declares the key columns only (it cannot express INCLUDE).
CREATE INDEX "work_orders_org_count_idx" ON "work_orders" USING btree ("organization_id","number") INCLUDE ("status","priority","due_date","created_at","actual_end_time","technician_id","equipment_id","requester_id","id") WHERE "work_orders"."deleted_at" is null;
