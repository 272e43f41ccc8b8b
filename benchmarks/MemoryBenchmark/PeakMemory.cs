namespace MemoryBenchmark;

/// <summary>Resident memory of this process from /proc/self/status (Linux): now (VmRSS) and at its peak (VmHWM).</summary>
internal static class PeakMemory
{
    public static bool Supported => File.Exists("/proc/self/status");

    public static long CurrentBytes => Read("VmRSS:");
    public static long PeakBytes => Read("VmHWM:");

    private static long Read(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0]) * 1024;
    }
}
