-- The session epoch an access token must carry (at least): raised with sessions_ended_at when an
-- account is disabled or changed. Compared instead of instants, so no instance's clock matters.
ALTER TABLE "users" ADD COLUMN "session_epoch" integer DEFAULT 0 NOT NULL;
