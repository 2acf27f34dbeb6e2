-- Technicians are searched by the full name people read ("Tess Turner"), which also holds
-- either name alone: one trigram index on that expression replaces the two on each name.
DROP INDEX "technicians_org_first_name_trgm_idx";--> statement-breakpoint
DROP INDEX "technicians_org_last_name_trgm_idx";--> statement-breakpoint
CREATE INDEX "technicians_org_full_name_trgm_idx" ON "technicians" USING gin ("organization_id",("first_name" || ' ' || "last_name") gin_trgm_ops);