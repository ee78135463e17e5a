#!/usr/bin/env bash
# Sets up a box-office kiosk login: an SSH user whose session runs `modex` and nothing else.
# Usage (as root): scripts/kiosk-setup.sh USER /path/to/modex [DATABASE_URL]
# See docs/KIOSK.md.
set -euo pipefail
user=${1:?usage: kiosk-setup.sh USER /path/to/modex [DATABASE_URL]}
modex=${2:?usage: kiosk-setup.sh USER /path/to/modex [DATABASE_URL]}
database_url=${3:-}
[ "$(id -u)" -eq 0 ] || { echo "kiosk-setup.sh: run as root" >&2; exit 1; }
[ -x "$modex" ] || { echo "kiosk-setup.sh: $modex is not executable" >&2; exit 1; }

install -m 0755 "$modex" /usr/local/bin/modex
# Terminal descriptions beyond xterm and the console (kitty, alacritty, foot, wezterm, ...), so
# every clerk's terminal is drawn as itself. Without one, modex draws for xterm-256color.
if ! dpkg-query -W -f='${Status}' ncurses-term 2>/dev/null | grep -q "install ok installed"; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ncurses-term \
        || echo "kiosk-setup.sh: could not install ncurses-term; terminals unknown here are drawn as xterm-256color" >&2
fi
id "$user" >/dev/null 2>&1 || useradd --create-home --shell /bin/sh "$user"

# The forced command: modex on the configured database. No shell, no escape.
cat > /usr/local/bin/modex-kiosk <<SCRIPT
#!/bin/sh
${database_url:+export DATABASE_URL='$database_url'}
export LANG=\${LANG:-C.UTF-8}
# A crash prints Swift's backtrace but never offers its interactive debugger (a way out).
export SWIFT_BACKTRACE=interactive=no
exec /usr/local/bin/modex
SCRIPT
chmod 0755 /usr/local/bin/modex-kiosk

conf=/etc/ssh/sshd_config.d/modex-kiosk-$user.conf
cat > "$conf" <<CONF
Match User $user
    ForceCommand /usr/local/bin/modex-kiosk
    PermitTTY yes
    AllowTcpForwarding no
    AllowStreamLocalForwarding no
    AllowAgentForwarding no
    X11Forwarding no
    PermitTunnel no
    PermitUserRC no
CONF
sshd -t
echo "Kiosk user $user: ssh $user@this-host opens modex. Reload sshd to apply ($conf)."
