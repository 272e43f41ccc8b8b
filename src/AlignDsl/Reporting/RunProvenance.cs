using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AlignDsl.Running;

namespace AlignDsl.Reporting;

/// <summary>
/// What a run needs to be audited and repeated: every hyperparameter it used (declared defaults included, command-line
/// overrides applied and named), seed, device and precision, judge, data files with row counts and SHA-256, parent
/// runs, the AlignDsl version and the git commit of the project it ran from (where there is one).
/// </summary>
public sealed record RunProvenance(
    IReadOnlyList<Hyperparameter> Hyperparameters,
    IReadOnlyList<string> Overrides,
    int Seed,
    string Device,
    string Precision,
    JudgeInfo Judge,
    IReadOnlyList<DataFileInfo> DataFiles,
    IReadOnlyDictionary<string, string> Parents,
    string AlignDslVersion,
    string? GitCommit)
{
    /// <param name="dataFiles">The data files the run read (training and held out), as it tallied them.</param>
    public static RunProvenance Collect(ExperimentDescriptor experiment, RunOptions options, int seed, int steps, double? learningRate, int? batchSize,
        string device, IReadOnlyDictionary<string, string> parents, IEnumerable<string> dataFiles, double? beta = null)
    {
        var effective = new Dictionary<string, double> { ["Steps"] = steps, ["Seed"] = seed };
        if (learningRate is { } lr) effective["LearningRate"] = lr;
        if (batchSize is { } size) effective["BatchSize"] = size;
        if (beta is { } b && Running.BetaOverride.SettingOf(experiment) is { } betaSetting) effective[betaSetting] = b;
        var hyperparameters = experiment.Hyperparameters
            .Select(h => effective.TryGetValue(h.Name, out var value) ? h with { Value = value } : h).ToList();
        var overrides = experiment.Hyperparameters.Zip(hyperparameters).Where(p => p.First.Value != p.Second.Value).Select(p => p.First.Name).ToList();
        return new RunProvenance(hyperparameters, overrides, seed, device, experiment.Precision.ToString().ToLowerInvariant(), JudgeInfo.Of(options.Judge), Describe(dataFiles),
            new Dictionary<string, string>(parents), Version, GitCommitOf(Environment.CurrentDirectory))
        {
            Objective = experiment.Entry.Display,
            ObjectiveSettings = experiment.ObjectiveSettings(hyperparameters),
            ObjectiveSwitches = experiment.Switches,
            Rewards = experiment.Rewards,
        };
    }

    /// <summary>The objective's name as the catalogue gives it (<c>DPO</c>, <c>SimPO</c>, <c>reward model</c>).</summary>
    public string Objective { get; init; } = "";

    /// <summary>The objective's own settings as the run used them (β first where it has one), from <see cref="Hyperparameters"/>.</summary>
    public IReadOnlyList<Hyperparameter> ObjectiveSettings { get; init; } = [];

    /// <summary>The objective's on/off settings that were on.</summary>
    public IReadOnlyList<string> ObjectiveSwitches { get; init; } = [];

    /// <summary>The rewards of an online objective with their weights (empty for an offline one).</summary>
    public IReadOnlyList<RewardPlan> Rewards { get; init; } = [];

    /// <summary>The checkpoint an <c>evaluate</c> run scored instead of training, or null for a training run.</summary>
    public string? EvaluatedWeights { get; init; }

    public static string Version { get; } =
        typeof(RunProvenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(RunProvenance).Assembly.GetName().Version?.ToString() ?? "unknown";

    public JsonObject ToJson() => new()
    {
        ["objective"] = new JsonObject
        {
            ["name"] = Objective,
            ["settings"] = new JsonObject(ObjectiveSettings.Select(h => KeyValuePair.Create(h.Name, (JsonNode?)JsonValue.Create(h.Value)))),
            ["switches"] = new JsonArray(ObjectiveSwitches.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray()),
            ["rewards"] = new JsonArray(Rewards.Select(r => (JsonNode)r.ToJson()).ToArray()),
        },
        ["hyperparameters"] = new JsonObject(Hyperparameters.Select(h => KeyValuePair.Create(h.Name, (JsonNode?)JsonValue.Create(h.Value)))),
        ["overrides"] = new JsonArray(Overrides.Select(o => (JsonNode)JsonValue.Create(o)!).ToArray()),
        ["seed"] = Seed,
        ["device"] = Device,
        ["precision"] = Precision,
        ["judge"] = new JsonObject { ["kind"] = Judge.Kind, ["endpoint_host"] = Judge.EndpointHost, ["model"] = Judge.Model },
        ["data_files"] = new JsonArray(DataFiles.Select(f => (JsonNode)new JsonObject { ["path"] = f.Path, ["rows"] = f.Rows, ["sha256"] = f.Sha256 }).ToArray()),
        ["parents"] = new JsonObject(Parents.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
        ["aligndsl_version"] = AlignDslVersion,
        ["git_commit"] = GitCommit,
        ["evaluated_weights"] = EvaluatedWeights,
    };

    /// <summary>Each distinct file once: its full path, its non-blank lines and its SHA-256.</summary>
    private static IReadOnlyList<DataFileInfo> Describe(IEnumerable<string> dataFiles) =>
        dataFiles.Select(Path.GetFullPath).Distinct().Where(File.Exists).Select(path =>
        {
            using var stream = File.OpenRead(path);
            var sha = Convert.ToHexStringLower(SHA256.HashData(stream));
            return new DataFileInfo(path, File.ReadLines(path).Count(l => !string.IsNullOrWhiteSpace(l)), sha);
        }).ToList();

    /// <summary>The commit checked out in the git work tree holding <paramref name="directory"/>, read from <c>.git</c> without running git.</summary>
    public static string? GitCommitOf(string directory)
    {
        try
        {
            for (var d = new DirectoryInfo(directory); d is not null; d = d.Parent)
            {
                var dotGit = Path.Combine(d.FullName, ".git");
                var gitDir = Directory.Exists(dotGit) ? dotGit
                    : File.Exists(dotGit) && File.ReadAllText(dotGit).Trim() is { } link && link.StartsWith("gitdir:", StringComparison.Ordinal)
                        ? Path.GetFullPath(link["gitdir:".Length..].Trim(), d.FullName) : null;
                if (gitDir is null) continue;
                var head = File.ReadAllText(Path.Combine(gitDir, "HEAD")).Trim();
                if (!head.StartsWith("ref:", StringComparison.Ordinal)) return head;
                var name = head["ref:".Length..].Trim();
                // A linked work tree keeps its refs in the main repository's folder.
                var common = File.Exists(Path.Combine(gitDir, "commondir"))
                    ? Path.GetFullPath(File.ReadAllText(Path.Combine(gitDir, "commondir")).Trim(), gitDir) : gitDir;
                foreach (var root in new[] { gitDir, common })
                    if (File.Exists(Path.Combine(root, name))) return File.ReadAllText(Path.Combine(root, name)).Trim();
                var packed = Path.Combine(common, "packed-refs");
                return File.Exists(packed)
                    ? File.ReadLines(packed).Select(l => l.Split(' ')).FirstOrDefault(p => p.Length == 2 && p[1] == name)?[0]
                    : null;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }
}

/// <summary>Who judged: the kind, and for an LLM judge the endpoint's host and the model (never the key).</summary>
public sealed record JudgeInfo(string Kind, string? EndpointHost, string? Model)
{
    public static JudgeInfo Of(string judge)
    {
        if (judge != Judging.Judges.Llm) return new JudgeInfo(judge, null, null);
        try
        {
            var options = Judging.LlmJudgeOptions.FromEnvironment();
            return new JudgeInfo(judge, options.Endpoint.Host, options.Model);
        }
        catch (InvalidOperationException) { return new JudgeInfo(judge, null, null); }
    }
}

/// <summary>A data file a run read: where, how many rows, and its SHA-256.</summary>
public sealed record DataFileInfo(string Path, int Rows, string Sha256);
