#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A throwaway sftp server for the remote tests: sshd on a free port on
# 127.0.0.1 with its own host key, key-only login for the current user,
# and an ssh client set up to trust exactly that host key. GVfs runs on a
# private session bus (dbus-run-session) and finds the client through
# PATH, so nothing outside the state folder is read or written.
#
#   remote-server.sh STATE run COMMAND...   set up, start, run
#   remote-server.sh STATE stop             stop sshd and its sessions
#   remote-server.sh STATE start            start it again, same port
#   remote-server.sh STATE key wrong|right  the key the client offers
#
# `run` skips (TAP "1..0 # SKIP", with the reason) when sshd cannot be
# started, except under CI=true, where that is a failure. COMMAND gets
# CVG_REMOTE_URI (an sftp:// URI for STATE/served), CVG_REMOTE_DIR (the
# same folder, local) and CVG_REMOTE_CTL (this script and STATE, to which
# `stop`, `start` or `key ...` is appended).
set -eu

state=$1
action=$2
shift 2

# Skipped as TAP says it (the tests speak TAP, where meson takes exit
# status 77 for an error).
skip() {
  echo "remote-server: $1" >&2
  if [ "${CI:-}" = "true" ]; then
    echo "remote-server: CI=true: the remote tests must run" >&2
    exit 1
  fi
  echo "1..0 # SKIP $1"
  exit 0
}

# Our own sshd and the per-connection processes it forked, by pid.
tree() {
  all=$1
  frontier=$1
  while [ -n "$frontier" ]; do
    next=""
    for parent in $frontier; do
      next="$next $(ps -o pid= --ppid "$parent" || true)"
    done
    frontier=$(echo $next)
    all="$all $frontier"
  done
  echo "$all"
}

start_sshd() {
  /usr/sbin/sshd -f "$state/sshd_config" -E "$state/sshd.log"
  # Wait for the port (sshd -D is not used: it forks once ready).
  i=0
  while ! [ -s "$state/sshd.pid" ]; do
    i=$((i + 1))
    [ $i -lt 200 ] || return 1
    sleep 0.05
  done
}

stop_sshd() {
  [ -s "$state/sshd.pid" ] || return 0
  pid=$(cat "$state/sshd.pid")
  pids=$(tree "$pid")
  # shellcheck disable=SC2086
  kill $pids 2>/dev/null || true
  rm -f "$state/sshd.pid"
}

case $action in
  stop) stop_sshd; exit 0 ;;
  start) start_sshd || { echo "remote-server: sshd did not start again" >&2; exit 1; }; exit 0 ;;
  key) cp "$state/${1}_key" "$state/client_key"; exit 0 ;;
  run) ;;
  *) echo "usage: $0 STATE run|stop|start ..." >&2; exit 2 ;;
esac

[ -x /usr/sbin/sshd ] || skip "no /usr/sbin/sshd (Debian package openssh-server)"
command -v ssh >/dev/null || skip "no ssh client (Debian package openssh-client)"
command -v dbus-run-session >/dev/null || skip "no dbus-run-session (Debian package dbus)"
[ -x /usr/libexec/gvfsd-sftp ] || skip "no GVfs sftp backend (Debian packages gvfs-daemons, gvfs-backends)"

rm -rf "$state"
mkdir -p "$state/served" "$state/bin" "$state/home"
chmod 700 "$state"
user=$(id -un)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

ssh-keygen -q -t ed25519 -N '' -f "$state/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$state/right_key"
ssh-keygen -q -t ed25519 -N '' -f "$state/wrong_key"
cp "$state/right_key.pub" "$state/authorized_keys"
cp "$state/right_key" "$state/client_key"
echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$state/host_key.pub")" > "$state/known_hosts"

cat > "$state/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $state/host_key
PidFile $state/sshd.pid
AuthorizedKeysFile $state/authorized_keys
AuthenticationMethods publickey
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowUsers $user
StrictModes no
UsePAM no
Subsystem sftp internal-sftp
CONF

# The client GVfs spawns: our key and known host only.
cat > "$state/ssh_config" <<CONF
Host 127.0.0.1
  IdentityFile $state/client_key
  IdentitiesOnly yes
  UserKnownHostsFile $state/known_hosts
  StrictHostKeyChecking yes
  PasswordAuthentication no
  KbdInteractiveAuthentication no
  BatchMode yes
CONF
cat > "$state/bin/ssh" <<CONF
#!/bin/sh
exec /usr/bin/ssh -F "$state/ssh_config" "\$@"
CONF
chmod +x "$state/bin/ssh"

if [ "$(id -u)" -eq 0 ]; then
  mkdir -p /run/sshd
fi
/usr/sbin/sshd -t -f "$state/sshd_config" 2>"$state/sshd-check.log" ||
  skip "sshd refuses its configuration: $(cat "$state/sshd-check.log")"
start_sshd || skip "sshd did not start: $(cat "$state/sshd.log")"
trap 'stop_sshd' EXIT

export CVG_REMOTE_URI="sftp://$user@127.0.0.1:$port$state/served"
export CVG_REMOTE_DIR="$state/served"
export CVG_REMOTE_CTL="$0 $state"
export GVFS_REMOTE_VOLUME_MONITOR_IGNORE=1
export PATH="$state/bin:$PATH"
# GVfs keeps its sockets, metadata and FUSE folder (a local view of its
# mounts, for the polling test) under these; a private bus gets private
# ones. Socket paths must stay short: the sftp mount fails below a deep
# build folder.
XDG_RUNTIME_DIR=$(mktemp -d /tmp/cvg-gvfs-XXXXXX)
export XDG_RUNTIME_DIR
export XDG_DATA_HOME="$state/home"
cleanup() {
  stop_sshd
  fusermount -u -z "$XDG_RUNTIME_DIR/gvfs" 2>/dev/null || true
  rm -rf --one-file-system "$XDG_RUNTIME_DIR" 2>/dev/null || true
}
trap cleanup EXIT

# The GVfs daemons start with the bus's environment: not with the tests'
# G_DEBUG=fatal-warnings, which would make their harmless warnings (no
# keyring here) fatal. And not with the tests' stdout: what a daemon
# prints (GVfs's sftp backend can abort with "Bail out!") would be read
# as the test's TAP; it goes to bus.log, the command gets the real
# stdout and stderr back (fds 3 and 4).
status=0
debug=${G_DEBUG-}
unset G_DEBUG
dbus-run-session -- sh -c 'G_DEBUG=$0; [ -n "$G_DEBUG" ] && export G_DEBUG; exec "$@" 1>&3 2>&4 3>&- 4>&-' \
  "$debug" "$@" 3>&1 4>&2 >"$state/bus.log" 2>&1 || status=$?
exit $status
