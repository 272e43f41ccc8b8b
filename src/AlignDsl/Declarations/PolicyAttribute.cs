using AlignDsl.Declarations;

namespace AlignDsl;

/// <summary>
/// The policy an experiment trains: the tiny pre-LN GPT preset with its size, a pretrained model folder in the Hugging Face
/// layout (<see cref="Pretrained"/>), or the trained policy of another experiment (<see cref="InitFrom"/>), whose model,
/// tokenizer and chat template it then inherits.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PolicyAttribute : Attribute
{
    /// <summary>An experiment class whose final checkpoint this experiment starts from.</summary>
    public Type? InitFrom { get; set; }

    /// <summary>
    /// A local folder in the Hugging Face layout (<c>config.json</c>, <c>model.safetensors</c>, the tokenizer files) the
    /// policy starts from, relative to the working directory of the run. Null: the tiny GPT preset below.
    /// </summary>
    public string? Pretrained { get; set; }

    /// <summary>
    /// The chat template conversations are rendered with: Jinja text, e.g. one of <c>AlignDsl.Chat.ChatTemplates</c>. Null:
    /// the model folder's own <c>chat_template</c> (or, for the tiny GPT, the gym's <c>user:</c>/<c>assistant:</c> framing).
    /// </summary>
    public string? ChatTemplate { get; set; }

    public int Layers { get; set; } = Defaults.Layers;
    public int ModelDim { get; set; } = Defaults.ModelDim;
    public int Heads { get; set; } = Defaults.Heads;

    /// <summary>The longest sequence the model can attend over (its position table).</summary>
    public int Context { get; set; } = Defaults.Context;
}
