using System.Diagnostics;
using System.Text;

namespace AlignDsl.Package.Tests;

/// <summary>Runs the dotnet CLI as a user would, in a given folder, and collects what it prints.</summary>
internal static class DotNet
{
    /// <summary>Exit code, the interleaved output and the wall time of one command.</summary>
    public sealed record Result(string Command, int ExitCode, string Output, TimeSpan Elapsed)
    {
        public override string ToString() => $"`dotnet {Command}` exited with {ExitCode}:\n{Output}";
    }

    /// <param name="environment">Variables to set (a null value removes one) on top of the cleaned environment.</param>
    public static Result Run(string workingDirectory, string arguments, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The test host's MSBuild variables describe this repository's build, not the user's.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        // No build servers or reused nodes: they would outlive the test and hold its output pipes open.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        var clock = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"`dotnet {arguments}` ran longer than {timeout.TotalSeconds:0} s:\n{output}");
        }
        process.WaitForExit();
        lock (output) return new Result(arguments, process.ExitCode, output.ToString(), clock.Elapsed);
    }
}
