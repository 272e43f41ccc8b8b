namespace AlignDsl.Hosting;

/// <summary>A parsed command line: a verb, its positional arguments, and its <c>--name value</c> options.</summary>
internal sealed record CommandLine(string Verb, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string?> Options)
{
    private static readonly HashSet<string> Flags = ["json", "help", "prune"];

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help") { options["help"] = null; continue; }
            if (!arg.StartsWith("--", StringComparison.Ordinal)) { positional.Add(arg); continue; }
            var name = arg[2..];
            var equals = name.IndexOf('=');
            if (equals >= 0) options[name[..equals]] = name[(equals + 1)..];
            else if (Flags.Contains(name)) options[name] = null;
            // A missing value is reported once the verb's options are known, so an unknown last flag reads as unknown.
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) options[name] = args[++i];
            else options[name] = null;
        }
        return new CommandLine(positional.Count > 0 ? positional[0] : "", positional.Skip(1).ToList(), options);
    }

    public bool Has(string option) => Options.ContainsKey(option);

    public string? Get(string option) => Options.TryGetValue(option, out var value) ? value : null;

    public int? GetInt(string option)
    {
        var value = Get(option);
        if (value is null) return null;
        return int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number : throw new UsageException($"--{option} takes a whole number (got '{value}').");
    }

    /// <summary>Rejects options the verb does not know, so a typo is an error and not a silent default.</summary>
    public void Allow(params string[] known)
    {
        var unknown = Options.Keys.Where(k => !known.Contains(k, StringComparer.OrdinalIgnoreCase) && k != "help").ToList();
        if (unknown.Count > 0) throw new UsageException($"Unknown option{(unknown.Count > 1 ? "s" : "")}: {string.Join(", ", unknown.Select(u => "--" + u))}.");
        var missing = Options.Where(o => o.Value is null && !Flags.Contains(o.Key) && !IsOptionalValue(o.Key)).Select(o => o.Key).FirstOrDefault();
        if (missing is not null) throw new UsageException($"Option --{missing} needs a value.");
    }

    /// <summary><c>--resume</c> alone means <c>--resume latest</c>.</summary>
    private static bool IsOptionalValue(string option) => option == "resume";
}

/// <summary>A command line the host cannot act on; the message says why.</summary>
internal sealed class UsageException(string message) : Exception(message);
