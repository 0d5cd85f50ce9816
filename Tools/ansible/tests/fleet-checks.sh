# Sourced by local-fleet.sh and ssh-fleet.sh: ansible-core in a venv, the fleet play, and what its two runs
# must show. Needs $test (the script's name for messages), $d (its temp dir) and $collection.
fail() { echo "$test: FAIL: $*"; exit 1; }
skip() { echo "$test: SKIP: $*"; exit 77; }

# Real ansible-core from PyPI in $d/venv, and the collection installed into $d/coll.
install_ansible() {
  python3 -m venv "$d/venv" >/dev/null 2>&1 && "$d/venv/bin/pip" install -q ansible-core >"$d/pip.log" 2>&1 \
    || skip "could not install ansible-core from PyPI ($(tail -1 "$d/pip.log" 2>/dev/null))"
  "$d/venv/bin/ansible-galaxy" collection install "$collection" -p "$d/coll" >/dev/null 2>&1 || fail "ansible-galaxy could not install the collection"
  export ANSIBLE_COLLECTIONS_PATH="$d/coll" ANSIBLE_NOCOLOR=1
}

# $d/play.yml: the role installs ripgrep from recorded outputs on every host of group fleet and fetches the
# bundles into $d/bundles; each argument adds one role variable (a YAML line).
write_play() {
  {
    printf '%s\n' '- hosts: fleet' '  gather_facts: false' '  roles:' '    - role: evlog.fleet.host' '      vars:' \
      '        evlog_tools: [ripgrep]' '        evlog_simulate: true' "        evlog_bundle_dir: \"$d/bundles\""
    for line in "$@"; do echo "        $line"; done
  } >"$d/play.yml"
}

run_play() { "$d/venv/bin/ansible-playbook" -i "$d/inv" "$d/play.yml" >"$d/run$1" 2>&1; }
recap() { grep -E "^$1 +:" "$d/run$2" || echo "$1: no recap line: $(tail -5 "$d/run$2")"; }

# Run 1: host1 and host2 ok and changed, host3 failed with its diagnosis kind (dpkg-interrupted); every fetched
# bundle verifies, sealed, with evlog $1 given the rest of the arguments (--key PUB, or --keyring DIR: then the
# report must name the host that sealed it); the fleet summary names the kind.
check_first_run() {
  local evlog=$1 host; shift
  for host in host1 host2; do
    grep -qE "^$host +: ok=[0-9]+ +changed=[1-9][0-9]* +unreachable=0 +failed=0 " "$d/run1" || fail "$host not ok and changed: $(recap "$host" 1)"
  done
  grep -qE '^host3 +: .*unreachable=0 +failed=1 ' "$d/run1" || fail "host3 did not fail: $(recap host3 1)"
  grep -q '"kind": "dpkg-interrupted"' "$d/run1" || fail "host3's failure does not carry its diagnosis kind: $(grep -m1 -A8 fatal "$d/run1")"
  for host in host1 host2 host3; do
    [ -f "$d/bundles/$host.evb" ] || fail "no bundle fetched for $host"
    "$evlog" verify "$d/bundles/$host.evb" "$@" >"$d/verify" 2>&1 || fail "$host's bundle does not verify: $(cat "$d/verify")"
    grep -q 'sealed by' "$d/verify" || fail "$host's bundle is not sealed: $(cat "$d/verify")"
    [ "$1" != --keyring ] || grep -q "sealed by $host (" "$d/verify" || fail "the keyring does not name $host as its bundle's sealer: $(cat "$d/verify")"
  done
  "$evlog" diagnose "$d/bundles" --summary >"$d/summary" 2>&1 || fail "evlog diagnose --summary: $(cat "$d/summary")"
  grep -q 'dpkg-interrupted' "$d/summary" || fail "the fleet summary does not name the failure kind: $(cat "$d/summary")"
  # The play simulated every install: the fleet page (of copies of the bundles: the keys are checked above, and the
  # local hosts share one) lists the 3 hosts as simulated, neither done nor failed, and ripgrep installed on none.
  mkdir "$d/page" && cp "$d"/bundles/*.evb "$d/page/" || fail "cannot copy the bundles"
  "$evlog" export --fleet-html "$d/page" >"$d/fleet.html" 2>"$d/fleet.err" || fail "evlog export --fleet-html: $(cat "$d/fleet.err")"
  grep -q '<h2>Simulated (3 of 3 hosts): nothing installed</h2>' "$d/fleet.html" && [ "$(grep -c ', simulated</td>' "$d/fleet.html")" -eq 3 ] \
    || fail "the fleet page does not list the 3 hosts as simulated: $(grep -m1 ' bundles · ' "$d/fleet.html")"
  grep -q '<li>ripgrep: installed on 0 of 3 hosts</li>' "$d/fleet.html" || fail "the fleet page counts a simulated install: $(grep -m1 'ripgrep:' "$d/fleet.html")"
}

# Run 2 changes nothing on the good hosts.
check_second_run() {
  local host
  for host in host1 host2; do
    grep -qE "^$host +: ok=[0-9]+ +changed=0 +unreachable=0 +failed=0 " "$d/run2" || fail "the second run changed $host: $(recap "$host" 2)"
  done
}
