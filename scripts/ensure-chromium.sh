#!/usr/bin/env bash
# Make sure Debian's Chromium is installed, for crawls with -a render=1 and the `browser` tests.
# Installs it where we are root (CI); elsewhere it only reports, and those tests skip.
# Playwright's own browser download (`playwright install`) is never used: the system Chromium is.
set -u
# The same search as crawlers/browser.py: PASARKERJA_CHROMIUM when set, else Debian's, else PATH.
found() {
  if [ -n "${PASARKERJA_CHROMIUM:-}" ]; then
    [ -f "$PASARKERJA_CHROMIUM" ] && [ -x "$PASARKERJA_CHROMIUM" ]
  else
    [ -x /usr/bin/chromium ] || command -v chromium >/dev/null
  fi
}

if ! found && [ -z "${PASARKERJA_CHROMIUM:-}" ] && [ "$(id -u)" = 0 ]; then
  echo "ensure-chromium: installing Chromium from Debian's packages"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "ensure-chromium: could not install Chromium"
fi

if found; then
  echo "ensure-chromium: Chromium is installed"
elif [ -n "${PASARKERJA_CHROMIUM:-}" ]; then
  echo "ensure-chromium: PASARKERJA_CHROMIUM=$PASARKERJA_CHROMIUM is not an executable file; browser tests will skip (and fail when CI=true)"
else
  echo "ensure-chromium: Chromium is missing (apt-get install chromium); browser tests will skip (and fail when CI=true)"
fi
