#!/usr/bin/env bash
# Seeds the two equal data sets of the PGlite-vs-PostgreSQL comparison:
#   - PostgreSQL database  $PAIR_DB   (default msched_bench_pair)
#   - embedded PGlite in   $PAIR_DIR  (default /tmp/msched-bench-pglite; files in $PAIR_DIR/pgdata)
# each with the demo plant plus `npm run seed -- --scale $PAIR_SCALE` (default 20, ~10k work orders).
# A side that already has scale organizations is left alone. Run after `npm run build`
# (this script calls the compiled seed CLI directly, which is what `npm run seed` runs).
set -euo pipefail

cd "$(dirname "$0")/.."

PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
PAIR_DB="${PAIR_DB:-msched_bench_pair}"
PAIR_DIR="${PAIR_DIR:-/tmp/msched-bench-pglite}"
PAIR_SCALE="${PAIR_SCALE:-20}"
# DATA_DIR only holds the development JWT secret here; keep it out of the repository.
export PGHOST PGPORT PGUSER SEED_DEMO=false LOG_LEVEL=warn DATA_DIR="${BENCH_DATA_DIR:-/tmp/msched-bench-data}"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
SEED=apps/server/dist/platform/db/seed/seed.cli.js
[[ -f "$SEED" ]] || { echo "build first: npm run build" >&2; exit 1; }

# PostgreSQL side
if ! psql -d postgres -tAc "select 1 from pg_database where datname = '${PAIR_DB}'" | grep -q 1; then
  psql -d postgres -c "create database \"${PAIR_DB}\""
fi
pg_orgs="$(psql -d "${PAIR_DB}" -tAc "select count(*) from organizations where slug like 'scale-%'" 2>/dev/null || echo 0)"
if [[ "${pg_orgs}" == 0 ]]; then
  log "seeding PostgreSQL ${PAIR_DB} --scale ${PAIR_SCALE}"
  DATABASE_URL="postgres://${PGUSER}@${PGHOST}:${PGPORT}/${PAIR_DB}" node "$SEED" --scale "${PAIR_SCALE}"
  psql -d "${PAIR_DB}" -c analyze
else
  log "PostgreSQL ${PAIR_DB} already has ${pg_orgs} scale organizations"
fi

# PGlite side (DATABASE_URL must be unset: the seed then opens DATA_DIR/pgdata)
if [[ ! -f "${PAIR_DIR}/.seeded" ]]; then
  log "seeding PGlite ${PAIR_DIR} --scale ${PAIR_SCALE}"
  rm -rf "${PAIR_DIR}"
  mkdir -p "${PAIR_DIR}"
  env -u DATABASE_URL DATA_DIR="${PAIR_DIR}" node "$SEED" --scale "${PAIR_SCALE}"
  touch "${PAIR_DIR}/.seeded"
else
  log "PGlite ${PAIR_DIR} already seeded"
fi
log "PostgreSQL work orders: $(psql -d "${PAIR_DB}" -tAc 'select count(*) from work_orders')"
