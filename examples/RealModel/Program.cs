using AlignDsl.Data;
using AlignDsl.Generated;
using AlignDsl.Hosting;
using AlignDsl.Models.Architectures;
using AlignDsl.Tokenization;
using RealModel;

// No weights can be downloaded here, so the example makes its own "pretrained" model: a small random Llama with a
// byte-level BPE learned on the gym's texts, written in the Hugging Face layout. llama-sft trains it on the gym's
// conversations rendered with ChatML and is published as a Hugging Face folder; llama-dpo-lora then reads that folder, as
// it would any downloaded model, and aligns it with DPO, LoRA adapters and bf16.
if (!File.Exists(Path.Combine(LlamaSft.BaseModel, "config.json")))
{
    var vocabulary = ByteLevelBpeTrainer.Write(LlamaSft.BaseModel, Gym.Corpus(), maxMerges: 600);
    var parameters = FreshModels.WriteLlama(LlamaSft.BaseModel, vocabulary, layers: 2, modelDim: 96, heads: 4, kvHeads: 2, context: 96, seed: 7);
    Console.WriteLine($"• wrote a random LlamaForCausalLM ({parameters:N0} parameters, {vocabulary} tokens) to {LlamaSft.BaseModel}");
}
// Training DPO needs the SFT model's folder: made once (the run's options, such as --device or --out, apply to it too).
var trainsDpo = args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal) || args is ["run", "llama-dpo-lora", ..];
if (trainsDpo && !File.Exists(Path.Combine(LlamaDpoLora.SftModel, "config.json")))
{
    var options = args.SkipWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
    var trained = await ExperimentHost.RunAsync(["run", "llama-sft", .. options], GeneratedExperiments.All, defaultExperiment: "llama-sft");
    if (trained != 0) return trained;
    var runs = options.SkipWhile(o => o != "--out").Skip(1).FirstOrDefault() ?? "runs";
    var published = await ExperimentHost.RunAsync(["publish", "llama-sft", "--to", LlamaDpoLora.SftModel, "--out", runs], GeneratedExperiments.All, defaultExperiment: "llama-sft");
    if (published != 0) return published;
}
return await ExperimentHost.RunAsync(args, GeneratedExperiments.All, defaultExperiment: "llama-dpo-lora");
