namespace AlignDsl.Running;

/// <summary>
/// Writes a folder under a temporary name and renames it into place, so a reader sees the old folder or the whole
/// new one, never half of one; a write that fails (a full disk) leaves the old folder as it was.
/// </summary>
public static class AtomicFolder
{
    public static void Write(string directory, Action<string> write)
    {
        var temporary = $"{directory}.tmp-{Guid.NewGuid():N}";
        try
        {
            Directory.CreateDirectory(temporary);
            write(temporary);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
        if (!Directory.Exists(directory))
        {
            Directory.Move(temporary, directory);
            return;
        }
        // Replacing: the old folder moves aside first, and goes only once the new one is in place.
        var old = $"{directory}.old-{Guid.NewGuid():N}";
        Directory.Move(directory, old);
        Directory.Move(temporary, directory);
        TryDelete(old);
    }

    /// <summary>Writes a file under a temporary name beside it, then renames it over the old one.</summary>
    public static void WriteFile(string path, Action<string> write)
    {
        var temporary = $"{path}.tmp-{Guid.NewGuid():N}";
        try
        {
            write(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            if (File.Exists(temporary)) File.Delete(temporary);
            throw;
        }
    }

    private static void TryDelete(string directory)
    {
        try { if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
