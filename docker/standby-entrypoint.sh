#!/bin/sh
# Entrypoint of a streaming standby on the official postgres image: on first start its data directory is a base
# backup of the primary (pg_basebackup -R writes standby.signal and primary_conninfo), then the image's own entrypoint
# starts PostgreSQL on it as a hot standby (it skips initdb, since the directory is not empty).
set -eu
: "${PRIMARY_HOST:?}" "${REPLICATION_PASSWORD:?}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  chmod 700 "$PGDATA"
  until pg_isready -h "$PRIMARY_HOST" -p "${PRIMARY_PORT:-5432}" -q; do sleep 1; done
  PGPASSWORD="$REPLICATION_PASSWORD" gosu postgres pg_basebackup -h "$PRIMARY_HOST" -p "${PRIMARY_PORT:-5432}" \
    -U replicator -D "$PGDATA" -R -X stream -c fast
fi
exec docker-entrypoint.sh postgres "$@"
