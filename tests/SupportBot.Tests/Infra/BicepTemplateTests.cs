using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SupportBot.Bot.Options;

namespace SupportBot.Tests.Infra;

/// <summary>infra/: compiles clean with the Bicep CLI and its linter, and describes the deployment the README promises.</summary>
public sealed partial class BicepTemplateTests(BicepFixture bicep) : IClassFixture<BicepFixture>
{
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    [Fact]
    public void BicepBuild_MainTemplate_CompilesWithZeroWarnings()
    {
        Assert.True(bicep.Build.ExitCode == 0, bicep.Build.ToString());
        Assert.Equal("", bicep.Build.StdErr.Trim());
    }

    [Fact]
    public void BicepBuildParams_ExampleParameters_CompileWithZeroWarnings()
    {
        Assert.True(bicep.BuildParams.ExitCode == 0, bicep.BuildParams.ToString());
        Assert.Equal("", bicep.BuildParams.StdErr.Trim());
        var output = JsonNode.Parse(bicep.BuildParams.StdOut)!;
        var parameters = JsonNode.Parse(output["parametersJson"]!.GetValue<string>())!["parameters"]!.AsObject();
        Assert.Contains("microsoftAppId", parameters.Select(p => p.Key));
        // Read from MICROSOFT_APP_PASSWORD at deployment time, never written in the file.
        Assert.Equal("", parameters["microsoftAppPassword"]!["value"]!.GetValue<string>());
        // The example deploys without any secret.
        Assert.False(parameters["useAppSecret"]!["value"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Linter_OnABadTemplateWithTheRepositoryConfig_ReportsWarnings()
    {
        // "Zero warnings" above means something only if the linter runs with infra/bicepconfig.json.
        var folder = Directory.CreateTempSubdirectory("supportbot-bicep-").FullName;
        try
        {
            File.Copy(Path.Combine(BicepFixture.InfraFolder, "bicepconfig.json"), Path.Combine(folder, "bicepconfig.json"));
            var file = Path.Combine(folder, "bad.bicep");
            await File.WriteAllTextAsync(file, "param unused string\nvar where = 'westeurope'\noutput location string = where\n");

            var run = await BicepFixture.RunAsync("build", file, "--stdout");

            Assert.Contains("Warning no-unused-params", run.StdErr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Template_DeclaresEveryResourceOfTheDeployment()
    {
        var types = Resources().Select(r => r["type"]!.GetValue<string>()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Superset(
            new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "Microsoft.BotService/botServices",
                "Microsoft.BotService/botServices/channels",
                "Microsoft.Web/serverfarms",
                "Microsoft.Web/sites",
                "Microsoft.Storage/storageAccounts",
                "Microsoft.ManagedIdentity/userAssignedIdentities",
                "Microsoft.Authorization/roleAssignments",
                "Microsoft.OperationalInsights/workspaces",
                "Microsoft.Insights/components",
                "Microsoft.KeyVault/vaults",
            },
            types);
    }

    [Fact]
    public void StorageAccount_IsStorageV2WithTls12NoPublicBlobsAndNoSharedKeys()
    {
        // The main account ("storage"); the audit's own account is checked in BicepHardeningTests.
        var storage = bicep.Template["resources"]!["storage"]!.AsObject();
        Assert.Equal("StorageV2", storage["kind"]!.GetValue<string>());
        var properties = storage["properties"]!;
        Assert.Equal("TLS1_2", properties["minimumTlsVersion"]!.GetValue<string>());
        Assert.False(properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.False(properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.True(properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
    }

    [Fact]
    public void Template_NeverReadsOrHandsOutAStorageKey()
    {
        var text = bicep.Build.StdOut;
        Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listKeys", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void RoleAssignment_GivesTheAppsIdentityStorageTableDataContributorOnTheStorageAccount()
    {
        var assignment = RoleAssignment(StorageTableDataContributor);
        Assert.Contains("Microsoft.Storage/storageAccounts", assignment["scope"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal($"[reference('{SymbolOf("Microsoft.ManagedIdentity/userAssignedIdentities")}').principalId]", assignment["properties"]!["principalId"]!.GetValue<string>());
        Assert.Equal("ServicePrincipal", assignment["properties"]!["principalType"]!.GetValue<string>());
    }

    [Fact]
    public void WebApp_IsLinuxDotnet10HttpsOnlyAlwaysOnWithHealthCheckOnHealthz()
    {
        var site = Single("Microsoft.Web/sites");
        var properties = site["properties"]!;
        var config = properties["siteConfig"]!;
        Assert.Equal("DOTNETCORE|10.0", config["linuxFxVersion"]!.GetValue<string>());
        Assert.Equal("/healthz", config["healthCheckPath"]!.GetValue<string>());
        Assert.Equal($"dotnet {typeof(SupportOptions).Assembly.GetName().Name}.dll", config["appCommandLine"]!.GetValue<string>());
        Assert.True(config["alwaysOn"]!.GetValue<bool>());
        Assert.True(properties["httpsOnly"]!.GetValue<bool>());
        Assert.Contains("linux", site["kind"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(Single("Microsoft.Web/serverfarms")["properties"]!["reserved"]!.GetValue<bool>());
        Assert.Equal("UserAssigned", site["identity"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void WebApp_AppSettingsConfigureTheBotStorageByIdentityAndTelemetry()
    {
        var settings = AppSettings();
        Assert.Equal("'SingleTenant'", settings["MicrosoftAppType"]);
        Assert.Equal("parameters('microsoftAppId')", settings["MicrosoftAppId"]);
        Assert.Equal("parameters('microsoftAppTenantId')", settings["MicrosoftAppTenantId"]);
        Assert.Equal($"reference('storage').primaryEndpoints.table", settings["Storage__TableServiceUri"]);
        Assert.Equal("''", settings["Storage__ConnectionString"]);
        Assert.Equal($"reference('{SymbolOf("Microsoft.ManagedIdentity/userAssignedIdentities")}').clientId", settings["AZURE_CLIENT_ID"]);
        Assert.Equal($"reference('{SymbolOf("Microsoft.Insights/components")}').ConnectionString", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
    }

    [Fact]
    public void AdviserManagerAndTenantParameters_BecomeTheBotsSupportSettings()
    {
        // Named from the options classes, so a renamed setting breaks this test rather than a deployment.
        string[] names =
        [
            $"{SupportOptions.SectionName}__{nameof(SupportOptions.Advisers)}__{{0}}__{nameof(AdviserOptions.AadObjectId)}",
            $"{SupportOptions.SectionName}__{nameof(SupportOptions.Managers)}__{{0}}__{nameof(ManagerOptions.AadObjectId)}",
            $"{SupportOptions.SectionName}__{nameof(SupportOptions.Advisers)}__{{0}}__{nameof(AdviserOptions.TenantId)}",
            $"{SupportOptions.SectionName}__{nameof(SupportOptions.Managers)}__{{0}}__{nameof(ManagerOptions.TenantId)}",
            $"{SupportOptions.SectionName}__{nameof(SupportOptions.Managers)}__{{0}}__{nameof(ManagerOptions.Organisation)}",
            $"{SupportOptions.SectionName}__{nameof(SupportOptions.Tenants)}__{{0}}__{nameof(TenantOptions.TenantId)}",
            $"{SupportOptions.SectionName}__{nameof(SupportOptions.Tenants)}__{{0}}__{nameof(TenantOptions.Organisations)}__{{1}}",
        ];
        Assert.All(names, name => Assert.Contains($"format('{name}', ", bicep.Build.StdOut, StringComparison.Ordinal));
        var appSettings = Single("Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!.GetValue<string>();
        Assert.EndsWith("variables('adviserSettings'), variables('managerSettings'), variables('tenantSettings'))]", appSettings, StringComparison.Ordinal);
    }

    [Fact]
    public void AppSecret_LivesInKeyVaultAndReachesTheAppOnlyAsAKeyVaultReference()
    {
        Assert.Equal("securestring", bicep.Template["parameters"]!["microsoftAppPassword"]!["type"]!.GetValue<string>());
        Assert.StartsWith("format('@Microsoft.KeyVault(VaultName=", AppSettings()["MicrosoftAppPassword"], StringComparison.Ordinal);

        var secret = Assert.Single(Secrets(), s => s["properties"]!["value"]!.GetValue<string>() == "[parameters('microsoftAppPassword')]");
        // Only on request; then written only when given, so a later deployment without it keeps the stored one.
        Assert.Equal("[and(parameters('useAppSecret'), not(empty(parameters('microsoftAppPassword'))))]", secret["condition"]!.GetValue<string>());
        Assert.True(Single("Microsoft.KeyVault/vaults")["properties"]!["enableRbacAuthorization"]!.GetValue<bool>());
        RoleAssignment(KeyVaultSecretsUser);

        var usesOfSecret = MicrosoftAppPasswordUse().Count(bicep.Build.StdOut);
        Assert.Equal(2, usesOfSecret); // the secret's value and its condition: never an output or an app setting
    }

    [Fact]
    public void Credentials_ByDefault_NoSecretAndTheIdentitysClientIdAsMicrosoftAppClientId()
    {
        Assert.False(bicep.Template["parameters"]!["useAppSecret"]!["defaultValue"]!.GetValue<bool>());
        // Key Vault and its role exist always (the pseudonym keys live there); the client secret only with useAppSecret (see the test above).
        Assert.Null(Single("Microsoft.KeyVault/vaults")["condition"]);
        Assert.Null(RoleAssignment(KeyVaultSecretsUser)["condition"]);

        // The settings choose between the two credentials on useAppSecret: false gives the client id and no password.
        var appSettings = Single("Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!.GetValue<string>();
        var choice = appSettings.IndexOf("if(parameters('useAppSecret'), ", StringComparison.Ordinal);
        Assert.True(choice >= 0, appSettings);
        var whenFalse = appSettings[appSettings.IndexOf("createObject('name', 'MicrosoftAppClientId'", choice, StringComparison.Ordinal)..];
        Assert.DoesNotContain("MicrosoftAppPassword", whenFalse, StringComparison.Ordinal);
        Assert.Equal($"reference('{SymbolOf("Microsoft.ManagedIdentity/userAssignedIdentities")}').clientId", AppSettings()[nameof(BotCredentialsOptions.MicrosoftAppClientId)]);
        Assert.Single(AppSettings(), s => s.Key == "MicrosoftAppPassword");

        // The deployer needs the identity to add the federated credential (docs/deploy.md).
        var outputs = bicep.Template["outputs"]!.AsObject();
        Assert.Contains("identityPrincipalId", outputs.Select(o => o.Key));
        Assert.Contains("identityClientId", outputs.Select(o => o.Key));
    }

    [Theory]
    [InlineData("pseudonymKey", "Privacy__PseudonymKey", "PseudonymKey")]
    [InlineData("telemetryHmacKey", "Telemetry__HmacKey", "TelemetryHmacKey")]
    public void PseudonymKeys_LiveInKeyVaultAndReachTheAppOnlyAsKeyVaultReferences(string parameter, string setting, string secretName)
    {
        Assert.Equal("securestring", bicep.Template["parameters"]![parameter]!["type"]!.GetValue<string>());
        var secret = Assert.Single(Secrets(), s => s["properties"]!["value"]!.GetValue<string>() == $"[parameters('{parameter}')]");
        // Written only when given: a later deployment without the key keeps the stored one (a new key would unlink old pseudonyms).
        Assert.Equal($"[not(empty(parameters('{parameter}')))]", secret["condition"]!.GetValue<string>());
        Assert.EndsWith($", {secretName})]", ResolveVariables(secret["name"]!.GetValue<string>()), StringComparison.Ordinal);

        var reference = ResolveVariables(AppSettings()[setting]);
        Assert.StartsWith("format('@Microsoft.KeyVault(VaultName=", reference, StringComparison.Ordinal);
        Assert.Contains(secretName, reference, StringComparison.Ordinal);
        // The key's only uses: the secret's value and its condition, never an output or an app setting.
        Assert.Single(Regex.Matches(bicep.Build.StdOut, $@"parameters\('{parameter}'\)"), m => !bicep.Build.StdOut[..m.Index].EndsWith("empty(", StringComparison.Ordinal));
        RoleAssignment(KeyVaultSecretsUser);
    }

    [Fact]
    public void ExpirySetting_OnlyWithAnAppSecret() =>
        Assert.StartsWith("[if(or(not(parameters('useAppSecret')), empty(parameters('appCredentialExpiresOn')))", bicep.Template["variables"]!["expirySettings"]!.GetValue<string>(), StringComparison.Ordinal);

    [Fact]
    public void Bot_IsSingleTenantOnTheWebAppsMessagesEndpointWithTeamsEnabled()
    {
        var bot = Single("Microsoft.BotService/botServices");
        var properties = bot["properties"]!;
        Assert.Equal("global", bot["location"]!.GetValue<string>());
        Assert.Equal("SingleTenant", properties["msaAppType"]!.GetValue<string>());
        Assert.Equal("[parameters('microsoftAppId')]", properties["msaAppId"]!.GetValue<string>());
        Assert.Equal("[parameters('microsoftAppTenantId')]", properties["msaAppTenantId"]!.GetValue<string>());
        Assert.Equal($"[format('https://{{0}}/api/messages', reference('{SymbolOf("Microsoft.Web/sites")}').defaultHostName)]", properties["endpoint"]!.GetValue<string>());

        var teams = Single("Microsoft.BotService/botServices/channels");
        Assert.Equal("MsTeamsChannel", teams["properties"]!["channelName"]!.GetValue<string>());
        Assert.True(teams["properties"]!["properties"]!["isEnabled"]!.GetValue<bool>());
    }

    [Fact]
    public void Monitoring_ApplicationInsightsSendsToTheLogAnalyticsWorkspace() =>
        Assert.Equal(
            $"[resourceId('Microsoft.OperationalInsights/workspaces', format('log-{{0}}-{{1}}', parameters('namePrefix'), variables('suffix')))]",
            Single("Microsoft.Insights/components")["properties"]!["WorkspaceResourceId"]!.GetValue<string>());

    [Fact]
    public void Outputs_GiveTheBotEndpointAndTheWebAppName()
    {
        var outputs = bicep.Template["outputs"]!.AsObject();
        Assert.Contains("botEndpoint", outputs.Select(o => o.Key));
        Assert.Contains("webAppName", outputs.Select(o => o.Key));
        Assert.DoesNotContain(outputs, o => o.Value!.ToJsonString().Contains("microsoftAppPassword", StringComparison.Ordinal));
    }

    [Fact]
    public void Parameters_EachHasADescription() =>
        Assert.All(bicep.Template["parameters"]!.AsObject(), p =>
            Assert.False(string.IsNullOrWhiteSpace(p.Value!["metadata"]?["description"]?.GetValue<string>()), p.Key + " has no @description"));

    private IEnumerable<JsonObject> Resources()
    {
        Assert.True(bicep.Build.ExitCode == 0, bicep.Build.ToString());
        // Templates with user-defined types (languageVersion 2.0) key resources by symbolic name.
        return bicep.Template["resources"] switch
        {
            JsonObject byName => byName.Select(p => p.Value!.AsObject()),
            JsonArray list => list.Select(r => r!.AsObject()),
            _ => [],
        };
    }

    private JsonObject Single(string type) =>
        Assert.Single(Resources(), r => string.Equals(r["type"]!.GetValue<string>(), type, StringComparison.OrdinalIgnoreCase));

    private string SymbolOf(string type) =>
        bicep.Template["resources"]!.AsObject().Single(p => string.Equals(p.Value!["type"]!.GetValue<string>(), type, StringComparison.OrdinalIgnoreCase)).Key;

    private IEnumerable<JsonObject> Secrets() =>
        Resources().Where(r => string.Equals(r["type"]!.GetValue<string>(), "Microsoft.KeyVault/vaults/secrets", StringComparison.OrdinalIgnoreCase));

    private JsonObject RoleAssignment(string roleId) =>
        Assert.Single(Resources(), r => r["type"]!.GetValue<string>() == "Microsoft.Authorization/roleAssignments"
            && ResolveVariables(r["properties"]!["roleDefinitionId"]!.GetValue<string>()).Contains(roleId, StringComparison.Ordinal));

    /// <summary>Replaces each variables('x') whose value is a plain string by that string.</summary>
    private string ResolveVariables(string expression) =>
        VariableReference().Replace(expression, m => bicep.Template["variables"]?[m.Groups[1].Value] is JsonValue v
            && v.TryGetValue<string>(out var text) ? text : m.Value);

    /// <summary>
    /// App setting name → the template expression of its value. The settings compile into one
    /// concat(createArray(createObject('name', N, 'value', V), ...), ...) expression; V may nest calls and quoted text.
    /// </summary>
    private Dictionary<string, string> AppSettings()
    {
        var expression = Single("Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!.GetValue<string>();
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        const string Prefix = "createObject('name', '";
        for (var at = expression.IndexOf(Prefix, StringComparison.Ordinal); at >= 0; at = expression.IndexOf(Prefix, at + 1, StringComparison.Ordinal))
        {
            var nameStart = at + Prefix.Length;
            var nameEnd = expression.IndexOf('\'', nameStart);
            var valueStart = expression.IndexOf("'value', ", nameEnd, StringComparison.Ordinal) + "'value', ".Length;
            var (depth, quoted, i) = (0, false, valueStart);
            for (; i < expression.Length; i++)
            {
                var c = expression[i];
                if (c == '\'')
                {
                    quoted = !quoted; // '' inside a string toggles twice
                }
                else if (!quoted && c == '(')
                {
                    depth++;
                }
                else if (!quoted && c == ')' && depth-- == 0)
                {
                    break;
                }
            }

            settings[expression[nameStart..nameEnd]] = expression[valueStart..i];
        }

        return settings;
    }

    [GeneratedRegex(@"variables\('([A-Za-z0-9]+)'\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"parameters\('microsoftAppPassword'\)")]
    private static partial Regex MicrosoftAppPasswordUse();
}
