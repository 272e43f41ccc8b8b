using AlignDsl.Data;
using AlignDsl.Generated;
using AlignDsl.Hosting;
using AlignDsl.Models.Architectures;
using AlignDsl.Tokenization;
using RealModel;

// No weights can be downloaded here, so the example makes its own "pretrained" model: a small random Llama with a
// byte-level BPE learned on the gym's texts, written in the Hugging Face layout. llama-sft trains it on the gym's
// conversations rendered with ChatML; llama-dpo-lora then aligns that model with DPO, LoRA adapters and bf16.
if (!File.Exists(Path.Combine(LlamaSft.BaseModel, "config.json")))
{
    var vocabulary = ByteLevelBpeTrainer.Write(LlamaSft.BaseModel, Gym.Corpus(), maxMerges: 600);
    var parameters = FreshModels.WriteLlama(LlamaSft.BaseModel, vocabulary, layers: 2, modelDim: 96, heads: 4, kvHeads: 2, context: 96, seed: 7);
    Console.WriteLine($"• wrote a random LlamaForCausalLM ({parameters:N0} parameters, {vocabulary} tokens) to {LlamaSft.BaseModel}");
}
return await ExperimentHost.RunAsync(args, GeneratedExperiments.All, defaultExperiment: "llama-dpo-lora");
