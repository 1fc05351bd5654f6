#!/usr/bin/env bash
# Installs the services of the production set-up from Debian's packages,
# skipping what is present: PostgreSQL (server binaries), Redis and nginx.
# Nothing is started or enabled here: `make start-production` and the tests
# (bot/production/) run their own instances on loopback, with their own data
# folders and configuration files. Safe to run again. Needs root (or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=apt-common.sh
. scripts/apt-common.sh

have_postgres() { ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || command -v postgres >/dev/null 2>&1; }
have_redis() { command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ]; }
have_nginx() { command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; }

missing=()
have_postgres || missing+=(postgresql)
have_redis || missing+=(redis-server)
have_nginx || missing+=(nginx)
[ ${#missing[@]} -eq 0 ] && exit 0

say "installeren (apt-get): ${missing[*]}"
# Debian's packages must not start their own system-wide services (the project
# runs its own instances, and there may be no init system): policy-rc.d says no.
policy=/usr/sbin/policy-rc.d
own_policy=
if [ ! -e "$policy" ]; then
  as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
  own_policy=1
fi
cleanup() { if [ -n "$own_policy" ]; then as_root rm -f "$policy"; fi; }
trap cleanup EXIT
apt_install "${missing[@]}"
