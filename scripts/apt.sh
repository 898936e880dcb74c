# Sourced by test.sh's helpers: install a Debian package the tests need (as root, or with sudo).
apt_install() {
  local package="$1" sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "dyads: installing Debian package $package for the tests" >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null 2>&1 || {
    $sudo apt-get update -qq >/dev/null
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
  }
}
