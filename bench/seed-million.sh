#!/usr/bin/env bash
# Creates (if missing) the benchmark database, migrates it, seeds it to at least
# TARGET work orders (default 1,000,000) with `npm run seed -- --scale N`, then VACUUM ANALYZEs it.
#
#   bench/seed-million.sh                 # msched_bench, >= 1,000,000 work orders
#   BENCH_DB=msched_bench_small TARGET=10000 bench/seed-million.sh
#
# Re-running is safe: the seed adds "scale-<n>" organizations after the highest existing one,
# so an interrupted run is topped up (only the missing organizations are added) and a run
# against a database that already has >= TARGET work orders does nothing but VACUUM ANALYZE.
#
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), BENCH_DB, TARGET,
# PER_ORG (work orders per scale organization, ~511), SKIP_BUILD=1 to reuse apps/server/dist.
set -euo pipefail

cd "$(dirname "$0")/.."

PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
BENCH_DB="${BENCH_DB:-msched_bench}"
TARGET="${TARGET:-1000000}"
PER_ORG="${PER_ORG:-511}"
export PGHOST PGPORT PGUSER

DATABASE_URL="postgres://${PGUSER}@${PGHOST}:${PGPORT}/${BENCH_DB}"
export DATABASE_URL
export SEED_DEMO=false LOG_LEVEL=warn
# DATA_DIR only holds the development JWT secret here; keep it out of the repository.
export DATA_DIR="${BENCH_DATA_DIR:-/tmp/msched-bench-data}"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

if ! psql -d postgres -tAc "select 1 from pg_database where datname = '${BENCH_DB}'" | grep -q 1; then
  log "creating database ${BENCH_DB}"
  psql -d postgres -c "create database \"${BENCH_DB}\""
fi

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  log "building"
  npm run build --silent
fi

log "migrating ${DATABASE_URL}"
node apps/server/dist/platform/db/migrate.cli.js

count() { psql -d "${BENCH_DB}" -tAc "select count(*) from work_orders" ; }
have="$(count)"
log "work orders present: ${have} (target ${TARGET})"

if (( have < TARGET )); then
  missing=$(( TARGET - have ))
  # ceil(missing / PER_ORG) + 1 organization of margin (organizations vary a little in size).
  scale=$(( (missing + PER_ORG - 1) / PER_ORG + 1 ))
  log "seeding --scale ${scale}"
  started=$(date +%s)
  # `npm run seed` rebuilds first; the build above already ran, so call the CLI it runs directly
  # when SKIP_BUILD=1, otherwise use the npm script as documented.
  if [[ "${SKIP_BUILD:-0}" == 1 ]]; then
    node apps/server/dist/platform/db/seed/seed.cli.js --scale "${scale}"
  else
    npm run seed --silent -- --scale "${scale}"
  fi
  log "seed took $(( $(date +%s) - started )) s"
  have="$(count)"
  log "work orders present: ${have}"
else
  log "already >= ${TARGET}: not reseeding"
fi

# VACUUM as well: a server whose autovacuum is off (or has not run yet) would otherwise leave
# the trigram indexes' pending lists full after the bulk insert, and every search reads them.
log "VACUUM ANALYZE"
psql -d "${BENCH_DB}" -c "vacuum analyze"
log "done: ${BENCH_DB} has ${have} work orders"
