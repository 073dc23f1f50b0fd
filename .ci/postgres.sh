#!/usr/bin/env bash
# Sourced by .ci/run: installs PostgreSQL from Debian's packages when it is
# missing, starts a throw-away server on loopback, and exports
# CADENCE_POSTGRES_URL for the tests that need it (examples/sladesk).
# CI runs as root on a fresh machine; the server runs as the postgres user.
set -euo pipefail

pg_bin() {
	local d
	for d in /usr/lib/postgresql/*/bin; do
		[ -x "$d/initdb" ] && { echo "$d"; return 0; }
	done
	return 1
}

if ! PGBIN=$(pg_bin); then
	echo "installing postgresql from Debian's packages"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq postgresql >/dev/null
	PGBIN=$(pg_bin)
fi

PGPORT=${CADENCE_PGPORT:-54329}
PGDIR=$(mktemp -d /tmp/cadence-pg.XXXXXX)
chown postgres:postgres "$PGDIR"
as_pg() { runuser -u postgres -- "$@"; }
as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A trust --no-sync -E UTF8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
	-o "-c listen_addresses=127.0.0.1 -c port=$PGPORT -c unix_socket_directories=$PGDIR -c fsync=off -c max_connections=200" start >/dev/null
as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres cadence
export CADENCE_POSTGRES_URL="postgres://postgres@127.0.0.1:$PGPORT/cadence?sslmode=disable"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT; CADENCE_POSTGRES_URL=$CADENCE_POSTGRES_URL"
stop_postgres() { as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true; }
