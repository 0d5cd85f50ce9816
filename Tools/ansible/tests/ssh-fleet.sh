#!/usr/bin/env bash
# The collection's role over real SSH: three throwaway users on this machine are the hosts, reached through
# an sshd of this test's own on 127.0.0.1 (openssh-server from apt), driven by real ansible-core from PyPI
# in a venv. Each host starts with the one fleet key an earlier version of the role copied to every host. The
# role unpacks the release archive (Tools/package) into each user's home, gives each host a key of its own in
# place of the fleet key, installs ripgrep from recorded outputs and fetches each host's bundle and public key
# into the keyring (evlog_key_dir); host3 replays an interrupted dpkg and fails. Checks: 2 hosts ok and
# changed, 1 failed with its diagnosis kind; the fleet summary names the kind; every fetched bundle verifies
# with the keyring, which names the host that sealed it; no host keeps the fleet key, no two share one; a
# second run changes nothing on the good hosts. Removes its users and stops its sshd on exit.
#
#   Tools/ansible/tests/ssh-fleet.sh [ARCHIVE]   (default: builds one with Tools/package)
# Exit 0 pass, 1 fail, 77 skipped (not root, no sshd, or ansible-core could not be installed).
set -u
test=ssh-fleet
cd "$(dirname "$0")/../../.."
source Tools/ansible/tests/fleet-checks.sh
[ "$(id -u)" -eq 0 ] || skip "creating the host users needs root"
[ -x /usr/sbin/sshd ] || skip "no /usr/sbin/sshd (apt-get install openssh-server)"
archive=$(realpath "${1:-$(Tools/package)}") || fail "Tools/package"
collection=$(pwd)/Tools/ansible
hosts=(host1 host2 host3)
users=(evfleet1 evfleet2 evfleet3)
created=()
d=$(mktemp -d); chmod 0755 "$d"
cleanup() {
  # Ansible's persistent SSH connections first (their sessions would keep the users busy), then the sshd.
  for socket in "$d"/cp/*; do [ -S "$socket" ] && ssh -o ControlPath="$socket" -O exit x >/dev/null 2>&1; done
  [ -f "$d/sshd.pid" ] && kill "$(cat "$d/sshd.pid")" 2>/dev/null
  for user in "${created[@]}"; do
    userdel -r "$user" 2>/dev/null
    if id "$user" >/dev/null 2>&1; then echo "ssh-fleet: could not remove user $user"; fi
  done
  rm -rf "$d"
}
trap cleanup EXIT

install_ansible

# The controller's evlog is the archive's too: it makes the fleet's key and reads the fetched bundles.
mkdir -p "$d/controller" && tar -xzf "$archive" -C "$d/controller" --strip-components=1 || fail "cannot unpack $archive"
evlog="$d/controller/bin/evlog"
XDG_CONFIG_HOME="$d/fleet-key" "$evlog" key generate >/dev/null || fail "evlog key generate"
key_dir="$d/fleet-key/evlog"

ssh-keygen -q -t ed25519 -N '' -f "$d/id" && ssh-keygen -q -t ed25519 -N '' -f "$d/ssh_host_key" || fail "ssh-keygen"
for user in "${users[@]}"; do
  id "$user" >/dev/null 2>&1 && fail "user $user exists already (left by an earlier run?): remove it first"
  # "*": no password, yet not locked ("!"), which sshd without PAM refuses even for a key.
  useradd -m -s /bin/sh -p "*" "$user" || fail "useradd $user"
  created+=("$user")
  install -d -m 0700 -o "$user" "/home/$user/.ssh"
  install -m 0600 -o "$user" "$d/id.pub" "/home/$user/.ssh/authorized_keys"
  # What an earlier version of the role left: the fleet's private key on every host.
  install -d -m 0700 -o "$user" "/home/$user/.config" "/home/$user/.config/evlog"
  install -m 0600 -o "$user" "$key_dir/host.key" "/home/$user/.config/evlog/host.key"
  install -m 0644 -o "$user" "$key_dir/host.pub" "/home/$user/.config/evlog/host.pub"
done
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$d/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $port
HostKey $d/ssh_host_key
PidFile $d/sshd.pid
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
AllowUsers ${users[*]}
Subsystem sftp internal-sftp
EOF
mkdir -p /run/sshd
/usr/sbin/sshd -f "$d/sshd_config" -E "$d/sshd.log" || fail "sshd did not start: $(cat "$d/sshd.log")"

{
  echo "[fleet]"
  for i in 0 1 2; do
    echo "${hosts[$i]} ansible_user=${users[$i]} evlog_prefix=/home/${users[$i]}/evlog evlog_home=/home/${users[$i]}/evlog-home"
  done
  echo "[fleet:vars]"
  echo "ansible_host=127.0.0.1"
  echo "ansible_port=$port"
  echo "ansible_ssh_private_key_file=$d/id"
  echo "ansible_ssh_common_args='-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null'"
  echo "ansible_python_interpreter=/usr/bin/python3"
} >"$d/inv"
sed -i 's/^host3 .*/& evlog_fixture_set=dpkg-interrupted/' "$d/inv"
write_play "evlog_package: \"$archive\"" "evlog_key_dir: \"$key_dir\""
export ANSIBLE_HOST_KEY_CHECKING=False ANSIBLE_SSH_CONTROL_PATH_DIR="$d/cp"
run_play 1
check_first_run "$evlog" --keyring "$key_dir"
for user in "${users[@]}"; do
  cmp -s "/home/$user/.config/evlog/host.key" "$key_dir/host.key" && fail "$user still holds the fleet's private key"
done
[ "$(cat /home/evfleet*/.config/evlog/host.pub | sort -u | wc -l)" -eq 3 ] || fail "the hosts do not each have a key of their own"
run_play 2
check_second_run
echo "ssh-fleet: ok: over SSH host1 and host2 changed, host3 failed (dpkg-interrupted), each host sealed with a key of its own (the fleet key retired), 3 bundles verify with the keyring naming their host, second run unchanged"
