#!/usr/bin/env bash
# Runs the collection's role with real ansible-core (from PyPI, in a venv under a temp dir) on three
# inventory hosts over the local connection: host1 and host2 install ripgrep from recorded outputs,
# host3 replays an interrupted dpkg and fails. Checks: 2 changed + 1 failed with its diagnosis kind,
# every fetched bundle verifies with the fleet's key, the fleet summary names the kind, a second run
# changes nothing on the good hosts. Usage: Tools/ansible/tests/local-fleet.sh /path/to/evlog
# Exit 0 pass, 1 fail, 77 skipped (ansible-core could not be installed).
set -u
evlog=$(realpath "${1:?usage: $0 /path/to/evlog}")
collection=$(cd "$(dirname "$0")/.." && pwd)
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
fail() { echo "local-fleet: FAIL: $*"; exit 1; }

python3 -m venv "$d/venv" >/dev/null 2>&1 && "$d/venv/bin/pip" install -q ansible-core >"$d/pip.log" 2>&1 \
  || { echo "local-fleet: SKIP: could not install ansible-core from PyPI ($(tail -1 "$d/pip.log" 2>/dev/null))"; exit 77; }
"$d/venv/bin/ansible-galaxy" collection install "$collection" -p "$d/coll" >/dev/null 2>&1 || fail "ansible-galaxy could not install the collection"

export XDG_CONFIG_HOME="$d/fleet-key" ANSIBLE_COLLECTIONS_PATH="$d/coll" ANSIBLE_NOCOLOR=1 PATH="$(dirname "$evlog"):$PATH"
"$evlog" key generate >/dev/null || fail "evlog key generate"
printf '[fleet]\nhost1\nhost2\nhost3 evlog_fixture_set=dpkg-interrupted\n[fleet:vars]\nansible_connection=local\nansible_python_interpreter=%s\n' \
  "$d/venv/bin/python" >"$d/inv"
cat >"$d/play.yml" <<YAML
- hosts: fleet
  gather_facts: false
  roles:
    - role: evlog.fleet.host
      vars:
        evlog_tools: [ripgrep]
        evlog_simulate: true
        evlog_home: "$d/hosts/{{ inventory_hostname }}"
        evlog_bundle_dir: "$d/bundles"
YAML
run() { "$d/venv/bin/ansible-playbook" -i "$d/inv" "$d/play.yml" >"$d/run$1" 2>&1; }
run 1
grep -qE 'host1 +: ok=[0-9]+ +changed=[1-9] .*failed=0' "$d/run1" || fail "host1 not changed: $(tail -5 "$d/run1")"
grep -qE 'host2 +: ok=[0-9]+ +changed=[1-9] .*failed=0' "$d/run1" || fail "host2 not changed"
grep -qE 'host3 +: .*failed=1' "$d/run1" || fail "host3 did not fail"
grep -q '"kind": "dpkg-interrupted"' "$d/run1" || fail "host3's failure does not carry its diagnosis kind: $(grep -m3 fatal -A3 "$d/run1")"
for host in host1 host2 host3; do
  [ -f "$d/bundles/$host.evb" ] || fail "no bundle fetched for $host"
  "$evlog" verify "$d/bundles/$host.evb" --key "$XDG_CONFIG_HOME/evlog/host.pub" >"$d/verify" 2>&1 || fail "$host's bundle does not verify: $(cat "$d/verify")"
done
"$evlog" diagnose "$d/bundles" --summary >"$d/summary" 2>&1 || fail "diagnose --summary"
grep -q 'dpkg-interrupted' "$d/summary" || fail "the fleet summary does not name the failure kind: $(cat "$d/summary")"
run 2
grep -qE 'host1 +: ok=[0-9]+ +changed=0 ' "$d/run2" || fail "second run changed host1: $(tail -5 "$d/run2")"
grep -qE 'host2 +: ok=[0-9]+ +changed=0 ' "$d/run2" || fail "second run changed host2"
echo "local-fleet: ok: 2 hosts changed, host3 failed (dpkg-interrupted), 3 bundles verify, second run unchanged"
