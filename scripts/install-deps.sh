#!/usr/bin/env bash
# Installs the Debian packages Modex needs, only those that are missing.
# Needs root, or sudo for a normal user.
set -euo pipefail

packages=(postgresql-15 postgresql-contrib libpq-dev libncurses-dev tmux openssh-server openssh-client)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi
echo "Installing: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
