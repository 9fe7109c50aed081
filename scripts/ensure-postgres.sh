#!/usr/bin/env bash
# Make sure PostgreSQL answers on 127.0.0.1:5432 with a database `test`, for the `postgres` tests.
# Installs and starts it where we are root (CI); elsewhere it only reports, and those tests skip.
set -u
ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -c "$1"; else sh -c "$1"; fi; }

if ! ready && [ "$(id -u)" = 0 ]; then
  if [ ! -d /etc/postgresql ] || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
    echo "ensure-postgres: installing PostgreSQL from Debian's packages"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
      || echo "ensure-postgres: could not install PostgreSQL"
  fi
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  [ -n "$version" ] && pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null
  for _ in $(seq 1 30); do ready && break; sleep 1; done
fi

if ready; then
  as_postgres "psql -h 127.0.0.1 -U postgres -tAc \"SELECT 1 FROM pg_database WHERE datname='test'\"" 2>/dev/null | grep -q 1 \
    || as_postgres "createdb -h 127.0.0.1 -U postgres test" 2>/dev/null || true
  echo "ensure-postgres: PostgreSQL is up on 127.0.0.1:5432"
else
  echo "ensure-postgres: PostgreSQL is not reachable on 127.0.0.1:5432; postgres tests will skip (and fail when CI=true)"
fi
