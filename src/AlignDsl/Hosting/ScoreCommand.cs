using System.Globalization;
using System.Text.Json;
using AlignDsl.Models;
using AlignDsl.Models.Architectures;
using AlignDsl.Running;
using AlignDsl.Tokenization;

namespace AlignDsl.Hosting;

/// <summary>
/// <c>score --model &lt;folder or run&gt; (--ids 1,2,3 | --text "…")</c>: each token's log-probability under a model, as JSON.
/// The model is a Hugging Face folder, a run folder (its <c>checkpoint</c>), or an experiment's newest finished run.
/// </summary>
public static class ScoreCommand
{
    /// <returns>The scores as one line of JSON.</returns>
    public static string Run(string? model, string? ids, string? text, string runsRoot)
    {
        if (model is null) throw new UsageException("score needs --model: a model folder, a run folder or an experiment name.");
        if ((ids is null) == (text is null)) throw new UsageException("score takes one of --ids 1,2,3 or --text \"…\".");
        var folder = ResolveFolder(model, runsRoot);
        var tokenizer = Tokenizer(folder);
        var tokenIds = ids is not null ? ParseIds(ids)
            // Encoded as the model's own tokenizer would for a forward pass: with its BOS token where its config adds one.
            : (tokenizer is HfTokenizer hf ? hf.EncodeWithSpecialTokens(text!) : tokenizer?.Encode(text!)) ?? throw new UsageException(
                $"{folder} has no tokenizer this command reads (policy.json, tokenizer.json, vocab.json + merges.txt or tokenizer.model); give --ids instead of --text.");
        using var causalLM = PretrainedModels.Load(folder);
        var scores = TokenScores.Of(causalLM, tokenIds);
        if (tokenizer is not null) scores = scores with { Tokens = tokenIds.Select(id => tokenizer.Decode([id])).ToList() };
        return JsonSerializer.Serialize(scores);
    }

    /// <summary>A run's compact vocabulary, else the folder's Hugging Face tokenizer, else none.</summary>
    private static ITokenizer? Tokenizer(string folder)
    {
        if (Checkpoint.TryLoadTokenizer(folder) is { } compact) return compact;
        string[] files = ["tokenizer.json", "vocab.json", "tokenizer.model"];
        return files.Any(f => File.Exists(Path.Combine(folder, f))) ? HfTokenizer.Load(folder) : null;
    }

    /// <summary>A folder with config.json; a run folder's checkpoint; or the newest finished run of an experiment under <paramref name="runsRoot"/>.</summary>
    public static string ResolveFolder(string model, string runsRoot)
    {
        if (File.Exists(Path.Combine(model, HfConfig.FileName))) return model;
        var inRun = Path.Combine(model, RunStore.CheckpointFolder);
        if (File.Exists(Path.Combine(inRun, HfConfig.FileName))) return inRun;
        return new RunStore(runsRoot).LatestCheckpoint(model)
            ?? throw new UsageException($"'{model}' is neither a model folder (with {HfConfig.FileName}), nor a run folder, nor an experiment with a finished run under {Path.GetFullPath(runsRoot)}.");
    }

    private static int[] ParseIds(string ids) =>
        ids.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : throw new UsageException($"--ids takes comma-separated whole numbers (got '{s}')."))
            .ToArray();
}
