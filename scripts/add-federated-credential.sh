#!/usr/bin/env bash
# Lets the bot's app registration trust the web app's user-assigned managed identity (a federated identity
# credential), so the bot signs in with the identity's token and no client secret exists. Idempotent.
#   scripts/add-federated-credential.sh APP_ID TENANT_ID IDENTITY_PRINCIPAL_ID
# APP_ID: the app registration's Application (client) id; TENANT_ID: the tenant of the app registration and the
# identity; IDENTITY_PRINCIPAL_ID: the identity's object (principal) id (output identityPrincipalId of infra/main.bicep).
set -euo pipefail
[ $# -eq 3 ] || { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
app_id=$1 tenant_id=$2 principal_id=$3
name=supportbot-managed-identity

if az ad app federated-credential show --id "$app_id" --federated-credential-id "$name" >/dev/null 2>&1; then
  echo "add-federated-credential: $name already exists on $app_id"
  exit 0
fi
az ad app federated-credential create --id "$app_id" --parameters "{
  \"name\": \"$name\",
  \"issuer\": \"https://login.microsoftonline.com/$tenant_id/v2.0\",
  \"subject\": \"$principal_id\",
  \"audiences\": [\"api://AzureADTokenExchange\"],
  \"description\": \"SupportBot's web app signs in as the bot with its managed identity\"
}" >/dev/null
echo "add-federated-credential: $name added to $app_id (subject $principal_id)"
