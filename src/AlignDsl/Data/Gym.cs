using static AlignDsl.Data.GymCatalog;

namespace AlignDsl.Data;

/// <summary>
/// The built-in gym: seeded synthetic data with known ground truth. About a quarter of the (topic, template)
/// combinations of every category (those whose indices sum to a multiple of 4) is held out, so evaluation asks prompts the policy never trained on,
/// built from topics and templates it did see. The split does not depend on the seed; the sampling does.
/// </summary>
public sealed class Gym
{
    private readonly IReadOnlyList<GymItem> _items;
    private readonly int _seed;

    public Gym(GymTask task, int seed)
    {
        Task = task;
        _seed = seed;
        _items = AllItems;
    }

    public GymTask Task { get; }

    /// <summary>
    /// Uncurated demonstrations, the way a base model's data mixes good and bad behaviour: harmful requests are
    /// answered about a third of the time, benign ones refused almost as often, some answers wrong or padded.
    /// An SFT run on these leaves a policy with something left to align. Half the answers outside the factual
    /// category come elaborated, so the policy knows the long forms the pairs use.
    /// </summary>
    public Split<Demonstration> Demonstrations(int count = 2000)
    {
        var random = new Random(_seed);
        return new Split<Demonstration>(Sample(Train, count, random), Sample(HeldOut, Math.Max(count / 4, 1), random));

        static IReadOnlyList<Demonstration> Sample(IReadOnlyList<GymItem> items, int count, Random random) =>
            Enumerable.Range(0, count).Select(_ =>
            {
                var item = items[random.Next(items.Count)];
                var roll = random.NextDouble();
                var (right, wrong) = item.Category == GymCategory.Factual || random.Next(2) == 0 ? (item.Right, item.Wrong) : (item.LongRight, item.LongWrong);
                var answer = item.Category switch
                {
                    GymCategory.Harmful => roll < 0.35 ? wrong : right,
                    GymCategory.Benign => roll < 0.3 ? wrong : right,
                    GymCategory.Factual => roll < 0.1 ? item.Wrong : roll < 0.25 ? item.Verbose : item.Right,
                    _ => roll < 0.5 ? wrong : right,
                };
                return new Demonstration(item.Prompt, answer);
            }).ToList();
    }

    /// <summary>
    /// One preference pair per prompt, the better answer over the worse, in one of two forms: the elaborated right answer
    /// over the wrong one (chosen longer), or the right answer over the elaborated wrong one (chosen shorter). A seeded
    /// shuffle gives half of each category's items the first form, so length tells nothing and the content decides.
    /// <see cref="GymTask.LengthBiased"/>'s training split gives it to nine in ten, and there a factual question's longer
    /// answer is the padded right one, the padding the bias pairs test; its held-out pairs stay balanced.
    /// </summary>
    public Split<PreferencePair> Pairs() => new(ToPairs(Train, Task == GymTask.LengthBiased), ToPairs(HeldOut, lengthBiased: false));

    /// <summary>
    /// Unpaired feedback made from the same pairs, the way TRL turns pairs into KTO data: the chosen answer is
    /// desirable, the rejected one undesirable. Desirable and undesirable rows alternate.
    /// </summary>
    public Split<Feedback> Feedback()
    {
        var pairs = Pairs();
        return new Split<Feedback>(Data.Feedback.FromPairs(pairs.Train), Data.Feedback.FromPairs(pairs.HeldOut));
    }

    /// <summary>The held-out prompts of each category, for the judge-based suites.</summary>
    public IReadOnlyList<Probe> Probes() => HeldOut.Select(i => new Probe(i.Prompt, i.Category, i.Topic, i.Group)).ToList();

    /// <summary>
    /// Held-out pairs that probe a reward for biases. Per factual question: the concise right answer over the same answer
    /// padded (a length-biased reward fails it), and the padded right answer over the concise wrong one (a reward that
    /// merely likes brevity fails it). Per false premise: the correction over going along with it (sycophancy).
    /// </summary>
    public IReadOnlyList<Evaluation.BiasPair> BiasPairs() => HeldOut.SelectMany(i => i.Category switch
    {
        GymCategory.Factual =>
        [
            new Evaluation.BiasPair(new PreferencePair(i.Prompt, i.Right, i.Verbose, i.Category.ToString()), Evaluation.BiasProbe.ChosenShorter),
            new Evaluation.BiasPair(new PreferencePair(i.Prompt, i.Verbose, i.Wrong, i.Category.ToString()), Evaluation.BiasProbe.ChosenLonger),
        ],
        GymCategory.FalsePremise =>
            [new Evaluation.BiasPair(new PreferencePair(i.Prompt, i.Right, i.Wrong, i.Category.ToString()), Evaluation.BiasProbe.Sycophancy)],
        _ => Array.Empty<Evaluation.BiasPair>(),
    }).ToList();

    /// <summary>Every prompt without its answers, split as the pairs are: what an online objective (PPO) samples answers to.</summary>
    public Split<string> Prompts() => new(Train.Select(i => i.Prompt).ToList(), HeldOut.Select(i => i.Prompt).ToList());

    /// <summary>The training split's prompts, without answers: what a policy answers when a run makes its own data (constitutional feedback).</summary>
    public IReadOnlyList<string> TrainPrompts() => Train.Select(i => i.Prompt).ToList();

    /// <summary>Every text the gym can produce, prompts and answers: the closed corpus of its vocabulary.</summary>
    public static IEnumerable<string> Corpus() => AllItems.SelectMany(i => new[] { i.Prompt, i.Right, i.Wrong, i.Verbose, i.LongRight, i.LongWrong });

    /// <summary>The gym's knowledge of one of its prompts (any split), for its judge; null for a prompt it never asks.</summary>
    internal static GymItem? Find(string prompt) => ByPrompt.TryGetValue(prompt, out var item) ? item : null;

    // The items do not depend on the seed (only sampling does), so one list serves every gym.
    private static readonly IReadOnlyList<GymItem> AllItems = BuildItems();
    private static readonly Dictionary<string, GymItem> ByPrompt = AllItems.ToDictionary(i => i.Prompt);

    private IReadOnlyList<GymItem> Train => _items.Where(i => !i.HeldOut).ToList();

    private IReadOnlyList<GymItem> HeldOut => _items.Where(i => i.HeldOut).ToList();

    /// <summary>The share of a length-biased training split's pairs, in each category, that prefer the longer answer.</summary>
    private const double BiasedLongerShare = 0.9;

    /// <summary>The items' pairs: half of each category's (rounded), or nine in ten if length-biased, prefer the longer answer.</summary>
    private IReadOnlyList<PreferencePair> ToPairs(IReadOnlyList<GymItem> items, bool lengthBiased)
    {
        var random = new Random(_seed + 1);
        var longerShare = lengthBiased ? BiasedLongerShare : 0.5;
        var chosenLonger = items.GroupBy(i => i.Category)
            .SelectMany(g => g.OrderBy(_ => random.Next()).Take((int)Math.Round(g.Count() * longerShare)))
            .Select(i => i.Prompt).ToHashSet();
        return items.Select(i =>
        {
            if (!chosenLonger.Contains(i.Prompt)) return new PreferencePair(i.Prompt, i.Right, i.LongWrong, i.Category.ToString());
            var longer = lengthBiased && i.Category == GymCategory.Factual ? i.Verbose : i.LongRight;
            return new PreferencePair(i.Prompt, longer, i.Wrong, i.Category.ToString());
        }).ToList();
    }

    private static List<GymItem> BuildItems()
    {
        var items = new List<GymItem>();
        void Add(int topic, int template, string prompt, GymCategory category, string topicName, string group, string right, string wrong) =>
            items.Add(new GymItem(Frame(prompt), category, topicName, Say(right), Say(wrong), Say(VerbosePadding + right), (topic + template) % 4 == 0)
            {
                Group = group, LongRight = Say(Elaborated(category, right)), LongWrong = Say(Elaborated(category, wrong)),
            });

        for (var t = 0; t < HarmfulTopics.Length; t++)
            for (var p = 0; p < RequestTemplates.Length; p++)
                Add(t, p, string.Format(RequestTemplates[p], HarmfulTopics[t].Topic), GymCategory.Harmful, HarmfulTopics[t].Topic, HarmfulTopics[t].Group, Refusal, Compliance);
        for (var t = 0; t < BenignTopics.Length; t++)
            for (var p = 0; p < RequestTemplates.Length; p++)
                Add(t, p, string.Format(RequestTemplates[p], BenignTopics[t].Topic), GymCategory.Benign, BenignTopics[t].Topic, BenignTopics[t].Group, BenignTopics[t].Answer, Refusal);
        for (var t = 0; t < Capitals.Length; t++)
            for (var p = 0; p < FactualTemplates.Length; p++)
            {
                var (country, capital) = Capitals[t];
                // One wrong capital per country, whatever the template: a held-out question tests a mistake its
                // country's training pairs ruled out, in a wording they did not use.
                var wrongCapital = Capitals[(t + 1) % Capitals.Length].Capital;
                Add(t, p, string.Format(FactualTemplates[p], country), GymCategory.Factual, country, "capitals", CapitalAnswer(country, capital), CapitalAnswer(country, wrongCapital));
            }
        for (var t = 0; t < FalsePremises.Length; t++)
            for (var p = 0; p < PremiseTemplates.Length; p++)
                Add(t, p, string.Format(PremiseTemplates[p], FalsePremises[t].Question), GymCategory.FalsePremise, FalsePremises[t].Question, "false_premise", FalsePremises[t].Correction, FalsePremises[t].GoAlong);
        return items;
    }
}
