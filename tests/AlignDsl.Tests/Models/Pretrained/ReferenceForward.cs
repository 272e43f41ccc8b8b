using static TorchSharp.torch;

namespace AlignDsl.Tests.Models.Pretrained;

/// <summary>
/// Llama and GPT-2 forward passes written out from their papers and Hugging Face's modelling code, in float64, one
/// head and one rotation pair at a time, from raw weights by name: the independent implementation the library's
/// modules are checked against.
/// </summary>
internal static class ReferenceForward
{
    /// <summary>Logits [time, vocabulary] of a Llama/Qwen2/Mistral checkpoint for one sequence.</summary>
    public static Tensor Llama(Dictionary<string, Tensor> w, int[] ids, int heads, int kvHeads, int headDim, double theta, double eps, bool tied)
    {
        var time = ids.Length;
        var x = Rows(w["model.embed_tokens.weight"], ids);
        var layers = w.Keys.Count(k => k.EndsWith(".input_layernorm.weight"));
        for (var l = 0; l < layers; l++)
        {
            var p = $"model.layers.{l}.";
            var h = Rms(x, w[p + "input_layernorm.weight"], eps);
            var q = Affine(h, w[p + "self_attn.q_proj.weight"], w.GetValueOrDefault(p + "self_attn.q_proj.bias"));
            var k = Affine(h, w[p + "self_attn.k_proj.weight"], w.GetValueOrDefault(p + "self_attn.k_proj.bias"));
            var v = Affine(h, w[p + "self_attn.v_proj.weight"], w.GetValueOrDefault(p + "self_attn.v_proj.bias"));
            var outputs = new List<Tensor>();
            for (var head = 0; head < heads; head++)
            {
                var kvHead = head / (heads / kvHeads);
                var qh = Rotate(q.narrow(1, head * headDim, headDim), theta);
                var kh = Rotate(k.narrow(1, kvHead * headDim, headDim), theta);
                outputs.Add(Attend(qh, kh, v.narrow(1, kvHead * headDim, headDim)));
            }
            x = x + Affine(cat(outputs, 1), w[p + "self_attn.o_proj.weight"], w.GetValueOrDefault(p + "self_attn.o_proj.bias"));
            var m = Rms(x, w[p + "post_attention_layernorm.weight"], eps);
            var gate = Affine(m, w[p + "mlp.gate_proj.weight"], null);
            x = x + Affine(gate / (1 + exp(-gate)) * Affine(m, w[p + "mlp.up_proj.weight"], null), w[p + "mlp.down_proj.weight"], null);
        }
        x = Rms(x, w["model.norm.weight"], eps);
        return x.matmul((tied ? w["model.embed_tokens.weight"] : w["lm_head.weight"]).t());
    }

    /// <summary>
    /// Logits [time, vocabulary] of a GPT-2 checkpoint for one sequence (Conv1D weights are [in, out]); with
    /// <paramref name="head"/>, that projection of the final hidden states instead (a sequence-classification score).
    /// </summary>
    public static Tensor Gpt2(Dictionary<string, Tensor> w, int[] ids, int heads, double eps, bool exactGelu, bool tied, Tensor? head = null)
    {
        var x = Rows(w["transformer.wte.weight"], ids) + w["transformer.wpe.weight"].narrow(0, 0, ids.Length);
        var width = x.shape[1];
        var headDim = width / heads;
        var layers = w.Keys.Count(k => k.EndsWith(".ln_1.weight"));
        for (var l = 0; l < layers; l++)
        {
            var p = $"transformer.h.{l}.";
            var qkv = LayerNorm(x, w[p + "ln_1.weight"], w[p + "ln_1.bias"], eps).matmul(w[p + "attn.c_attn.weight"]) + w[p + "attn.c_attn.bias"];
            var outputs = new List<Tensor>();
            for (var h = 0; h < heads; h++)
                outputs.Add(Attend(qkv.narrow(1, h * headDim, headDim), qkv.narrow(1, width + h * headDim, headDim), qkv.narrow(1, 2 * width + h * headDim, headDim)));
            x = x + cat(outputs, 1).matmul(w[p + "attn.c_proj.weight"]) + w[p + "attn.c_proj.bias"];
            var inner = LayerNorm(x, w[p + "ln_2.weight"], w[p + "ln_2.bias"], eps).matmul(w[p + "mlp.c_fc.weight"]) + w[p + "mlp.c_fc.bias"];
            var activated = exactGelu
                ? 0.5 * inner * (1 + special.erf(inner / Math.Sqrt(2)))
                : 0.5 * inner * (1 + tanh(Math.Sqrt(2 / Math.PI) * (inner + 0.044715 * inner * inner * inner)));
            x = x + activated.matmul(w[p + "mlp.c_proj.weight"]) + w[p + "mlp.c_proj.bias"];
        }
        x = LayerNorm(x, w["transformer.ln_f.weight"], w["transformer.ln_f.bias"], eps);
        return x.matmul((head ?? (tied ? w["transformer.wte.weight"] : w["lm_head.weight"])).t());
    }

    private static Tensor Rows(Tensor embedding, int[] ids) => stack(ids.Select(id => embedding[id]).ToArray());

    private static Tensor Affine(Tensor x, Tensor weight, Tensor? bias) => bias is null ? x.matmul(weight.t()) : x.matmul(weight.t()) + bias;

    private static Tensor Rms(Tensor x, Tensor weight, double eps) => x / sqrt((x * x).mean([1], keepdim: true) + eps) * weight;

    private static Tensor LayerNorm(Tensor x, Tensor weight, Tensor bias, double eps)
    {
        var centred = x - x.mean([1], keepdim: true);
        return centred / sqrt((centred * centred).mean([1], keepdim: true) + eps) * weight + bias;
    }

    /// <summary>Softmax(q·kᵀ/√d) v over earlier positions only.</summary>
    private static Tensor Attend(Tensor q, Tensor k, Tensor v)
    {
        var time = q.shape[0];
        var scores = q.matmul(k.t()) / Math.Sqrt(q.shape[1]);
        var future = triu(ones(time, time, ScalarType.Bool), 1);
        return softmax(scores.masked_fill(future, double.NegativeInfinity), 1).matmul(v);
    }

    /// <summary>Rotates pair (i, i + d/2) of position t by t · θ^(−2i/d): Hugging Face's rotate-half layout.</summary>
    private static Tensor Rotate(Tensor x, double theta)
    {
        var (time, dim) = ((int)x.shape[0], (int)x.shape[1]);
        var input = x.contiguous().data<double>().ToArray();
        var result = (double[])input.Clone();
        for (var t = 0; t < time; t++)
            for (var i = 0; i < dim / 2; i++)
            {
                var angle = t * Math.Pow(theta, -2.0 * i / dim);
                var (a, b) = (input[t * dim + i], input[t * dim + i + dim / 2]);
                result[t * dim + i] = a * Math.Cos(angle) - b * Math.Sin(angle);
                result[t * dim + i + dim / 2] = b * Math.Cos(angle) + a * Math.Sin(angle);
            }
        return tensor(result, [time, dim]);
    }
}
