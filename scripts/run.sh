#!/usr/bin/env bash
# Runs SupportBot locally with everything it needs:
#   Azurite (Table Storage emulator, data kept in .data/azurite), maildev (an SMTP server with a web inbox, for the
#   e-mail an adviser gets when Teams cannot reach them), the bot on http://127.0.0.1:3978, and one Microsoft 365
#   Agents Playground (a Teams-like client) per person, each in that person's tenant (scripts/demo-people.sh):
#   Karin Ek, staff in Uppsala kommun; Jonas Lind, adviser in SKR's tenant; Maria Holm, Uppsala's manager.
# Ctrl+C stops everything and prints "stopped". A later run reuses the installed tools and the stored data;
# `--reset` deletes the stored data first (.data/). Only one run at a time (the lock is .data/run.lock).
# Demo: Uppsala kommun (SCB code 0380) gets synthetic incidents once, so Maria's "översikt" shows a real overview.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/demo-people.sh"
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
# PLAYGROUND_PORT is the staff member's Playground (the one Playground of earlier versions).
PLAYGROUND_PORT=${PLAYGROUND_PORT:-56150}
ADVISER_PORT=${ADVISER_PORT:-56151}
MANAGER_PORT=${MANAGER_PORT:-56152}
SMTP_PORT=${SMTP_PORT:-1025}
MAIL_PORT=${MAIL_PORT:-1080}

for port in "$TABLE_PORT" "$BOT_PORT" "$PLAYGROUND_PORT" "$ADVISER_PORT" "$MANAGER_PORT" "$SMTP_PORT" "$MAIL_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is already in use. Stop what uses it, or set TABLE_PORT / BOT_PORT / PLAYGROUND_PORT / ADVISER_PORT / MANAGER_PORT / SMTP_PORT / MAIL_PORT." >&2
    exit 1
  fi
done

ensure_npm_tools
mkdir -p .data/azurite .data/logs

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

echo "» maildev: SMTP on 127.0.0.1:$SMTP_PORT, inbox on http://127.0.0.1:$MAIL_PORT"
setsid node_modules/.bin/maildev --smtp "$SMTP_PORT" --web "$MAIL_PORT" --ip 127.0.0.1 --web-ip 127.0.0.1 --silent \
  >.data/logs/maildev.log 2>&1 &
pids+=($!)
wait_for_port "$SMTP_PORT" 60 || { echo "maildev did not start; see .data/logs/maildev.log" >&2; exit 1; }

echo "» building the bot"
dotnet build bot/SupportBot.Bot.csproj --nologo -clp:ErrorsOnly -v:q
echo "» bot on http://127.0.0.1:$BOT_PORT"
# Tenants, advisers, the manager and the demo organisation for the people of scripts/demo-people.sh.
mapfile -t demo_settings < <(demo_bot_settings)
# The key the bot's pseudonyms are made with (Privacy:PseudonymKey): generated on first run into .data/ (git-ignored,
# deleted by --reset together with the data it keyed), so it is never committed and stays the same across runs.
pseudonym_key_file=.data/pseudonym-key
if [ ! -s "$pseudonym_key_file" ]; then
  (umask 077 && head -c 32 /dev/urandom | base64 >"$pseudonym_key_file")
fi
Storage__ConnectionString="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$TABLE_PORT/devstoreaccount1;" \
ASPNETCORE_ENVIRONMENT=Development \
Privacy__PseudonymKey="$(cat "$pseudonym_key_file")" \
Smtp__Host=127.0.0.1 Smtp__Port="$SMTP_PORT" Smtp__Security=None Smtp__Sender=supportbot@skr.example \
  env "${demo_settings[@]}" setsid dotnet run --project bot/SupportBot.Bot.csproj --no-build --no-launch-profile -- --urls "http://127.0.0.1:$BOT_PORT" \
  >.data/logs/bot.log 2>&1 &
pids+=($!)
wait_for_port "$BOT_PORT" 120 || { echo "The bot did not start; see .data/logs/bot.log" >&2; exit 1; }

# One Playground per person, each with its own working folder and tenant (.m365agentsplayground.yml written there).
start_playground() {
  local person=$1 port=$2 folder=".data/playground-$1"
  write_playground_config "$person" "$folder"
  echo "» Agents Playground for $(demo_person "$person" 2) on http://localhost:$port"
  (cd "$folder" && TEAMSAPPTESTER_BROWSER=none exec setsid "$root/node_modules/.bin/agentsplayground" --dt \
    -e "http://127.0.0.1:$BOT_PORT/api/messages" -c msteams -p "$port" >"$root/.data/logs/playground-$person.log" 2>&1) &
  pids+=($!)
}
start_playground staff "$PLAYGROUND_PORT"
start_playground adviser "$ADVISER_PORT"
start_playground manager "$MANAGER_PORT"
for port in "$PLAYGROUND_PORT" "$ADVISER_PORT" "$MANAGER_PORT"; do
  wait_for_port "$port" 120 || { echo "A Playground did not start; see .data/logs/playground-*.log" >&2; exit 1; }
done

cat <<MSG

SupportBot is running. Open each person in their own browser tab:
  $(demo_person staff 2), $(demo_person staff 8):   http://localhost:$PLAYGROUND_PORT
      write "rapportera", answer, then "Be SKR:s rådgivare om råd"
  $(demo_person adviser 2), $(demo_person adviser 8):              http://localhost:$ADVISER_PORT
      open the personal chat first (so the bot can reach him); "Jag tar detta", "Avsluta…"
  $(demo_person manager 2), $(demo_person manager 8):  http://localhost:$MANAGER_PORT
      write "översikt" (demo data for $DEMO_ORGANISATION_NAME, $DEMO_ORGANISATION_CODE)
  E-mail inbox (advisers Teams cannot reach):   http://127.0.0.1:$MAIL_PORT
  Bot endpoint:              http://127.0.0.1:$BOT_PORT/api/messages   (health: /healthz)
  Logs:                      .data/logs/
Press Ctrl+C to stop.
MSG
# Returns when a component exits by itself; Ctrl+C runs stop() instead.
wait -n "${pids[@]}" || true
echo "A component stopped unexpectedly; see .data/logs/." >&2
exit 1
