-- The search's trigram indexes get the organization as a first column, so the index intersects
-- a term's matches with the organization's rows itself. btree_gin gives the uuid column a GIN
-- operator class; PGlite ships it too.
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
DROP INDEX "work_orders_title_trgm_idx";--> statement-breakpoint
DROP INDEX "work_orders_description_trgm_idx";--> statement-breakpoint
DROP INDEX "work_orders_number_trgm_idx";--> statement-breakpoint
CREATE INDEX "work_orders_org_title_trgm_idx" ON "work_orders" USING gin ("organization_id","title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "work_orders_org_description_trgm_idx" ON "work_orders" USING gin ("organization_id","description" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "work_orders_org_number_trgm_idx" ON "work_orders" USING gin ("organization_id","work_order_number" gin_trgm_ops);
