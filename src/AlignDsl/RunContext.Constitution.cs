using AlignDsl.Constitution;
using AlignDsl.Data;
using AlignDsl.Judging;

namespace AlignDsl;

/// <summary>Constitutional data, made by the run that trains on it, with what it was made from kept in the run folder.</summary>
public sealed partial class RunContext
{
    public const string ConstitutionPairsFile = "constitution-pairs.jsonl";
    public const string RevisionChainsFile = "constitution-revisions.jsonl";

    /// <summary>
    /// AI feedback (RL-CAI): the policy of <paramref name="samplesFrom"/> answers every training prompt of the gym task
    /// with <paramref name="pairsPerPrompt"/> pairs of samples, and the run's judge picks the answer that better follows
    /// a sampled principle, in both orders (ties dropped).
    /// The labelled pairs, each tagged with its principle, are written to <see cref="ConstitutionPairsFile"/>; the held-out
    /// pairs are the gym's, so evaluation measures against ground truth. <paramref name="judge"/> replaces the run's judge
    /// (the declaration's principle judge).
    /// </summary>
    public async Task<Split<PreferencePair>> LabelWithConstitutionAsync(string samplesFrom, Constitution.Constitution constitution, GymTask prompts,
        int pairsPerPrompt, CancellationToken cancellationToken, IJudge? judge = null)
    {
        judge ??= Judge;
        var gym = Gym(prompts);
        var trainPrompts = gym.TrainPrompts();
        IReadOnlyList<LabelledPair> labelled;
        using (var policy = LoadPolicy(samplesFrom))
        {
            var candidates = ConstitutionalFeedback.SampleCandidates(policy, trainPrompts, Seed, pairsPerPrompt);
            _observer.Status($"labelling {candidates.Count} answer pairs from {trainPrompts.Count} prompts with the {judge.Name} judge and {constitution.Principles.Count} principle(s)");
            labelled = await ConstitutionalFeedback.LabelAsync(candidates, constitution, judge, Seed, cancellationToken: cancellationToken);
        }
        LabelledPairFile.Write(Path.Combine(RunDirectory, ConstitutionPairsFile), labelled);
        if (labelled.Count == 0)
            throw new InvalidOperationException($"The {judge.Name} judge preferred neither answer for every prompt, so there is nothing to train on: check the judge, or start from a policy whose answers differ.");
        return new Split<PreferencePair>(labelled.ToPreferencePairs(), gym.Pairs().HeldOut);
    }

    /// <summary>
    /// Critique and revision (SL-CAI): the policy of <paramref name="samplesFrom"/> answers every training prompt once,
    /// then each answer is critiqued and revised <paramref name="rounds"/> times, each round by a sampled principle.
    /// Trains on the final revisions; the whole chains go to <see cref="RevisionChainsFile"/> for provenance.
    /// </summary>
    public async Task<Split<Demonstration>> ReviseWithConstitutionAsync(string samplesFrom, Constitution.Constitution constitution, GymTask prompts,
        int rounds, CancellationToken cancellationToken)
    {
        var gym = Gym(prompts);
        IReadOnlyList<RevisionChain> chains;
        using (var policy = LoadPolicy(samplesFrom))
            chains = await CritiqueRevision.RunAsync(policy, constitution, gym.TrainPrompts(), Reviser(), rounds, Seed, cancellationToken: cancellationToken);
        RevisionChainFile.Write(Path.Combine(RunDirectory, RevisionChainsFile), chains);
        var heldOut = gym.Demonstrations().HeldOut;
        return new Split<Demonstration>(chains.ToDemonstrations(), heldOut);
    }

    /// <summary>The reviser that matches the run's judge: the gym's rule reviser, or the chat model behind the LLM judge.</summary>
    private IReviser Reviser() => Judge is LlmJudge llm ? new ChatReviser(llm.Client) : GymReviser.Instance;
}
