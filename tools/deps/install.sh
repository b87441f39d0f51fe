#!/usr/bin/env bash
# Install every Debian package the build and tests use (idempotent; run as root).
# Usage: install.sh PACKAGE-LIST...   Each list holds one package per line, '#' comments.
set -euo pipefail
packages=$(sed -e 's/#.*//' "$@" | tr -s ' \t' '\n' | sed '/^$/d' | sort -u)
missing=()
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	echo "deps: all $(echo "$packages" | wc -l) packages already installed"
	exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
