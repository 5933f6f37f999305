// SupportBot in Azure: the Azure Bot (Teams channel), a Linux App Service running the bot on .NET 10,
// Table Storage reached by managed identity (no storage keys anywhere), the bot's own credentials by the same
// identity as a federated credential of the app registration (no app secret; a Key Vault secret only if
// useAppSecret is chosen), and Application Insights on a Log Analytics workspace.
// Hardened (issue 18, see "Network and hardening" below): storage and Key Vault only through private endpoints in a
// virtual network the web app is integrated with, the web app reachable only from the Azure Bot Service, Application
// Insights by Entra only, and the audit in its own storage account where the app may insert but never rewrite.
//
// Deploy into an existing resource group:
//   az deployment group create -g RG -f infra/main.bicep -p infra/main.bicepparam
// The Entra app registration (the bot's identity) is created beforehand: see the README.

metadata description = 'SupportBot: Teams bot for threats, hate and violence against elected officials.'

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

@description('Azure region for everything except the Azure Bot (which is global). Defaults to the resource group\'s region, e.g. swedencentral.')
param location string = resourceGroup().location

@description('Short lowercase prefix for resource names (letters and digits, 3-11 characters).')
@minLength(3)
@maxLength(11)
param namePrefix string = 'supportbot'

@description('Name of the web app; becomes part of the bot\'s messaging endpoint. Must be globally unique.')
@minLength(2)
@maxLength(60)
param webAppName string = '${namePrefix}-${uniqueString(resourceGroup().id)}'

@description('Application (client) id of the bot\'s single-tenant Entra app registration (a GUID).')
@minLength(36)
@maxLength(36)
param microsoftAppId string

@description('Entra tenant id that owns the app registration. Defaults to the tenant of the subscription.')
param microsoftAppTenantId string = tenant().tenantId

@description('false (default): no app secret; the bot signs in with the user-assigned identity, which the app registration trusts as a federated credential (app setting MicrosoftAppClientId; see docs/deploy.md). true: a client secret kept in Key Vault.')
param useAppSecret bool = false

@description('Only with useAppSecret: client secret of the app registration. Stored in Key Vault, never in app settings. Required on the first such deployment; leave empty on later deployments to keep the stored secret.')
@secure()
param microsoftAppPassword string = ''

@description('Base64 of at least 32 random bytes (openssl rand -base64 32): the key the bot\'s pseudonyms are made with (erased reporters, audit actors; Privacy:PseudonymKey). Stored in Key Vault as PseudonymKey, never in app settings. Required on the first deployment; leave empty on later deployments to keep the stored key (a new key makes earlier pseudonyms unlinkable: docs/privacy.md).')
@secure()
param pseudonymKey string = ''

@description('Base64 of at least 32 random bytes: the key that turns ids into pseudonyms in exported telemetry (Telemetry:HmacKey). Stored in Key Vault as TelemetryHmacKey. Required on the first deployment; leave empty later to keep the stored key.')
@secure()
param telemetryHmacKey string = ''

@description('Only with useAppSecret: when the client secret expires, as Entra shows it (e.g. 2027-03-31). Becomes the app setting MicrosoftAppPasswordExpiresOn: the bot warns 30 days ahead and /healthz reports degraded. Empty = not tracked.')
param appCredentialExpiresOn string = ''

@description('App Service plan SKU. Basic (B1) or higher: health checks and Always On need it, and Always On keeps the background senders (notifications, deadlines) running.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'P0v3'
  'P1v3'
  'P2v3'
])
param appServicePlanSku string = 'B1'

@description('Number of web app instances. The bot is stateless (all state is in Table Storage), so more than one is safe.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('Azure Bot pricing tier. F0 is free for standard channels such as Teams; S1 adds an SLA.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Storage redundancy. Standard_ZRS survives a zone outage in regions with zones (e.g. swedencentral).')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_ZRS'

@description('Days Log Analytics keeps logs and traces.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

@description('Entra object ids of SKL\'s advisers, in the order of Support:Advisers in appsettings.json (index 0 = the first adviser there). Empty = set after deployment.')
param adviserAadObjectIds string[] = []

@description('SKR\'s Microsoft 365 tenant id, where the advisers are: they are recognised only in messages from it. Empty = set after deployment.')
param adviserTenantId string = ''

@description('Managers who may ask for "översikt": [{ aadObjectId: \'<Entra object id>\', tenantId: \'<their tenant>\', organisation: \'1480\' }]. Empty = set after deployment.')
param managers managerSetting[] = []

@description('The tenants that have joined and the organisations (SCB kommunkod / regionkod) each reports for: [{ tenantId: \'<guid>\', organisations: [\'1480\'] }]. A tenant not listed is refused. Empty = set after deployment.')
param tenants tenantSetting[] = []

@description('Address space of the virtual network that reaches storage and Key Vault privately (a /24 is plenty: two /26 subnets are used).')
param vnetAddressPrefix string = '10.60.0.0/24'

@description('Tags put on every resource.')
param tags object = {
  application: 'SupportBot'
}

@description('One manager for Support:Managers.')
type managerSetting = {
  @description('The manager\'s Entra object id.')
  aadObjectId: string
  @description('The manager\'s Microsoft 365 tenant id.')
  tenantId: string
  @description('The SCB code of the organisation (municipality or region) whose overview the manager may see; onboarded for that tenant.')
  organisation: string
}

@description('One onboarded tenant for Support:Tenants.')
type tenantSetting = {
  @description('The organisation\'s Microsoft 365 tenant id.')
  tenantId: string
  @description('The SCB codes of the organisations whose staff use this tenant.')
  organisations: string[]
}

// ---------------------------------------------------------------------------------------------
// Names and constants
// ---------------------------------------------------------------------------------------------

var suffix = uniqueString(resourceGroup().id, namePrefix)
var storageAccountName = take('st${namePrefix}${suffix}', 24)
var keyVaultName = take('kv-${namePrefix}-${suffix}', 24)
var appPasswordSecretName = 'MicrosoftAppPassword'
var pseudonymKeySecretName = 'PseudonymKey'
var telemetryHmacKeySecretName = 'TelemetryHmacKey'
var auditStorageAccountName = take('staudit${namePrefix}${suffix}', 24)
var auditTableName = 'AuditEvents'

// Built-in role ids (the same in every tenant).
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

var adviserSettings = flatten(map(range(0, length(adviserAadObjectIds)), i => [
  {
    name: 'Support__Advisers__${i}__AadObjectId'
    value: adviserAadObjectIds[i]
  }
  {
    name: 'Support__Advisers__${i}__TenantId'
    value: adviserTenantId
  }
]))
var expirySettings = !useAppSecret || empty(appCredentialExpiresOn)
  ? []
  : [
      {
        name: 'MicrosoftAppPasswordExpiresOn'
        value: appCredentialExpiresOn
      }
    ]
var managerSettings = flatten(map(range(0, length(managers)), i => [
  {
    name: 'Support__Managers__${i}__AadObjectId'
    value: managers[i].aadObjectId
  }
  {
    name: 'Support__Managers__${i}__TenantId'
    value: managers[i].tenantId
  }
  {
    name: 'Support__Managers__${i}__Organisation'
    value: managers[i].organisation
  }
]))
var tenantSettings = flatten(map(range(0, length(tenants)), i => concat(
  [
    {
      name: 'Support__Tenants__${i}__TenantId'
      value: tenants[i].tenantId
    }
  ],
  map(range(0, length(tenants[i].organisations)), j => {
    name: 'Support__Tenants__${i}__Organisations__${j}'
    value: tenants[i].organisations[j]
  })
)))

// ---------------------------------------------------------------------------------------------
// Monitoring
// ---------------------------------------------------------------------------------------------

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${namePrefix}-${suffix}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${namePrefix}-${suffix}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    IngestionMode: 'LogAnalytics'
    // Entra only: the instrumentation key alone can no longer send (or forge) telemetry.
    DisableLocalAuth: true
  }
}

// ---------------------------------------------------------------------------------------------
// Identity: one user-assigned identity for storage, for the bot's own sign-in (a federated credential of the app
// registration, so no secret exists) and, with useAppSecret, for Key Vault. User-assigned (not system-assigned)
// so its role assignments exist before the web app first starts, and the federated credential can name it first.
// ---------------------------------------------------------------------------------------------

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${namePrefix}-${suffix}'
  location: location
  tags: tags
}

// ---------------------------------------------------------------------------------------------
// Storage: Table Storage only, Entra authentication only (shared keys off).
// ---------------------------------------------------------------------------------------------

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    accessTier: 'Hot'
    // Reached only through its private endpoint (see "Network and hardening").
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'None'
    }
  }
}

resource storageTableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------------
// Key Vault: the pseudonym and telemetry keys, and with useAppSecret the bot's client secret. The app reads them as
// Key Vault references with its identity (Key Vault Secrets User: get and list secrets, nothing else). Rotating the
// client secret is `az keyvault secret set` and a restart, without redeploying or touching app settings.
// ---------------------------------------------------------------------------------------------

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    // A deleted vault or secret cannot be purged before the retention ends, not even by an administrator.
    enablePurgeProtection: true
    // Reached only through its private endpoint (see "Network and hardening").
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
    }
  }
}

resource appPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (useAppSecret && !empty(microsoftAppPassword)) {
  parent: keyVault
  name: appPasswordSecretName
  properties: {
    value: microsoftAppPassword
    contentType: 'Client secret of the bot\'s Entra app registration'
  }
}

// Written only when given, so a later deployment without the parameter keeps the stored key.
resource pseudonymKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(pseudonymKey)) {
  parent: keyVault
  name: pseudonymKeySecretName
  properties: {
    value: pseudonymKey
    contentType: 'Base64 key of the bot\'s pseudonyms (Privacy:PseudonymKey)'
  }
}

resource telemetryHmacKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(telemetryHmacKey)) {
  parent: keyVault
  name: telemetryHmacKeySecretName
  properties: {
    value: telemetryHmacKey
    contentType: 'Base64 key of the pseudonyms in telemetry (Telemetry:HmacKey)'
  }
}

resource keyVaultSecretsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------------
// App Service: Linux, .NET 10, HTTPS only, health check on /healthz.
// ---------------------------------------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'asp-${namePrefix}-${suffix}'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServicePlanSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2024-04-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identity.id
    // Outbound through the virtual network, where storage and Key Vault have their private endpoints.
    virtualNetworkSubnetId: appSubnet.id
    siteConfig: {
      vnetRouteAllEnabled: true
      // Only the Azure Bot Service may call the app. App Service's own health check probes the instances from
      // inside the platform, which access restrictions do not apply to, so /healthz keeps working.
      ipSecurityRestrictionsDefaultAction: 'Deny'
      ipSecurityRestrictions: botServiceOnly
      scmIpSecurityRestrictionsUseMain: false
      linuxFxVersion: 'DOTNETCORE|10.0'
      // The published folder holds several assemblies: name the one to run instead of letting the platform guess.
      appCommandLine: 'dotnet SupportBot.Bot.dll'
      alwaysOn: true
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: concat(
        [
          {
            name: 'ASPNETCORE_ENVIRONMENT'
            value: 'Production'
          }
          {
            name: 'MicrosoftAppType'
            value: 'SingleTenant'
          }
          {
            name: 'MicrosoftAppId'
            value: microsoftAppId
          }
          {
            name: 'MicrosoftAppTenantId'
            value: microsoftAppTenantId
          }
          {
            // Table Storage by managed identity: the URI replaces the connection string (Azurite only).
            name: 'Storage__TableServiceUri'
            value: storage.properties.primaryEndpoints.table
          }
          {
            name: 'Storage__ConnectionString'
            value: ''
          }
          {
            // Lets DefaultAzureCredential pick the user-assigned identity.
            name: 'AZURE_CLIENT_ID'
            value: identity.properties.clientId
          }
          {
            name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
            value: appInsights.properties.ConnectionString
          }
          {
            // Health checks remove an instance after this many failed probes (2-10).
            name: 'WEBSITE_HEALTHCHECK_MAXPINGFAILURES'
            value: '3'
          }
          {
            // Resolved by App Service with the identity above; the key itself never appears here.
            name: 'Privacy__PseudonymKey'
            value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${pseudonymKeySecretName})'
          }
          {
            name: 'Telemetry__HmacKey'
            value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${telemetryHmacKeySecretName})'
          }
        ],
        useAppSecret
          ? [
              {
                // Resolved by App Service with the identity above; the secret itself never appears here.
                name: 'MicrosoftAppPassword'
                value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${appPasswordSecretName})'
              }
            ]
          : [
              {
                // Federated credentials: the bot presents this identity's token instead of a secret.
                name: 'MicrosoftAppClientId'
                value: identity.properties.clientId
              }
            ],
        expirySettings,
        hardeningSettings,
        adviserSettings,
        managerSettings,
        tenantSettings
      )
    }
  }
  dependsOn: [
    // The app's first start must already have its data and secret permissions.
    storageTableRole
    keyVaultSecretsRole
    auditAppenderAssignment
    metricsPublisherRole
    storageTableDns
    auditTableDns
    keyVaultDns
    appPasswordSecret
  ]
}

// Deployments go through Entra (az webapp deploy); publishing with user names and passwords is off.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: webApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: webApp
  name: 'scm'
  properties: {
    allow: false
  }
}

// ---------------------------------------------------------------------------------------------
// Network and hardening (issue 18): a virtual network with one subnet for the web app's outbound traffic (VNet
// integration) and one for private endpoints; storage, the audit storage and Key Vault answer only there.
// ---------------------------------------------------------------------------------------------

var botServiceOnly = [
  {
    name: 'AzureBotService'
    description: 'The Bot Connector posts activities to /api/messages.'
    action: 'Allow'
    priority: 100
    tag: 'ServiceTag'
    ipAddress: 'AzureBotService'
  }
]

var hardeningSettings = [
  {
    // The audit's own account: the app may insert and read entities there, delete them past retention, never update.
    name: 'Storage__AuditTableServiceUri'
    value: auditStorage.properties.primaryEndpoints.table
  }
  {
    // Application Insights takes Entra tokens only (DisableLocalAuth).
    name: 'ApplicationInsights__UseEntraAuthentication'
    value: 'true'
  }
]

resource vnet 'Microsoft.Network/virtualNetworks@2024-01-01' = {
  name: 'vnet-${namePrefix}-${suffix}'
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        vnetAddressPrefix
      ]
    }
    subnets: [
      {
        name: 'snet-app'
        properties: {
          addressPrefix: cidrSubnet(vnetAddressPrefix, 26, 0)
          delegations: [
            {
              name: 'web'
              properties: {
                serviceName: 'Microsoft.Web/serverFarms'
              }
            }
          ]
        }
      }
      {
        name: 'snet-private-endpoints'
        properties: {
          addressPrefix: cidrSubnet(vnetAddressPrefix, 26, 1)
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

resource appSubnet 'Microsoft.Network/virtualNetworks/subnets@2024-01-01' existing = {
  parent: vnet
  name: 'snet-app'
}

resource endpointSubnet 'Microsoft.Network/virtualNetworks/subnets@2024-01-01' existing = {
  parent: vnet
  name: 'snet-private-endpoints'
}

resource tableDnsZone 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.table.${environment().suffixes.storage}'
  location: 'global'
  tags: tags
}

resource tableDnsLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: tableDnsZone
  name: 'link-${vnet.name}'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
}

resource keyVaultDnsZone 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.vaultcore.azure.net'
  location: 'global'
  tags: tags
}

resource keyVaultDnsLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: keyVaultDnsZone
  name: 'link-${vnet.name}'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
}

resource storageTableEndpoint 'Microsoft.Network/privateEndpoints@2024-01-01' = {
  name: 'pe-${storage.name}-table'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: endpointSubnet.id
    }
    privateLinkServiceConnections: [
      {
        name: 'table'
        properties: {
          privateLinkServiceId: storage.id
          groupIds: [
            'table'
          ]
        }
      }
    ]
  }
}

resource storageTableDns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-01-01' = {
  parent: storageTableEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'table'
        properties: {
          privateDnsZoneId: tableDnsZone.id
        }
      }
    ]
  }
}

resource auditTableEndpoint 'Microsoft.Network/privateEndpoints@2024-01-01' = {
  name: 'pe-${auditStorage.name}-table'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: endpointSubnet.id
    }
    privateLinkServiceConnections: [
      {
        name: 'table'
        properties: {
          privateLinkServiceId: auditStorage.id
          groupIds: [
            'table'
          ]
        }
      }
    ]
  }
}

resource auditTableDns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-01-01' = {
  parent: auditTableEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'table'
        properties: {
          privateDnsZoneId: tableDnsZone.id
        }
      }
    ]
  }
}

resource keyVaultEndpoint 'Microsoft.Network/privateEndpoints@2024-01-01' = {
  name: 'pe-${keyVault.name}'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: endpointSubnet.id
    }
    privateLinkServiceConnections: [
      {
        name: 'vault'
        properties: {
          privateLinkServiceId: keyVault.id
          groupIds: [
            'vault'
          ]
        }
      }
    ]
  }
}

resource keyVaultDns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-01-01' = {
  parent: keyVaultEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'vault'
        properties: {
          privateDnsZoneId: keyVaultDnsZone.id
        }
      }
    ]
  }
}

// Application Insights with local authentication off: the app sends telemetry with its identity.
resource metricsPublisherRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identity.id, monitoringMetricsPublisherRoleId)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------------
// Audit (issue 18): its own storage account and table, provisioned here, where the app's identity holds a custom
// role that may insert, read and delete entities (delete for the retention sweep of events past the audit period,
// issue 16), never update them. Storage Table Data Contributor on the main account does not reach it, so no code path
// (or bug) in the app can rewrite an audit event.
// ---------------------------------------------------------------------------------------------

resource auditStorage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: auditStorageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    accessTier: 'Hot'
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'None'
    }
  }
}

resource auditTableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: auditStorage
  name: 'default'
}

resource auditTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: auditTableService
  name: auditTableName
}

resource auditAppenderRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'supportbot-audit-appender')
  properties: {
    roleName: 'SupportBot audit appender (${resourceGroup().name})'
    description: 'Insert and read audit events, delete them past the audit retention period (the retention sweep); never update them.'
    type: 'CustomRole'
    assignableScopes: [
      resourceGroup().id
    ]
    permissions: [
      {
        actions: []
        notActions: []
        dataActions: [
          'Microsoft.Storage/storageAccounts/tableServices/tables/entities/add/action'
          'Microsoft.Storage/storageAccounts/tableServices/tables/entities/read'
          // Retention only (AuditRepository.SweepAsync deletes events older than Support:RetentionDays); no write/update.
          'Microsoft.Storage/storageAccounts/tableServices/tables/entities/delete'
        ]
        notDataActions: []
      }
    ]
  }
}

resource auditAppenderAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(auditTable.id, identity.id, auditAppenderRole.id)
  scope: auditTable
  properties: {
    roleDefinitionId: auditAppenderRole.id
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------------
// Azure Bot: single tenant, Teams channel, messages to the web app.
// ---------------------------------------------------------------------------------------------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: 'bot-${namePrefix}-${suffix}'
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: 'SupportBot'
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: microsoftAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: microsoftAppTenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------

@description('The bot\'s messaging endpoint, as registered on the Azure Bot.')
output botEndpoint string = bot.properties.endpoint

@description('Name of the web app: deploy the bot with `az webapp deploy -n <this> -g <resource group>`.')
output webAppName string = webApp.name

@description('Resource id of the web app (the toolkit\'s azureAppService/zipDeploy in m365agents.yml).')
output webAppResourceId string = webApp.id

@description('Host name of the web app (pass it to scripts/package-app.sh --domain).')
output webAppHostName string = webApp.properties.defaultHostName

@description('Name of the Azure Bot resource.')
output botName string = bot.name

@description('The Key Vault that holds the pseudonym and telemetry keys (PseudonymKey, TelemetryHmacKey) and, with useAppSecret, the bot\'s client secret (MicrosoftAppPassword).')
output keyVaultName string = keyVault.name

@description('Object (principal) id of the user-assigned identity: the subject of the app registration\'s federated credential (docs/deploy.md).')
output identityPrincipalId string = identity.properties.principalId

@description('Client id of the user-assigned identity (app setting MicrosoftAppClientId).')
output identityClientId string = identity.properties.clientId

@description('Table endpoint of the storage account (app setting Storage__TableServiceUri).')
output tableServiceUri string = storage.properties.primaryEndpoints.table
