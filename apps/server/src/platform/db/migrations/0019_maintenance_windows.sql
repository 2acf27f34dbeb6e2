-- Maintenance windows on equipment (when it may be taken down) and work that needs the
-- equipment down, which is booked only inside them.
ALTER TABLE "equipment" ADD COLUMN "maintenance_windows" jsonb;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "requires_downtime" boolean DEFAULT false NOT NULL;