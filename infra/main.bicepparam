// Example parameters for infra/main.bicep. Copy it (e.g. to infra/prod.bicepparam), fill in your values,
// and deploy with: az deployment group create -g RG -f infra/main.bicep -p infra/prod.bicepparam
// No app secret by default: the bot signs in with its managed identity (a federated credential of the app
// registration, docs/deploy.md). Only with useAppSecret = true is a secret used: then it is read from the environment
// variable MICROSOFT_APP_PASSWORD at deployment time (leave it unset on later deployments to keep the stored one).
using 'main.bicep'

// Application (client) id of the bot's Entra app registration (az ad app create ... --query appId).
param microsoftAppId = '00000000-0000-0000-0000-000000000000'

// false: federated credentials, no secret anywhere. true: a client secret in Key Vault.
param useAppSecret = false

// Only with useAppSecret: stored in Key Vault; an empty value keeps the secret already there.
param microsoftAppPassword = readEnvironmentVariable('MICROSOFT_APP_PASSWORD', '')

// Keys of the bot's pseudonyms and of the pseudonyms in telemetry, each base64 of 32 random bytes
// (PSEUDONYM_KEY=$(openssl rand -base64 32)), read from the environment at deployment time and stored in Key Vault.
// Required on the first deployment; leave them unset later to keep the stored keys (docs/privacy.md).
param pseudonymKey = readEnvironmentVariable('PSEUDONYM_KEY', '')
param telemetryHmacKey = readEnvironmentVariable('TELEMETRY_HMAC_KEY', '')

// Only with useAppSecret: when the client secret expires (Entra shows it under Certificates & secrets); the bot warns 30 days ahead.
param appCredentialExpiresOn = ''

// Names start with this prefix; the web app is <prefix>-<unique string> unless webAppName is given.
param namePrefix = 'supportbot'

// B1 is enough for one municipality; health checks and Always On need Basic or higher.
param appServicePlanSku = 'B1'

// Entra object ids of SKR's advisers, in the order of Support:Advisers in appsettings.json, and SKR's tenant id.
param adviserAadObjectIds = []
param adviserTenantId = ''

// The municipalities' and regions' tenants that have joined, each with its organisations' SCB codes.
param tenants = [
  // { tenantId: '22222222-2222-2222-2222-222222222222', organisations: ['1480'] }
]

// Who may see an organisation's overview ("översikt"): a manager in an onboarded tenant, for one of its organisations.
param managers = [
  // { aadObjectId: '11111111-1111-1111-1111-111111111111', tenantId: '22222222-2222-2222-2222-222222222222', organisation: '1480' }
]
