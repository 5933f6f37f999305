#!/usr/bin/env bash
# Runs every test: unit, integration (against Azurite, started by the test fixtures on free ports) and
# end to end (the bot, Azurite and Microsoft 365 Agents Playground in headless Chromium).
# Installs what a fresh machine lacks first. Extra arguments go to `dotnet test` (e.g. --filter ...).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$(repo_root)"

ensure_apt_packages chromium chromium-driver fonts-dejavu-core jq zip unzip
ensure_npm_tools
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

echo "» dotnet build"
dotnet build SupportBot.sln --nologo -clp:ErrorsOnly

mkdir -p test-results
log=test-results/dotnet-test.log
set +e
dotnet test SupportBot.sln --no-build --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line over all test assemblies.
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
