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
# The font families brief.css names, one script each: fonts-noto-core gives Noto Sans and Serif
# (Latin, Greek, Cyrillic), Noto Naskh Arabic and Noto Sans Arabic, Noto Sans and Serif Hebrew;
# fonts-noto-cjk gives Noto Sans and Serif CJK JP, KR, SC, TC and HK (one face per language,
# since Han characters take each language's forms).
FAMILIES="Noto Sans:Noto Serif:Noto Naskh Arabic:Noto Sans Arabic:Noto Sans Hebrew:Noto Serif Hebrew:\
Noto Sans CJK JP:Noto Serif CJK JP:Noto Sans CJK KR:Noto Serif CJK KR:Noto Sans CJK SC:Noto Serif CJK SC:\
Noto Sans CJK TC:Noto Serif CJK TC:Noto Sans CJK HK:Noto Serif CJK HK"
check_families() {
  command -v fc-list >/dev/null 2>&1 || return 0
  absent=$(echo "$FAMILIES" | tr ':' '\n' | while read -r family; do
    fc-list -q "$family" || printf ' "%s"' "$family"; done)
  if [ -n "$absent" ]; then
    echo "briefing needs these font families, which fontconfig does not find:$absent" >&2
    exit 1
  fi
}
if [ -z "$missing" ]; then check_families; exit 0; fi
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
check_families
