#!/usr/bin/env bash
# Runs SupportBot locally with everything it needs:
#   Azurite (Table Storage emulator, data kept in .data/azurite), the bot on http://127.0.0.1:3978,
#   and Microsoft 365 Agents Playground (a Teams-like client) pointing at the bot.
# Ctrl+C stops everything and prints "stopped". A later run reuses the installed tools and the stored data;
# `--reset` deletes the stored data first (.data/). Only one run at a time (the lock is .data/run.lock).
# Demo: "Exempelby kommun" gets synthetic incidents once, and the Playground's own user (Alex Wilber) is its manager,
# so "översikt" shows a real overview on the first run.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
root=$(repo_root)
cd "$root"

reset=false
for arg in "$@"; do
  case "$arg" in
    --reset) reset=true ;;
    -h|--help) echo "Usage: scripts/run.sh [--reset]   (--reset deletes the local data in .data/ before starting)"; exit 0 ;;
    *) echo "Unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done

# One run at a time: a second one would fight over the ports and Azurite's files. flock is released by the kernel
# when this script and everything it started are gone, so a crash leaves no stale lock behind.
mkdir -p .data
exec 9>.data/run.lock
if ! flock -n 9; then
  echo "SupportBot is already running (pid $(cat .data/run.pid 2>/dev/null || echo '?')): use that one, or stop it with Ctrl+C in its terminal." >&2
  exit 1
fi
echo $$ >.data/run.pid

if $reset; then
  find .data -mindepth 1 -maxdepth 1 ! -name run.lock ! -name run.pid -exec rm -rf {} +
  echo "» local data deleted (.data/): Azurite tables, Playground state, logs"
fi

BOT_PORT=${BOT_PORT:-3978}
TABLE_PORT=${TABLE_PORT:-10002}
PLAYGROUND_PORT=${PLAYGROUND_PORT:-56150}

for port in "$TABLE_PORT" "$BOT_PORT" "$PLAYGROUND_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is already in use. Stop what uses it, or set TABLE_PORT / BOT_PORT / PLAYGROUND_PORT." >&2
    exit 1
  fi
done

ensure_npm_tools
mkdir -p .data/azurite .data/playground .data/logs

# Each component runs in its own process group (setsid), so stopping it also stops what it started (dotnet run's
# app, the Playground's server), and Ctrl+C in the terminal reaches only this script, which then stops them in order.
pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -f .data/run.pid
}
stop() { echo; cleanup; echo "stopped"; exit 0; }
trap cleanup EXIT
trap stop INT TERM

echo "» Azurite (tables) on 127.0.0.1:$TABLE_PORT, data in .data/azurite"
setsid node_modules/.bin/azurite-table --tableHost 127.0.0.1 --tablePort "$TABLE_PORT" \
  --location .data/azurite --disableTelemetry --silent >.data/logs/azurite.log 2>&1 &
pids+=($!)
wait_for_port "$TABLE_PORT" 60 || { echo "Azurite did not start; see .data/logs/azurite.log" >&2; exit 1; }

echo "» building the bot"
dotnet build bot/SupportBot.Bot.csproj --nologo -clp:ErrorsOnly -v:q
echo "» bot on http://127.0.0.1:$BOT_PORT"
Storage__ConnectionString="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$TABLE_PORT/devstoreaccount1;" \
ASPNETCORE_ENVIRONMENT=Development \
Demo__Organisation="Exempelby kommun" \
Support__Managers__0__AadObjectId=00000000-0000-0000-0000-0000000000020 \
Support__Managers__0__Organisation="Exempelby kommun" \
  setsid dotnet run --project bot/SupportBot.Bot.csproj --no-build --no-launch-profile -- --urls "http://127.0.0.1:$BOT_PORT" \
  >.data/logs/bot.log 2>&1 &
pids+=($!)
wait_for_port "$BOT_PORT" 120 || { echo "The bot did not start; see .data/logs/bot.log" >&2; exit 1; }

echo "» Agents Playground on http://localhost:$PLAYGROUND_PORT"
(cd .data/playground && TEAMSAPPTESTER_BROWSER=none exec setsid "$root/node_modules/.bin/agentsplayground" --dt \
  -e "http://127.0.0.1:$BOT_PORT/api/messages" -c msteams -p "$PLAYGROUND_PORT" >"$root/.data/logs/playground.log" 2>&1) &
pids+=($!)
wait_for_port "$PLAYGROUND_PORT" 120 || { echo "The Playground did not start; see .data/logs/playground.log" >&2; exit 1; }

cat <<MSG

SupportBot is running.
  Open the Teams simulator:  http://localhost:$PLAYGROUND_PORT
  Bot endpoint:              http://127.0.0.1:$BOT_PORT/api/messages   (health: /healthz)
  Logs:                      .data/logs/
Press Ctrl+C to stop.
MSG
# Returns when a component exits by itself; Ctrl+C runs stop() instead.
wait -n "${pids[@]}" || true
echo "A component stopped unexpectedly; see .data/logs/." >&2
exit 1
