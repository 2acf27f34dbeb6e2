CREATE TABLE "anomaly_baselines" (
	"equipment_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"sensors" text[] NOT NULL,
	"body" jsonb NOT NULL,
	"samples" integer NOT NULL,
	"fitted_from" timestamp (3) with time zone NOT NULL,
	"fitted_to" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "digital_twins" (
	"equipment_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"profile" text NOT NULL,
	"seed" integer NOT NULL,
	"life_start" timestamp (3) with time zone NOT NULL,
	"degradation_start" timestamp (3) with time zone,
	"fail_at" timestamp (3) with time zone,
	"clock" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "equipment_health" (
	"equipment_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"rul_estimate" double precision,
	"rul_lower" double precision,
	"rul_upper" double precision,
	"rul_unit" text,
	"failure_probability" double precision,
	"horizon_days" integer NOT NULL,
	"confidence" real,
	"anomaly_score" real,
	"drivers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"model_id" uuid,
	"model_version" text,
	"risk" real NOT NULL,
	"as_of" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "predictive_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"equipment_id" uuid NOT NULL,
	"work_order_id" uuid,
	"prediction" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "predictive_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"equipment_type" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"sensors" text[] NOT NULL,
	"body" jsonb,
	"evaluation" jsonb,
	"trained_on" jsonb,
	"error" text,
	"requested_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"trained_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "sensor_readings" (
	"sensor_id" uuid NOT NULL,
	"time" timestamp (3) with time zone NOT NULL,
	"organization_id" uuid NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "sensor_readings_sensor_id_time_pk" PRIMARY KEY("sensor_id","time")
);
--> statement-breakpoint
CREATE TABLE "sensor_rollups" (
	"sensor_id" uuid NOT NULL,
	"bucket" timestamp (3) with time zone NOT NULL,
	"organization_id" uuid NOT NULL,
	"count" integer NOT NULL,
	"sum" double precision NOT NULL,
	"min" double precision NOT NULL,
	"max" double precision NOT NULL,
	CONSTRAINT "sensor_rollups_sensor_id_bucket_pk" PRIMARY KEY("sensor_id","bucket")
);
--> statement-breakpoint
CREATE TABLE "sensors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"equipment_id" uuid NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"expected_min" double precision,
	"expected_max" double precision,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "anomaly_baselines" ADD CONSTRAINT "anomaly_baselines_equipment_id_equipment_id_fk" FOREIGN KEY ("equipment_id") REFERENCES "public"."equipment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anomaly_baselines" ADD CONSTRAINT "anomaly_baselines_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digital_twins" ADD CONSTRAINT "digital_twins_equipment_id_equipment_id_fk" FOREIGN KEY ("equipment_id") REFERENCES "public"."equipment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digital_twins" ADD CONSTRAINT "digital_twins_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_health" ADD CONSTRAINT "equipment_health_equipment_id_equipment_id_fk" FOREIGN KEY ("equipment_id") REFERENCES "public"."equipment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_health" ADD CONSTRAINT "equipment_health_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_health" ADD CONSTRAINT "equipment_health_model_id_predictive_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."predictive_models"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "predictive_alerts" ADD CONSTRAINT "predictive_alerts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "predictive_alerts" ADD CONSTRAINT "predictive_alerts_equipment_id_equipment_id_fk" FOREIGN KEY ("equipment_id") REFERENCES "public"."equipment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "predictive_alerts" ADD CONSTRAINT "predictive_alerts_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "predictive_models" ADD CONSTRAINT "predictive_models_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "predictive_models" ADD CONSTRAINT "predictive_models_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sensor_readings" ADD CONSTRAINT "sensor_readings_sensor_id_sensors_id_fk" FOREIGN KEY ("sensor_id") REFERENCES "public"."sensors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sensor_rollups" ADD CONSTRAINT "sensor_rollups_sensor_id_sensors_id_fk" FOREIGN KEY ("sensor_id") REFERENCES "public"."sensors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sensors" ADD CONSTRAINT "sensors_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sensors" ADD CONSTRAINT "sensors_equipment_id_equipment_id_fk" FOREIGN KEY ("equipment_id") REFERENCES "public"."equipment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "equipment_health_org_risk_idx" ON "equipment_health" USING btree ("organization_id","risk" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "predictive_alerts_open_key" ON "predictive_alerts" USING btree ("equipment_id") WHERE "predictive_alerts"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "predictive_alerts_org_idx" ON "predictive_alerts" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "predictive_models_version_key" ON "predictive_models" USING btree ("organization_id","kind","equipment_type","version");--> statement-breakpoint
CREATE UNIQUE INDEX "predictive_models_active_key" ON "predictive_models" USING btree ("organization_id","kind","equipment_type") WHERE "predictive_models"."active";--> statement-breakpoint
CREATE INDEX "sensor_readings_time_brin" ON "sensor_readings" USING brin ("time");--> statement-breakpoint
CREATE UNIQUE INDEX "sensors_equipment_name_key" ON "sensors" USING btree ("equipment_id","name");--> statement-breakpoint
CREATE INDEX "sensors_org_idx" ON "sensors" USING btree ("organization_id");