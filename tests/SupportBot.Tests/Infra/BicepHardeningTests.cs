using System.Text.Json.Nodes;
using SupportBot.Storage.Tables;

namespace SupportBot.Tests.Infra;

/// <summary>
/// infra/main.bicep hardened (issue 18): storage, audit storage and Key Vault private only, Key Vault purge protection,
/// the web app reachable only from the Azure Bot Service, Application Insights by Entra only, and an audit the app can
/// append to but not rewrite. Read from the compiled template (the Bicep CLI's JSON).
/// </summary>
public sealed class BicepHardeningTests(BicepFixture bicep) : IClassFixture<BicepFixture>
{
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";

    private JsonObject Resources => bicep.Template["resources"]!.AsObject();

    private JsonNode Resource(string symbol) => Resources[symbol] ?? throw new Xunit.Sdk.XunitException($"no resource '{symbol}' in main.bicep");

    private IEnumerable<JsonNode> OfType(string type) =>
        Resources.Select(p => p.Value!).Where(r => string.Equals(r["type"]!.GetValue<string>(), type, StringComparison.OrdinalIgnoreCase));

    [Theory]
    [InlineData("storage", "table")]
    [InlineData("auditStorage", "table")]
    [InlineData("keyVault", "vault")]
    public void DataStores_NoPublicNetworkAccessAndAPrivateEndpointEach(string symbol, string groupId)
    {
        var properties = Resource(symbol)["properties"]!;
        Assert.Equal("Disabled", properties["publicNetworkAccess"]!.GetValue<string>());
        Assert.Equal("Deny", properties["networkAcls"]!["defaultAction"]!.GetValue<string>());

        var name = Resource(symbol)["name"]!.GetValue<string>();
        var target = symbol == "keyVault" ? "Microsoft.KeyVault/vaults" : "Microsoft.Storage/storageAccounts";
        var endpoint = Assert.Single(OfType("Microsoft.Network/privateEndpoints"), e =>
            e["properties"]!["privateLinkServiceConnections"]![0]!["properties"]!["privateLinkServiceId"]!.GetValue<string>() == $"[resourceId('{target}', {Unwrap(name)})]");
        Assert.Equal(groupId, endpoint["properties"]!["privateLinkServiceConnections"]![0]!["properties"]!["groupIds"]![0]!.GetValue<string>());
        Assert.Contains("snet-private-endpoints", endpoint["properties"]!["subnet"]!["id"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void PrivateDns_ZonesForTablesAndKeyVaultLinkedToTheNetworkAndUsedByEveryEndpoint()
    {
        var zones = OfType("Microsoft.Network/privateDnsZones").Select(z => z["name"]!.GetValue<string>()).ToList();
        Assert.Contains(zones, z => z.Contains("privatelink.table.", StringComparison.Ordinal));
        Assert.Contains("privatelink.vaultcore.azure.net", zones);
        Assert.Equal(2, OfType("Microsoft.Network/privateDnsZones/virtualNetworkLinks").Count());
        Assert.Equal(OfType("Microsoft.Network/privateEndpoints").Count(), OfType("Microsoft.Network/privateEndpoints/privateDnsZoneGroups").Count());
    }

    [Fact]
    public void KeyVault_HasPurgeProtectionAndSoftDelete()
    {
        var properties = Resource("keyVault")["properties"]!;
        Assert.True(properties["enablePurgeProtection"]!.GetValue<bool>());
        Assert.True(properties["enableSoftDelete"]!.GetValue<bool>());
    }

    [Fact]
    public void WebApp_IntegratedWithTheNetworkAndReachableOnlyFromTheBotServiceWithHealthCheckKept()
    {
        var properties = Resource("webApp")["properties"]!;
        var config = properties["siteConfig"]!;
        Assert.Contains("snet-app", properties["virtualNetworkSubnetId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(config["vnetRouteAllEnabled"]!.GetValue<bool>());
        Assert.Equal("Deny", config["ipSecurityRestrictionsDefaultAction"]!.GetValue<string>());
        Assert.Equal("/healthz", config["healthCheckPath"]!.GetValue<string>());

        var restrictions = Variable(config["ipSecurityRestrictions"]!.GetValue<string>()).AsArray();
        var rule = Assert.Single(restrictions)!;
        Assert.Equal(("ServiceTag", "AzureBotService", "Allow"), (rule["tag"]!.GetValue<string>(), rule["ipAddress"]!.GetValue<string>(), rule["action"]!.GetValue<string>()));

        var subnet = Resource("vnet")["properties"]!["subnets"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "snet-app")!;
        Assert.Equal("Microsoft.Web/serverFarms", subnet["properties"]!["delegations"]![0]!["properties"]!["serviceName"]!.GetValue<string>());
    }

    [Fact]
    public void ApplicationInsights_LocalAuthenticationOffAndTheIdentityPublishesMetrics()
    {
        Assert.True(Resource("appInsights")["properties"]!["DisableLocalAuth"]!.GetValue<bool>());
        var assignment = Assert.Single(OfType("Microsoft.Authorization/roleAssignments"), r => r["properties"]!["roleDefinitionId"]!.ToJsonString().Contains("monitoringMetricsPublisherRoleId", StringComparison.Ordinal));
        Assert.Equal(MonitoringMetricsPublisher, bicep.Template["variables"]!["monitoringMetricsPublisherRoleId"]!.GetValue<string>());
        Assert.Contains("Microsoft.Insights/components", assignment["scope"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("'true'", AppSettingsExpression(), StringComparison.Ordinal);
        Assert.Contains("'ApplicationInsights__UseEntraAuthentication', 'value', 'true'", AppSettingsExpression(), StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_OwnAccountAndTableWithAnInsertReadAndRetentionDeleteRoleForTheApp()
    {
        // Delete is there for retention alone (events past Support:RetentionDays, issue 16); nothing may update an event.
        var role = Resource("auditAppenderRole")["properties"]!;
        Assert.Equal("CustomRole", role["type"]!.GetValue<string>());
        var permissions = Assert.Single(role["permissions"]!.AsArray())!;
        Assert.Empty(permissions["actions"]!.AsArray());
        var dataActions = permissions["dataActions"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.Equal(
            ["Microsoft.Storage/storageAccounts/tableServices/tables/entities/add/action", "Microsoft.Storage/storageAccounts/tableServices/tables/entities/read", "Microsoft.Storage/storageAccounts/tableServices/tables/entities/delete"],
            dataActions);
        Assert.DoesNotContain(dataActions, a => a.EndsWith("/write", StringComparison.Ordinal) || a.Contains("/update", StringComparison.Ordinal) || a.Contains('*', StringComparison.Ordinal));

        var assignment = Resource("auditAppenderAssignment");
        Assert.Contains("Microsoft.Storage/storageAccounts/tableServices/tables", assignment["scope"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("auditStorageAccountName", assignment["scope"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("AuditEvents", bicep.Template["variables"]!["auditTableName"]!.GetValue<string>());
        Assert.Equal(StoredTables.AuditEvents, bicep.Template["variables"]!["auditTableName"]!.GetValue<string>());

        // The contributor role on the main account does not reach the audit's account, and the app is told where the audit is.
        var contributor = Assert.Single(OfType("Microsoft.Authorization/roleAssignments"), r => r["properties"]!["roleDefinitionId"]!.ToJsonString().Contains("storageTableDataContributorRoleId", StringComparison.Ordinal));
        Assert.Equal(StorageTableDataContributor, bicep.Template["variables"]!["storageTableDataContributorRoleId"]!.GetValue<string>());
        Assert.DoesNotContain("audit", contributor["scope"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("createObject('name', 'Storage__AuditTableServiceUri', 'value', reference('auditStorage').primaryEndpoints.table)", AppSettingsExpression(), StringComparison.Ordinal);
        Assert.False(Resource("auditStorage")["properties"]!["allowSharedKeyAccess"]!.GetValue<bool>());
    }

    private string AppSettingsExpression() => Resource("webApp")["properties"]!["siteConfig"]!["appSettings"]!.GetValue<string>();

    /// <summary>"[variables('x')]" → the variable's value.</summary>
    private JsonNode Variable(string expression)
    {
        Assert.StartsWith("[variables('", expression, StringComparison.Ordinal);
        return bicep.Template["variables"]![expression["[variables('".Length..^"')]".Length]]!;
    }

    /// <summary>A resource name expression "[variables('x')]" as it appears inside another expression: variables('x').</summary>
    private static string Unwrap(string name) => name.StartsWith('[') ? name[1..^1] : $"'{name}'";
}
