#!/usr/bin/env bash
# Builds the Teams app package: appPackage/build/SupportBot.zip with manifest.json, en.json, color.png and
# outline.png at the zip's root, the {{...}} placeholders in appPackage/manifest.json filled in.
#
#   scripts/package-app.sh [--app-id GUID] [--domain HOST] [--version X.Y.Z] [--output FILE]
#
# The bot's app id comes from --app-id, else the environment variable MicrosoftAppId, else
# appsettings.json's MicrosoftAppId; a missing or non-GUID id is refused. Optional environment variables:
#   BOT_DOMAIN             the web app's host name (same as --domain), put in validDomains
#   APP_VERSION            the app version (same as --version); raise it for every update you upload
#   DEVELOPER_WEBSITE_URL  publisher's web site (default https://skr.se/)
#   DEVELOPER_PRIVACY_URL  privacy notice (default: the web site)
#   DEVELOPER_TERMS_URL    terms of use (default: the web site)
# Needs jq and zip.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source_dir="$root/appPackage"

fail() { echo "package-app: $*" >&2; exit 1; }

app_id=${MicrosoftAppId:-}
domain=${BOT_DOMAIN:-}
version=${APP_VERSION:-}
output="$source_dir/build/SupportBot.zip"

while [ $# -gt 0 ]; do
  case "$1" in
    --app-id) [ $# -ge 2 ] || fail "--app-id needs a value"; app_id=$2; shift 2 ;;
    --domain) [ $# -ge 2 ] || fail "--domain needs a value"; domain=$2; shift 2 ;;
    --version) [ $# -ge 2 ] || fail "--version needs a value"; version=$2; shift 2 ;;
    --output) [ $# -ge 2 ] || fail "--output needs a value"; output=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown argument '$1' (see --help)" ;;
  esac
done

command -v jq >/dev/null || fail "jq is required (apt-get install jq)"
command -v zip >/dev/null || fail "zip is required (apt-get install zip)"

if [ -z "$app_id" ] && [ -f "$root/appsettings.json" ]; then
  app_id=$(jq -r '.MicrosoftAppId // ""' "$root/appsettings.json")
fi
[ -n "$app_id" ] || fail "no bot app id: pass --app-id GUID or set MicrosoftAppId (the Application (client) id of the bot's Entra app registration)"
[[ "$app_id" =~ ^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$ ]] \
  || fail "bot app id '$app_id' is not a GUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)"
[ "$app_id" != "00000000-0000-0000-0000-000000000000" ] \
  || fail "bot app id is the all-zero example GUID: use the Application (client) id of the bot's Entra app registration"

if [ -n "$version" ] && ! [[ "$version" =~ ^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$ ]]; then
  fail "version '$version' is not of the form MAJOR.MINOR.PATCH"
fi
# A host name only: Teams wants "bot.example.org", not a URL.
domain=${domain#https://}
domain=${domain%%/*}
if [ -n "$domain" ] && ! [[ "$domain" =~ ^[A-Za-z0-9*]([A-Za-z0-9.-]*[A-Za-z0-9])?$ ]]; then
  fail "domain '$domain' is not a host name"
fi

website=${DEVELOPER_WEBSITE_URL:-https://skr.se/}
privacy=${DEVELOPER_PRIVACY_URL:-$website}
terms=${DEVELOPER_TERMS_URL:-$website}
for url in "$website" "$privacy" "$terms"; do
  [[ "$url" =~ ^https:// ]] || fail "developer URL '$url' must start with https://"
done

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT

vars=$(jq -n --arg MicrosoftAppId "$app_id" --arg BotDomain "$domain" \
  --arg DeveloperWebsiteUrl "$website" --arg DeveloperPrivacyUrl "$privacy" --arg DeveloperTermsUrl "$terms" \
  '$ARGS.named')
jq --argjson vars "$vars" --arg version "$version" '
  walk(if type == "string"
       then reduce ($vars | to_entries[]) as $v (.; gsub("\\{\\{" + $v.key + "\\}\\}"; $v.value))
       else . end)
  | .validDomains |= map(select(. != ""))
  | if $version != "" then .version = $version else . end
' "$source_dir/manifest.json" > "$staging/manifest.json"

left=$(grep -o '{{[A-Za-z]*}}' "$staging/manifest.json" | sort -u | tr '\n' ' ' || true)
[ -z "$left" ] || fail "manifest.json has placeholders this script does not fill: $left"

cp "$source_dir/en.json" "$source_dir/color.png" "$source_dir/outline.png" "$staging/"

mkdir -p "$(dirname "$output")"
output=$(cd "$(dirname "$output")" && pwd)/$(basename "$output")
rm -f "$output"
(cd "$staging" && zip -q -X "$output" manifest.json en.json color.png outline.png)
echo "package-app: wrote $output (app id $app_id${domain:+, domain $domain})"
