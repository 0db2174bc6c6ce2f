# shellcheck shell=bash
# What the tests drive as brands' clients do: Node.js and npm run the tracking SDKs from the npm
# registry, Debian's Chromium and chromedriver run pages headless. Installed when missing.

ensure_browser() {
  need_cmd chromium chromium
  need_cmd chromedriver chromium-driver
}

ensure_test_clients() {
  need_cmd node nodejs
  need_cmd npm npm
  ensure_browser
}
