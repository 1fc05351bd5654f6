# Shared by the install scripts (source it): messages, root, and apt-get.
# Installs are non-interactive, without recommended packages, with one
# `apt-get update` per run.

say() { printf '[kernteamwijzer] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else say "root nodig voor: $*"; return 1
  fi
}

apt_updated=
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    say "apt-get ontbreekt; installeer zelf: $*"; return 1
  fi
  if [ -z "$apt_updated" ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}
