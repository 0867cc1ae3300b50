#!/bin/sh
# Install what `make validate` needs beyond `make test` (Debian/Ubuntu): Debian's Chromium, in which
# axe-core runs, a Java runtime for the Nu HTML Checker, and Node.js with npm for both. A Java or a
# Node.js already on PATH is used as it is (the machine may have a newer Node.js than Debian's).
# As root it runs apt-get; otherwise it stops and prints the exact command to run.
set -eu
missing=""
status=$(dpkg-query -W -f='${db:Status-Status}' chromium 2>/dev/null || true)
[ "$status" = "installed" ] && [ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "make validate needs these system packages, and this is not a Debian-like system:$missing" >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "make validate needs system packages that are missing. Run:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
  exit 1
fi
echo "installing system packages for validation:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing >/dev/null
