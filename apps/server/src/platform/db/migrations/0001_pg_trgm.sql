-- Trigram indexes serve the work-order search (ILIKE '%term%'); PGlite ships the extension too.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
