namespace AlignDsl.Export;

/// <summary>
/// The Python packages an export is written against, pinned in its <c>requirements.txt</c>. The TRL config fields the
/// exporter writes are checked against this TRL version's source (see the export tests).
/// </summary>
public static class TrlVersions
{
    public const string Trl = "1.9.0";
    public const string Transformers = "4.57.1";
    public const string Peft = "0.17.1";
    public const string Accelerate = "1.10.1";
    public const string DeepSpeed = "0.17.6";
    public const string Datasets = "4.7.0";

    public static string Requirements =>
        $"""
        trl=={Trl}
        transformers=={Transformers}
        peft=={Peft}
        accelerate=={Accelerate}
        deepspeed=={DeepSpeed}
        datasets=={Datasets}
        safetensors
        """;
}
