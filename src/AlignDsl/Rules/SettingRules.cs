namespace AlignDsl.Rules;

/// <summary>
/// The checks that can run on constants: the generator calls them on attribute arguments, the runtime on
/// overrides. Each returns the violations it finds, naming the setting the bad value came from.
/// </summary>
public static class SettingRules
{
    /// <summary>Typical β per objective (DPO β 0.1–0.5).</summary>
    public static (double Low, double High)? TypicalBeta(string objective) => objective switch
    {
        "Dpo" => (0.1, 0.5),
        _ => null,
    };

    public static IEnumerable<RuleViolation> CheckBeta(string objective, double beta)
    {
        if (!(beta > 0))
        {
            yield return new RuleViolation(RuleBook.BetaNotPositive, "Beta", "Beta", beta);
            yield break;
        }
        if (TypicalBeta(objective) is { } range && (beta < range.Low || beta > range.High))
            yield return new RuleViolation(RuleBook.BetaOutsideTypicalRange, "Beta", "Beta", beta, range.Low, range.High, objective.ToUpperInvariant());
    }

    /// <summary>A loss weight or margin scale (ORPO's λ, KTO's class weights) must be positive.</summary>
    public static IEnumerable<RuleViolation> CheckWeight(string setting, double value)
    {
        if (!(value > 0))
            yield return new RuleViolation(RuleBook.WeightNotPositive, setting, setting, value);
    }

    /// <summary>A margin or an optional term's weight (SimPO's γ and SFT weight, reward centring): 0 turns it off.</summary>
    public static IEnumerable<RuleViolation> CheckNotNegative(string setting, double value)
    {
        if (!(value >= 0))
            yield return new RuleViolation(RuleBook.NegativeSetting, setting, setting, value);
    }

    public static IEnumerable<RuleViolation> CheckLabelSmoothing(double labelSmoothing)
    {
        if (!(labelSmoothing >= 0 && labelSmoothing < 0.5))
            yield return new RuleViolation(RuleBook.LabelSmoothingOutOfRange, "LabelSmoothing", labelSmoothing);
    }

    public static IEnumerable<RuleViolation> CheckLearningRate(double learningRate)
    {
        if (!(learningRate > 0))
            yield return new RuleViolation(RuleBook.LearningRateNotPositive, "LearningRate", learningRate);
    }

    /// <summary>Steps, batch size and intervals: anything that counts must count at least one.</summary>
    public static IEnumerable<RuleViolation> CheckPositive(string setting, long value) => CheckAtLeast(setting, value, 1);

    /// <summary>A count with its own minimum: MaxLength 2 (a prompt and a completion token), WarmupSteps and EvalEvery 0.</summary>
    public static IEnumerable<RuleViolation> CheckAtLeast(string setting, long value, long minimum)
    {
        if (value < minimum)
            yield return new RuleViolation(RuleBook.CountNotPositive, setting, setting, minimum, value);
    }

    public static IEnumerable<RuleViolation> CheckModelShape(int modelDim, int heads)
    {
        if (heads >= 1 && modelDim >= 1 && modelDim % heads != 0)
            yield return new RuleViolation(RuleBook.ModelShapeInvalid, "Heads", modelDim, heads);
    }

    public static IEnumerable<RuleViolation> CheckSequenceFits(int maxLength, int context)
    {
        if (maxLength > context)
            yield return new RuleViolation(RuleBook.SequenceTooLong, "MaxLength", maxLength, context);
    }
}
