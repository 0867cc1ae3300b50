#!/bin/sh
# Install what `make validate` needs beyond `make test` (Debian/Ubuntu): Debian's Chromium, in which
# axe-core runs, a Java runtime for the Nu HTML Checker, and Node.js with npm for both. A Java or a
# Node.js already on PATH is used as it is (the machine may have a newer Node.js than Debian's).
# apt-install.sh installs them (as root) or prints the command to run.
set -eu
missing=""
status=$(dpkg-query -W -f='${db:Status-Status}' chromium 2>/dev/null || true)
[ "$status" = "installed" ] && [ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
[ -z "$missing" ] && exit 0
# shellcheck disable=SC2086  # one word per package
sh "$(dirname "$0")/apt-install.sh" "make validate" $missing
