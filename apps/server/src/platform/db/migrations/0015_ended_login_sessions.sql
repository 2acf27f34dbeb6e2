-- Login sessions revoked recently (logout, a spent refresh token shown again, an account change):
-- every instance reads them every few seconds to refuse the access tokens issued in them.
CREATE INDEX "refresh_tokens_revoked_idx" ON "refresh_tokens" USING btree ("revoked_at") WHERE "refresh_tokens"."revoked_at" IS NOT NULL;