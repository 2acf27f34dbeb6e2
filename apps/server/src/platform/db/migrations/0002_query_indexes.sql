DROP INDEX "work_orders_equipment_idx";--> statement-breakpoint
DROP INDEX "work_orders_org_status_due_idx";--> statement-breakpoint
DROP INDEX "work_orders_requester_idx";--> statement-breakpoint
CREATE INDEX "equipment_name_trgm_idx" ON "equipment" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "equipment_number_trgm_idx" ON "equipment" USING gin ("equipment_number" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "technicians_first_name_trgm_idx" ON "technicians" USING gin ("first_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "technicians_last_name_trgm_idx" ON "technicians" USING gin ("last_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "technicians_employee_id_trgm_idx" ON "technicians" USING gin ("employee_id" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "work_orders_org_due_idx" ON "work_orders" USING btree ("organization_id","due_date","id") WHERE "work_orders"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "work_orders_org_created_idx" ON "work_orders" USING btree ("organization_id","created_at","id") WHERE "work_orders"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "work_orders_org_updated_idx" ON "work_orders" USING btree ("organization_id","updated_at","id") WHERE "work_orders"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "work_orders_org_priority_idx" ON "work_orders" USING btree ("organization_id","priority","id") WHERE "work_orders"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "work_orders_org_scheduled_idx" ON "work_orders" USING btree ("organization_id","scheduled_start_time","id") WHERE "work_orders"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "work_orders_technician_due_idx" ON "work_orders" USING btree ("technician_id","due_date","id") WHERE "work_orders"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "work_orders_equipment_due_idx" ON "work_orders" USING btree ("equipment_id","due_date","id") WHERE "work_orders"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "work_orders_equipment_history_idx" ON "work_orders" USING btree ("equipment_id","actual_end_time" DESC NULLS LAST,"id") WHERE "work_orders"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "work_orders_title_trgm_idx" ON "work_orders" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "work_orders_description_trgm_idx" ON "work_orders" USING gin ("description" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "work_orders_number_trgm_idx" ON "work_orders" USING gin ("work_order_number" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "work_orders_org_status_due_idx" ON "work_orders" USING btree ("organization_id","status","due_date","id") WHERE "work_orders"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "work_orders_requester_idx" ON "work_orders" USING btree ("requester_id","due_date","id") WHERE "work_orders"."deleted_at" is null;