namespace AlignDsl.Generators.Model;

/// <summary>A <c>config.json</c> among the project's AdditionalFiles: its full path and text.</summary>
internal sealed record ConfigFileModel(string Path, string Text);

/// <summary>
/// What the memory estimate needs of a pretrained policy, read from its <c>config.json</c>: the architecture, its
/// parameter count and shape, and the trained parameters of the declared LoRA adapters (0 without LoRA).
/// </summary>
internal sealed record PretrainedShapeModel(string Architecture, long Parameters, int Layers, long Width, long Inner, long Vocabulary, long AdapterParameters);
