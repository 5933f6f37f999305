# Sourced by run.sh: the demo's people and tenants, and the Agents Playground configuration for each of them.
# Fictional people and ids (nobody real, no real tenant). Uppsala kommun (SCB code 0380) is the staff member's and the
# manager's organisation and has joined; the advisers sit in SKR's own tenant.
# shellcheck shell=bash

DEMO_ORGANISATION_CODE=0380
DEMO_ORGANISATION_NAME="Uppsala kommun"
DEMO_TENANT_UPPSALA=0e5a1000-0000-4000-8000-000000000380
DEMO_TENANT_SKR=0e5a1000-0000-4000-8000-00000000005c

# key|name|given|surname|email|aadObjectId|tenant|role
DEMO_PEOPLE=(
  "staff|Karin Ek|Karin|Ek|karin.ek@uppsala.example|0e5a1d00-0000-4000-8000-000000000001|$DEMO_TENANT_UPPSALA|säkerhetsansvarig, Uppsala kommun"
  "adviser|Jonas Lind|Jonas|Lind|jonas.lind@skr.example|0e5a1d00-0000-4000-8000-000000000002|$DEMO_TENANT_SKR|rådgivare, SKR"
  "manager|Maria Holm|Maria|Holm|maria.holm@uppsala.example|0e5a1d00-0000-4000-8000-000000000003|$DEMO_TENANT_UPPSALA|kanslichef, Uppsala kommun"
  "adviser2|Lena Sjöberg|Lena|Sjöberg|lena.sjoberg@skr.example|0e5a1d00-0000-4000-8000-000000000004|$DEMO_TENANT_SKR|rådgivare, SKR (ingen egen Playground: når boten henne inte i Teams får hon e-post)"
  "secretary|Per Nyberg|Per|Nyberg|per.nyberg@uppsala.example|0e5a1d00-0000-4000-8000-000000000005|$DEMO_TENANT_UPPSALA|kommunsekreterare, Uppsala kommun"
  "colleague|Ali Haddad|Ali|Haddad|ali.haddad@uppsala.example|0e5a1d00-0000-4000-8000-000000000006|$DEMO_TENANT_UPPSALA|kollega, Uppsala kommun"
)

# demo_person KEY FIELD: one field (1 key, 2 name, 3 given name, 4 surname, 5 e-mail, 6 aadObjectId, 7 tenant, 8 role).
demo_person() {
  local entry
  for entry in "${DEMO_PEOPLE[@]}"; do
    if [ "${entry%%|*}" = "$1" ]; then echo "$entry" | cut -d'|' -f"$2"; return 0; fi
  done
  echo "No demo person '$1'" >&2; return 1
}

# The YAML fields of one user (the Playground's schema 0.1.1; "userPrincipleName" is its spelling).
_demo_user_yaml() {
  local first=$1 rest=$2 entry=$3 key name given surname email aad
  IFS='|' read -r key name given surname email aad _ _ <<<"$entry"
  printf '%sid: "29:demo-%s"\n' "$first" "$key"
  printf '%sname: "%s"\n%suserPrincipleName: "%s"\n%saadObjectId: "%s"\n' "$rest" "$name" "$rest" "$email" "$rest" "$aad"
  printf '%sgivenName: "%s"\n%ssurname: "%s"\n%semail: "%s"\n' "$rest" "$given" "$rest" "$surname" "$rest" "$email"
}

# write_playground_config KEY FOLDER: the Playground in FOLDER acts as KEY, in KEY's tenant; the five others are its users.
write_playground_config() {
  local me=$1 folder=$2 entry tenant
  tenant=$(demo_person "$me" 7)
  mkdir -p "$folder"
  {
    echo "# Written by scripts/run.sh: $(demo_person "$me" 2) ($(demo_person "$me" 8))."
    echo 'version: "0.1.1"'
    echo "tenantId: \"$tenant\""
    printf 'bot:\n  id: "28:demo-supportbot"\n  name: "SupportBot"\n'
    echo "currentUser:"
    for entry in "${DEMO_PEOPLE[@]}"; do [ "${entry%%|*}" = "$me" ] && _demo_user_yaml "  " "  " "$entry"; done
    echo "users:"
    for entry in "${DEMO_PEOPLE[@]}"; do [ "${entry%%|*}" != "$me" ] && _demo_user_yaml "  - " "    " "$entry"; done
    printf 'personalChat:\n  id: "a:demo-personal-%s"\n' "$me"
    printf 'groupChat:\n  id: "19:demo-group-%s@thread.v2"\n  name: "Säkerhetsgruppen"\n' "${tenant: -4}"
    printf 'team:\n  id: "19:demo-team-%s@thread.tacv2"\n  name: "%s"\n  aadGroupId: "0e5a1c00-0000-4000-8000-00000000%s"\n' \
      "${tenant: -4}" "$([ "$tenant" = "$DEMO_TENANT_SKR" ] && echo SKR || echo "$DEMO_ORGANISATION_NAME")" "${tenant: -4}"
    printf '  channels:\n    - id: "19:demo-incidents-%s@thread.tacv2"\n      name: "Incidenter"\n' "${tenant: -4}"
  } >"$folder/.m365agentsplayground.yml"
}

# The bot's settings for these people, as environment variables (name=value lines).
demo_bot_settings() {
  local i=0 key
  echo "Support__Tenants__0__TenantId=$DEMO_TENANT_UPPSALA"
  echo "Support__Tenants__0__Organisations__0=$DEMO_ORGANISATION_CODE"
  # appsettings.json's adviser 0 ("safety") and 1 ("threats-hate-violence") become Jonas and Lena.
  for key in adviser adviser2; do
    echo "Support__Advisers__${i}__Name=$(demo_person $key 2)"
    echo "Support__Advisers__${i}__Email=$(demo_person $key 5)"
    echo "Support__Advisers__${i}__AadObjectId=$(demo_person $key 6)"
    echo "Support__Advisers__${i}__TenantId=$DEMO_TENANT_SKR"
    i=$((i + 1))
  done
  echo "Support__Managers__0__AadObjectId=$(demo_person manager 6)"
  echo "Support__Managers__0__TenantId=$DEMO_TENANT_UPPSALA"
  echo "Support__Managers__0__Organisation=$DEMO_ORGANISATION_CODE"
  echo "Demo__Organisation=$DEMO_ORGANISATION_CODE"
}
