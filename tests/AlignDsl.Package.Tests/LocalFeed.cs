namespace AlignDsl.Package.Tests;

/// <summary>
/// This repository's packages, packed from the built projects into a folder under a unique prerelease version, so no
/// AlignDsl package an earlier run left in the global packages folder can stand in for them. Dispose removes the
/// folder and that version's entries from the global packages folder.
/// </summary>
internal sealed class LocalFeed : IDisposable
{
    public static readonly string[] Projects = ["src/AlignDsl/AlignDsl.csproj", "src/AlignDsl.Testing/AlignDsl.Testing.csproj", "templates/AlignDsl.Templates.csproj"];
    private static readonly string[] PackageIds = ["AlignDsl", "AlignDsl.Testing", "AlignDsl.Templates"];

    public string Folder { get; }
    public string Version { get; } = $"0.0.0-ci.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    /// <summary>The global packages folder this machine restores into, reused so that TorchSharp is not downloaded again.</summary>
    public static string GlobalPackages { get; } = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
        ? custom
        : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    public LocalFeed(string folder) => Folder = folder;

    /// <summary>Packs the three packages in one MSBuild run, without building (the projects are built with this one).</summary>
    public DotNet.Result Pack()
    {
        Directory.CreateDirectory(Folder);
        var traversal = System.IO.Path.Combine(Folder, "..", "pack.proj");
        var projects = string.Join(";", Projects.Select(Repository.Path));
        File.WriteAllText(traversal, $"""
            <Project>
              <Target Name="Pack">
                <MSBuild Projects="{projects}" Targets="Pack"
                         Properties="NoBuild=true;_IsPacking=true;Configuration={Repository.Configuration};Version={Version};PackageOutputPath={Folder}" />
              </Target>
            </Project>
            """);
        return DotNet.Run(Repository.Root, $"msbuild \"{traversal}\" -t:Pack -nologo -v:m -nodeReuse:false", TimeSpan.FromMinutes(3));
    }

    public IEnumerable<string> Packages => Directory.EnumerateFiles(Folder, "*.nupkg").Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal)!;

    /// <summary>A nuget.config with this feed, the global packages folder and nuget.org, and nothing inherited.</summary>
    public void WriteNuGetConfig(string directory) => File.WriteAllText(System.IO.Path.Combine(directory, "nuget.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="local" value="{Folder}" />
            <add key="global-packages" value="{GlobalPackages}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
        </configuration>
        """);

    public void Dispose()
    {
        foreach (var id in PackageIds)
        {
            var folder = System.IO.Path.Combine(GlobalPackages, id.ToLowerInvariant());
            var entry = System.IO.Path.Combine(folder, Version);
            if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
        }
    }
}
