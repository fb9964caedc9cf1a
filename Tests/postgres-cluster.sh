#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for the PostgreSQL tests (issue 19), from Debian's `postgresql` server.
#   Tests/postgres-cluster.sh start DIR PORT   initdb into DIR (as the `postgres` user when run as root), start the
#                                              server on 127.0.0.1:PORT, create the databases starmatch_a and
#                                              starmatch_b, and print postgres://postgres@127.0.0.1:PORT/starmatch_a
#   Tests/postgres-cluster.sh stop DIR         stop the server and delete DIR
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "no PostgreSQL server installed (apt-get install postgresql)" >&2; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
case "${1:-}" in
start)
    dir=${2:?DIR}; port=${3:?PORT}
    rm -rf "$dir"; mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "'$bin/initdb' -D '$dir/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8 >'$dir/initdb.log' 2>&1"
    as_owner "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off\" start >/dev/null"
    for db in starmatch_a starmatch_b; do as_owner "'$bin/createdb' -h 127.0.0.1 -p $port -U postgres $db"; done
    echo "postgres://postgres@127.0.0.1:$port/starmatch_a"
    ;;
stop)
    dir=${2:?DIR}
    [ -d "$dir/data" ] && as_owner "'$bin/pg_ctl' -D '$dir/data' -m immediate stop >/dev/null 2>&1" || true
    rm -rf "$dir"
    ;;
*) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
