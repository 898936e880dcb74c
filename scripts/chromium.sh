# Sourced by test.sh: Debian's chromium for the browser tests (Playwright drives it; its own
# browser download is not used). Installs the package when it is missing.
source "$(dirname "${BASH_SOURCE[0]}")/apt.sh"

chromium_ensure() {
  [ -x /usr/bin/chromium ] || apt_install chromium
}
