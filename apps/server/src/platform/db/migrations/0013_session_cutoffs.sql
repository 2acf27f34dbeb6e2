-- When an account last ended its sessions (disabled, changed roles or technician link, a new
-- password); every instance reads the recent ones. The epoch itself comes in 0014.
ALTER TABLE "users" ADD COLUMN "sessions_ended_at" timestamp (3) with time zone;--> statement-breakpoint
CREATE INDEX "users_sessions_ended_idx" ON "users" USING btree ("sessions_ended_at") WHERE "users"."sessions_ended_at" IS NOT NULL;
