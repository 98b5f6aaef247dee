#!/bin/sh
# Runs once, when the official postgres image initialises an empty primary (/docker-entrypoint-initdb.d): a role that
# standbys stream WAL with, and a pg_hba line letting it connect for replication (the image's own line, "host all all
# all", does not cover the replication pseudo-database). wal_level=replica and max_wal_senders=10 are already defaults.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v password="$REPLICATION_PASSWORD" <<'SQL'
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'password';
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
