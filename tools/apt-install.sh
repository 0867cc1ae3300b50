#!/bin/sh
# Install Debian packages for a make target: `sh tools/apt-install.sh WHAT PACKAGE...` (WHAT names
# the target in messages). Shared by system-deps.sh and validate-deps.sh, which decide what is missing.
# As root it runs apt-get; otherwise it stops and prints the exact command to run.
set -eu
what=$1; shift
if ! command -v apt-get >/dev/null 2>&1; then
  echo "$what needs these system packages, and this is not a Debian-like system: $*" >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "$what needs system packages that are missing. Run:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y $*" >&2
  exit 1
fi
echo "installing system packages for $what: $*"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "$@" >/dev/null
