-- Invalidations an instance could not make on the shared cache (it lost Redis, not the
-- database), kept until an instance that reaches Redis has made them.
CREATE TABLE "cache_owed_generations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"cache_prefix" text NOT NULL,
	"generation" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "cache_owed_generations_prefix_idx" ON "cache_owed_generations" USING btree ("cache_prefix","id");