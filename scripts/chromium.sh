# Sourced by test.sh: Debian's chromium for the browser tests (Playwright drives it; its own
# browser download is not used). Installs the package when it is missing.
chromium_ensure() {
  if [ -x /usr/bin/chromium ]; then
    return 0
  fi
  echo "dyads: installing Chromium for the browser tests (Debian package chromium)" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 || {
    $sudo apt-get update -qq >/dev/null
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  }
}
