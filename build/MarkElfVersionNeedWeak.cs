using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Sets VER_FLG_WEAK on one version requirement (an Elf64_Vernaux of .gnu.version_r) of ELF64
/// little-endian shared libraries, when the system library does not provide that version.
/// Idempotent: a file already marked is left as it is.
/// </summary>
public sealed class MarkElfVersionNeedWeak : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string VersionName { get; set; } = "";
    [Required] public string SystemLibrary { get; set; } = "";

    public override bool Execute()
    {
        if (!File.Exists(SystemLibrary) || ContainsAscii(File.ReadAllBytes(SystemLibrary), VersionName))
        {
            Log.LogMessage(MessageImportance.Low, "{0} provides {1} (or is absent): no fix-up needed.", SystemLibrary, VersionName);
            return true;
        }
        foreach (var item in Files)
        {
            var path = item.ItemSpec;
            var bytes = File.ReadAllBytes(path);
            var result = MarkWeak(bytes, VersionName);
            if (result == null) { Log.LogWarning("{0}: not an ELF64 little-endian file with a .gnu.version_r section; left as is.", path); continue; }
            if (result == true) { File.WriteAllBytes(path, bytes); Log.LogMessage(MessageImportance.Normal, "Marked {0} weak in {1}", VersionName, path); }
        }
        return !Log.HasLoggedErrors;
    }

    private static bool ContainsAscii(byte[] haystack, string needle)
    {
        var pattern = Encoding.ASCII.GetBytes(needle + "\0");
        for (var i = 0; i + pattern.Length <= haystack.Length; i++)
        {
            var j = 0;
            while (j < pattern.Length && haystack[i + j] == pattern[j]) j++;
            if (j == pattern.Length) return true;
        }
        return false;
    }

    /// <returns>true when changed, false when already weak or not required, null when not parsable.</returns>
    private static bool? MarkWeak(byte[] elf, string versionName)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
            return null;
        var sectionHeaders = (long)BitConverter.ToUInt64(elf, 0x28);
        int entrySize = BitConverter.ToUInt16(elf, 0x3A), count = BitConverter.ToUInt16(elf, 0x3C);
        for (var i = 0; i < count; i++)
        {
            var header = (int)(sectionHeaders + (long)i * entrySize);
            if (BitConverter.ToUInt32(elf, header + 4) != ShtGnuVerneed) continue;
            var offset = (int)BitConverter.ToUInt64(elf, header + 0x18);
            var link = BitConverter.ToUInt32(elf, header + 0x28);
            var strings = (int)BitConverter.ToUInt64(elf, (int)(sectionHeaders + link * entrySize) + 0x18);
            var needs = (int)BitConverter.ToUInt32(elf, header + 0x2C);
            for (int n = 0, need = offset; n < needs; n++)
            {
                int auxCount = BitConverter.ToUInt16(elf, need + 2);
                var aux = need + (int)BitConverter.ToUInt32(elf, need + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    var name = ReadCString(elf, strings + (int)BitConverter.ToUInt32(elf, aux + 8));
                    if (name == versionName)
                    {
                        var flags = BitConverter.ToUInt16(elf, aux + 4);
                        if ((flags & VerFlagWeak) != 0) return false;
                        BitConverter.GetBytes((ushort)(flags | VerFlagWeak)).CopyTo(elf, aux + 4);
                        return true;
                    }
                    aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                }
                need += (int)BitConverter.ToUInt32(elf, need + 12);
            }
            return false;
        }
        return null;
    }

    private static string ReadCString(byte[] bytes, int start)
    {
        var end = start;
        while (end < bytes.Length && bytes[end] != 0) end++;
        return Encoding.ASCII.GetString(bytes, start, end - start);
    }
}
