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
        "Ppo" => (0.01, 0.2),
        _ => null,
    };

    public static IEnumerable<RuleViolation> CheckBeta(string objective, double beta)
    {
        // PPO's β is the coefficient of its KL penalty, and is declared under that name.
        var setting = objective == "Ppo" ? "KlCoefficient" : "Beta";
        if (!(beta > 0))
        {
            yield return new RuleViolation(RuleBook.BetaNotPositive, setting, setting, beta);
            yield break;
        }
        if (TypicalBeta(objective) is { } range && (beta < range.Low || beta > range.High))
            yield return new RuleViolation(RuleBook.BetaOutsideTypicalRange, setting, setting, beta, range.Low, range.High, objective.ToUpperInvariant());
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

    /// <summary>
    /// The range rules of an objective's hyperparameters; <paramref name="objective"/> is an <c>ObjectiveKind</c> member
    /// name. <paramref name="gamma"/> is null when SimPO's γ was not written (a γ derived from β follows it).
    /// </summary>
    /// <summary>The SimPO authors tune γ/β between 0 and 1, starting at 0.5 (the default here).</summary>
    public static IEnumerable<RuleViolation> CheckSimPoMargin(double beta, double gamma)
    {
        if (beta > 0 && gamma >= 0 && gamma / beta > 1)
            yield return new RuleViolation(RuleBook.SimPoMarginOutsideRange, "Gamma", gamma, beta, gamma / beta);
    }

    public static IEnumerable<RuleViolation> CheckObjective(string objective, double beta, double labelSmoothing, double lambda,
        double desirableWeight, double undesirableWeight, double? gamma, double sftWeight, double centerRewards)
    {
        var violations = new List<RuleViolation>();
        switch (objective)
        {
            case "Dpo":
                violations.AddRange(CheckBeta(objective, beta));
                violations.AddRange(CheckLabelSmoothing(labelSmoothing));
                break;
            case "Ipo":
                violations.AddRange(CheckBeta(objective, beta));
                break;
            case "SimPo":
                violations.AddRange(CheckBeta(objective, beta));
                if (gamma is { } written)
                {
                    violations.AddRange(CheckNotNegative("Gamma", written));
                    violations.AddRange(CheckSimPoMargin(beta, written));
                }
                violations.AddRange(CheckNotNegative("SftWeight", sftWeight));
                break;
            case "Kto":
                violations.AddRange(CheckBeta(objective, beta));
                violations.AddRange(CheckWeight("DesirableWeight", desirableWeight));
                violations.AddRange(CheckWeight("UndesirableWeight", undesirableWeight));
                break;
            case "Orpo":
                violations.AddRange(CheckWeight("Lambda", lambda));
                break;
            case "RewardModel":
                violations.AddRange(CheckNotNegative("CenterRewards", centerRewards));
                break;
            case "Ppo":
                violations.AddRange(CheckBeta(objective, beta));
                break;
        }
        return violations;
    }

    /// <summary>The counts and rates of a training plan.</summary>
    public static IEnumerable<RuleViolation> CheckTraining(double learningRate, int steps, int batchSize, int maxLength, int logEvery,
        int warmupSteps, int evalEvery) =>
        CheckLearningRate(learningRate)
            .Concat(CheckPositive("Steps", steps))
            .Concat(CheckPositive("BatchSize", batchSize))
            .Concat(CheckAtLeast("MaxLength", maxLength, 2))
            .Concat(CheckPositive("LogEvery", logEvery))
            .Concat(CheckAtLeast("WarmupSteps", warmupSteps, 0))
            .Concat(CheckAtLeast("EvalEvery", evalEvery, 0));

    /// <summary>How often a run saves checkpoints (0: only at the last step) and how many it keeps.</summary>
    public static IEnumerable<RuleViolation> CheckCheckpoints(int checkpointEvery, int keepCheckpoints) =>
        CheckAtLeast("CheckpointEvery", checkpointEvery, 0).Concat(CheckPositive("KeepCheckpoints", keepCheckpoints));

    public static IEnumerable<RuleViolation> CheckSequenceFits(int maxLength, int context)
    {
        if (maxLength > context)
            yield return new RuleViolation(RuleBook.SequenceTooLong, "MaxLength", maxLength, context);
    }
}
