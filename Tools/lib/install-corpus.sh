# Sourced by the benchmarks that need install-like output (the same corpus the acceptance checks use):
# `apt-cache show` of 4000 packages and `dpkg -l`, repeated.
#   install_corpus FILE MEGABYTES   writes at least MEGABYTES MiB of it to FILE
install_corpus() {
  local out="$1" megabytes="$2"
  { apt-cache show $(apt-cache pkgnames 2>/dev/null | head -4000) 2>/dev/null; dpkg -l; } >"$out.mix"
  : >"$out"
  while [ "$(stat -c %s "$out")" -lt $((megabytes << 20)) ]; do cat "$out.mix" >>"$out"; done
  rm -f "$out.mix"
}
