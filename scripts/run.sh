#!/usr/bin/env bash
# Runs SupportBot locally with everything it needs:
#   Azurite (Table Storage emulator, data kept in .data/azurite), the bot on http://127.0.0.1:3978,
#   and Microsoft 365 Agents Playground (a Teams-like client) pointing at the bot.
# Ctrl+C stops all three. A second run reuses the installed tools and the stored data.
# Demo: "Exempelby kommun" gets synthetic incidents once, and the Playground's own user (Alex Wilber) is its manager,
# so "översikt" shows a real overview on the first run.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
root=$(repo_root)
cd "$root"

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

pids=()
cleanup() {
  trap - EXIT INT TERM
  echo; echo "» stopping"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

echo "» Azurite (tables) on 127.0.0.1:$TABLE_PORT, data in .data/azurite"
node_modules/.bin/azurite-table --tableHost 127.0.0.1 --tablePort "$TABLE_PORT" \
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
  dotnet run --project bot/SupportBot.Bot.csproj --no-build --no-launch-profile -- --urls "http://127.0.0.1:$BOT_PORT" \
  >.data/logs/bot.log 2>&1 &
pids+=($!)
wait_for_port "$BOT_PORT" 120 || { echo "The bot did not start; see .data/logs/bot.log" >&2; exit 1; }

echo "» Agents Playground on http://localhost:$PLAYGROUND_PORT"
(cd .data/playground && TEAMSAPPTESTER_BROWSER=none exec "$root/node_modules/.bin/agentsplayground" --dt \
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
wait -n "${pids[@]}"
echo "A component stopped unexpectedly; see .data/logs/." >&2
exit 1
