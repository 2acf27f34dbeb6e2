-- The crew's other members (the work order's technician leads): booked for the same time.
ALTER TABLE "work_orders" ADD COLUMN "crew_technician_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
CREATE INDEX "work_orders_crew_idx" ON "work_orders" USING gin ("crew_technician_ids") WHERE "work_orders"."deleted_at" is null;--> statement-breakpoint
-- A technician's own list reads the crew too: the capped count stays an index-only scan.
DROP INDEX "work_orders_org_count_idx";--> statement-breakpoint
CREATE INDEX "work_orders_org_count_idx" ON "work_orders" USING btree ("organization_id","number") INCLUDE ("status","priority","due_date","created_at","actual_end_time","technician_id","crew_technician_ids","equipment_id","requester_id","id") WHERE "work_orders"."deleted_at" is null;
