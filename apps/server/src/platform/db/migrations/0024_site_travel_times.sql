CREATE TABLE "site_travel_times" (
	"organization_id" uuid NOT NULL,
	"site_a_id" uuid NOT NULL,
	"site_b_id" uuid NOT NULL,
	"minutes" integer NOT NULL,
	CONSTRAINT "site_travel_times_site_a_id_site_b_id_pk" PRIMARY KEY("site_a_id","site_b_id"),
	CONSTRAINT "site_travel_times_order" CHECK ("site_travel_times"."site_a_id" < "site_travel_times"."site_b_id"),
	CONSTRAINT "site_travel_times_minutes" CHECK ("site_travel_times"."minutes" between 0 and 1440)
);
--> statement-breakpoint
ALTER TABLE "site_travel_times" ADD CONSTRAINT "site_travel_times_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_travel_times" ADD CONSTRAINT "site_travel_times_site_a_id_locations_id_fk" FOREIGN KEY ("site_a_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_travel_times" ADD CONSTRAINT "site_travel_times_site_b_id_locations_id_fk" FOREIGN KEY ("site_b_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "site_travel_times_org_idx" ON "site_travel_times" USING btree ("organization_id");