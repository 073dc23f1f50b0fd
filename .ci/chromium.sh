#!/usr/bin/env bash
# Sourced by .ci/run: installs Debian's chromium when it is missing, for the
# dashboard's end-to-end test (examples/handbook/e2e), and exports
# CADENCE_CHROMIUM with its path. The test fails in CI (CI=true) without it.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
	echo "installing chromium from Debian's packages"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
export CADENCE_CHROMIUM
CADENCE_CHROMIUM=$(command -v chromium)
echo "$("$CADENCE_CHROMIUM" --version 2>/dev/null || echo chromium) at $CADENCE_CHROMIUM"
