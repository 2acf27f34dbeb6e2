-- The equipment and technician trigram indexes get the organization as a first column, as the
-- work orders' did in 0008: a search in a small organization read every organization's matching
-- equipment names (thousands for a common word) to keep its own few dozen.
DROP INDEX "equipment_name_trgm_idx";--> statement-breakpoint
DROP INDEX "equipment_number_trgm_idx";--> statement-breakpoint
DROP INDEX "technicians_first_name_trgm_idx";--> statement-breakpoint
DROP INDEX "technicians_last_name_trgm_idx";--> statement-breakpoint
DROP INDEX "technicians_employee_id_trgm_idx";--> statement-breakpoint
CREATE INDEX "equipment_org_name_trgm_idx" ON "equipment" USING gin ("organization_id","name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "equipment_org_number_trgm_idx" ON "equipment" USING gin ("organization_id","equipment_number" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "technicians_org_first_name_trgm_idx" ON "technicians" USING gin ("organization_id","first_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "technicians_org_last_name_trgm_idx" ON "technicians" USING gin ("organization_id","last_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "technicians_org_employee_id_trgm_idx" ON "technicians" USING gin ("organization_id","employee_id" gin_trgm_ops);