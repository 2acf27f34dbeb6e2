-- Precedence between work orders (what must be finished first) and conflict groups (what two
-- pieces of work must not hold at the same time), with GIN indexes for the reverse lookups: who
-- waits for a work order, and which booked work shares a group.
ALTER TABLE "work_orders" ADD COLUMN "predecessor_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "conflict_groups" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "work_orders_predecessors_idx" ON "work_orders" USING gin ("predecessor_ids") WHERE "work_orders"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "work_orders_conflict_groups_idx" ON "work_orders" USING gin ("conflict_groups") WHERE "work_orders"."deleted_at" is null;