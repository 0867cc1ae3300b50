#!/bin/sh
# Install the system packages the brief needs when any is missing (Debian/Ubuntu).
# As root it runs apt-get; otherwise it stops and prints the exact command to run.
set -eu
PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig fonts-dejavu-core fonts-noto-core fonts-noto-cjk poppler-utils qpdf"
missing=""
for package in $PACKAGES; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing="$missing $package"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "briefing needs these system packages, and this is not a Debian-like system:$missing" >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "briefing needs system packages that are missing. Run:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
  exit 1
fi
echo "installing system packages:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
fc-cache -f >/dev/null 2>&1 || true
