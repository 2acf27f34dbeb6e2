CREATE TABLE "holidays" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"date" date NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meter_readings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"meter_id" uuid NOT NULL,
	"value" double precision NOT NULL,
	"read_at" timestamp (3) with time zone NOT NULL,
	"replacement" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"equipment_id" uuid NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"kind" text NOT NULL,
	"last_value" double precision,
	"last_read_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pm_occurrences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"equipment_id" uuid NOT NULL,
	"occurrence_key" text NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"window_end" timestamp (3) with time zone NOT NULL,
	"work_order_id" uuid,
	"skipped_reason" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pm_plan_targets" (
	"plan_id" uuid NOT NULL,
	"equipment_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"next_due_date" date,
	"sequence" integer DEFAULT 0 NOT NULL,
	"anchor_date" date,
	"meter_base" double precision,
	"last_generated_at" timestamp (3) with time zone,
	"last_completed_at" timestamp (3) with time zone,
	"open_work_order_id" uuid,
	CONSTRAINT "pm_plan_targets_plan_id_equipment_id_pk" PRIMARY KEY("plan_id","equipment_id")
);
--> statement-breakpoint
CREATE TABLE "pm_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"equipment_ids" uuid[] NOT NULL,
	"template" jsonb NOT NULL,
	"calendar" jsonb,
	"meter" jsonb,
	"lead_days" integer DEFAULT 0 NOT NULL,
	"window" jsonb NOT NULL,
	"holiday_rule" text DEFAULT 'NONE' NOT NULL,
	"catch_up" text DEFAULT 'LATEST' NOT NULL,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "crew_size" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "compliance_window_end" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "holidays" ADD CONSTRAINT "holidays_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meter_readings" ADD CONSTRAINT "meter_readings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meter_readings" ADD CONSTRAINT "meter_readings_meter_id_meters_id_fk" FOREIGN KEY ("meter_id") REFERENCES "public"."meters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meters" ADD CONSTRAINT "meters_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meters" ADD CONSTRAINT "meters_equipment_id_equipment_id_fk" FOREIGN KEY ("equipment_id") REFERENCES "public"."equipment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pm_occurrences" ADD CONSTRAINT "pm_occurrences_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pm_occurrences" ADD CONSTRAINT "pm_occurrences_plan_id_pm_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."pm_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pm_occurrences" ADD CONSTRAINT "pm_occurrences_equipment_id_equipment_id_fk" FOREIGN KEY ("equipment_id") REFERENCES "public"."equipment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pm_occurrences" ADD CONSTRAINT "pm_occurrences_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pm_plan_targets" ADD CONSTRAINT "pm_plan_targets_plan_id_pm_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."pm_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pm_plan_targets" ADD CONSTRAINT "pm_plan_targets_equipment_id_equipment_id_fk" FOREIGN KEY ("equipment_id") REFERENCES "public"."equipment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pm_plan_targets" ADD CONSTRAINT "pm_plan_targets_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pm_plan_targets" ADD CONSTRAINT "pm_plan_targets_open_work_order_id_work_orders_id_fk" FOREIGN KEY ("open_work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pm_plans" ADD CONSTRAINT "pm_plans_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "holidays_org_date_key" ON "holidays" USING btree ("organization_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "meter_readings_meter_time_key" ON "meter_readings" USING btree ("meter_id","read_at");--> statement-breakpoint
CREATE UNIQUE INDEX "meters_equipment_name_key" ON "meters" USING btree ("equipment_id","name");--> statement-breakpoint
CREATE INDEX "meters_org_idx" ON "meters" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pm_occurrences_key" ON "pm_occurrences" USING btree ("plan_id","equipment_id","occurrence_key");--> statement-breakpoint
CREATE INDEX "pm_occurrences_org_due_idx" ON "pm_occurrences" USING btree ("organization_id","due_at");--> statement-breakpoint
CREATE INDEX "pm_plan_targets_due_idx" ON "pm_plan_targets" USING btree ("next_due_date");--> statement-breakpoint
CREATE INDEX "pm_plans_org_idx" ON "pm_plans" USING btree ("organization_id") WHERE "pm_plans"."deleted_at" is null;