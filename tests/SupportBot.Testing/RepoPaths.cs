namespace SupportBot.Testing;

/// <summary>Finds the repository root (the folder with SupportBot.sln) from a test's output folder.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SupportBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("SupportBot.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => s_root.Value;

    public static string NodeModulesBin(string tool) => Path.Combine(Root, "node_modules", ".bin", tool);
}
