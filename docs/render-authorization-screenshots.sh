#!/usr/bin/env bash
# Renders the authorization page (English and Spanish, light theme) and the install button on a developer's page in
# Debian's Chromium, and writes docs/authorization-consent-en.png, docs/authorization-consent-es.png and
# docs/authorization-button.png. It plays the end-to-end browser test (e2e-tests' AuthorizationPageBrowserTest), which
# saves them along the way when given -De2e.screenshots.
# Usage: docs/render-authorization-screenshots.sh   (needs the local PostgreSQL, Node.js and chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium >/dev/null || { echo "chromium is not installed (apt-get install chromium chromium-driver)"; exit 1; }
./mvnw -q install -DskipTests
./mvnw -q -pl e2e-tests test -Dtest=AuthorizationPageBrowserTest -Dsurefire.failIfNoSpecifiedTests=false \
  -De2e.screenshots="$PWD/docs"
ls -l docs/authorization-*.png
