namespace AlignDsl.Data;

/// <summary>The texts of a data set, for building a fresh policy's vocabulary.</summary>
public static class Texts
{
    public static IEnumerable<string> Of(IEnumerable<Demonstration> demonstrations) =>
        demonstrations.SelectMany(d => new[] { d.Prompt, d.Completion });

    public static IEnumerable<string> Of(IEnumerable<Feedback> feedback) =>
        feedback.SelectMany(f => new[] { f.Prompt, f.Completion });

    public static IEnumerable<string> Of(IEnumerable<PreferencePair> pairs) =>
        pairs.SelectMany(p => new[] { p.Prompt, p.Chosen, p.Rejected });
}
