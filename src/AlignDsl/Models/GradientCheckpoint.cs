using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace AlignDsl.Models;

/// <summary>
/// Gradient checkpointing of one block: the forward pass keeps only the block's input, and the backward pass runs the
/// block again with gradients on, back-propagates through that recomputation (which adds the weights' gradients) and
/// hands the input's gradient on. Activation memory is then one block's worth instead of every block's, for about a
/// third more compute. The random state is replayed so that dropout (LoRA's) draws the same mask both times.
/// </summary>
internal sealed class GradientCheckpoint : SingleTensorFunction<GradientCheckpoint>
{
    public override string Name => nameof(GradientCheckpoint);

    /// <summary><paramref name="block"/>(<paramref name="x"/>), keeping none of its activations for the backward pass.</summary>
    public static Tensor Run(Tensor x, Func<Tensor, Tensor> block)
    {
        // The function's backward only runs when its input needs a gradient: below a frozen embedding it would not,
        // and the block's own weights (LoRA adapters) would get none.
        if (!x.requires_grad) x = x.detach().requires_grad_(true);
        return apply(x, block);
    }

    public override Tensor forward(AutogradContext ctx, params object[] vars)
    {
        var (x, block) = ((Tensor)vars[0], (Func<Tensor, Tensor>)vars[1]);
        ctx.save_for_backward([x]);
        ctx.save_data("block", block);
        ctx.save_data("random", random.get_rng_state());
        // The step's dispose scope would keep every intermediate alive to its end: only the output leaves this one.
        using var scope = NewDisposeScope();
        return block(x).MoveToOuterDisposeScope();
    }

    public override List<Tensor> backward(AutogradContext ctx, Tensor gradOutput)
    {
        var saved = ctx.get_saved_variables()[0];
        var block = (Func<Tensor, Tensor>)ctx.get_data("block");
        var now = random.get_rng_state();
        random.set_rng_state((Tensor)ctx.get_data("random"));
        Tensor inputGrad;
        using (enable_grad())
        using (var scope = NewDisposeScope())
        {
            var input = saved.detach().requires_grad_(true);
            block(input).backward([gradOutput]);
            inputGrad = input.grad!.MoveToOuterDisposeScope();
        }
        random.set_rng_state(now);
        return [inputGrad, null!];
    }
}
