using System.Globalization;

namespace AlignDsl.Reporting;

/// <summary>This process's resident memory from /proc/self/status (Linux): now (VmRSS) and at its peak (VmHWM); null elsewhere.</summary>
public static class ProcessMemory
{
    public static long? CurrentResidentBytes => Read("VmRSS:");

    public static long? PeakResidentBytes => Read("VmHWM:");

    private static long? Read(string key)
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return null;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line is null ? null : long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
