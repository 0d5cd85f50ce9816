#!/usr/bin/env bash
# Runs the collection's role with real ansible-core (from PyPI, in a venv under a temp dir) on three
# inventory hosts over the local connection: host1 and host2 install ripgrep from recorded outputs,
# host3 replays an interrupted dpkg and fails. Checks (fleet-checks.sh): 2 changed + 1 failed with its
# diagnosis kind, every fetched bundle verifies with the fleet's key, the fleet summary names the kind,
# a second run changes nothing on the good hosts. Usage: Tools/ansible/tests/local-fleet.sh /path/to/evlog
# Exit 0 pass, 1 fail, 77 skipped (ansible-core could not be installed).
set -u
test=local-fleet
evlog=$(realpath "${1:?usage: $0 /path/to/evlog}")
collection=$(cd "$(dirname "$0")/.." && pwd)
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
source "$(dirname "$0")/fleet-checks.sh"
install_ansible

export XDG_CONFIG_HOME="$d/fleet-key" PATH="$(dirname "$evlog"):$PATH"
"$evlog" key generate >/dev/null || fail "evlog key generate"
printf '[fleet]\nhost1\nhost2\nhost3 evlog_fixture_set=dpkg-interrupted\n[fleet:vars]\nansible_connection=local\nansible_python_interpreter=%s\n' \
  "$d/venv/bin/python" >"$d/inv"
write_play "evlog_home: \"$d/hosts/{{ inventory_hostname }}\"" "evlog_config_dir: \"$XDG_CONFIG_HOME/evlog\""
run_play 1
check_first_run "$evlog" --key "$XDG_CONFIG_HOME/evlog/host.pub"
# The local hosts share this machine's key; each one's public key is in the keyring all the same.
for host in host1 host2 host3; do
  cmp -s "$d/bundles/keys/$host.pub" "$XDG_CONFIG_HOME/evlog/host.pub" || fail "the keyring has no $host.pub holding its key"
done
run_play 2
check_second_run
echo "local-fleet: ok: 2 hosts changed, host3 failed (dpkg-interrupted), 3 bundles verify, second run unchanged"
