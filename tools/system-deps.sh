#!/bin/sh
# Install the system packages the brief needs when any is missing (Debian/Ubuntu).
# apt-install.sh installs them (as root) or prints the command to run; then the fonts are checked.
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
# shellcheck disable=SC2086  # one word per package
sh "$(dirname "$0")/apt-install.sh" briefing $missing
fc-cache -f >/dev/null 2>&1 || true
check_families
