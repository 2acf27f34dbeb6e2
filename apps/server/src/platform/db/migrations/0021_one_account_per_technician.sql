-- A technician is linked to one account at most. Where several accounts were linked to one
-- technician, the earliest active one keeps the link (the earliest of all when none is active);
-- the others are unlinked and their sessions ended, as an admin's unlinking would.
UPDATE "users" SET "technician_id" = NULL, "session_epoch" = "session_epoch" + 1, "sessions_ended_at" = now(), "version" = "version" + 1, "updated_at" = now()
WHERE "id" IN (
  SELECT "id" FROM (
    SELECT "id", row_number() OVER (PARTITION BY "technician_id" ORDER BY "active" DESC, "created_at", "id") AS "rank"
    FROM "users" WHERE "technician_id" IS NOT NULL
  ) AS "linked" WHERE "rank" > 1
);--> statement-breakpoint
CREATE UNIQUE INDEX "users_technician_id_key" ON "users" USING btree ("technician_id") WHERE "users"."technician_id" IS NOT NULL;
