using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace SupportBot.Bot.Hosting;

internal static class RootAppSettings
{
    /// <summary>
    /// The repository's one <c>appsettings.json</c> sits at its root and is copied next to the binary.
    /// It goes first among the sources, so environment variables and command-line values still override it,
    /// whatever the working directory.
    /// </summary>
    public static void AddRootAppSettings(this IConfigurationManager configuration)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (!File.Exists(path))
        {
            return;
        }

        configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            Path = "appsettings.json",
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Optional = false,
            ReloadOnChange = false,
        });
    }
}
