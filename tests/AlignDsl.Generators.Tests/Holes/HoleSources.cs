namespace AlignDsl.Generators.Tests.Holes;

/// <summary>Sources for the rule tests: a valid experiment <c>Good</c> beside the one under test, which must keep its file.</summary>
internal static class HoleSources
{
    public static string Source(string declarations) => Generate.Usings + """
        namespace Tests;

        [Experiment("good")]
        [Sft]
        [GymData(GymTask.HelpfulHarmless)]
        public partial class Good;


        """ + declarations;

    public static string Bad(string attributes, string declaration = "public partial class Bad;", string name = "\"bad\"") => Source($"""
        [Experiment({name})]
        {attributes}
        {declaration}
        """);

    public static void GoodKeptBadDropped(Testing.GeneratorRun run)
    {
        DiagnosticAssert.Generated(run, "Tests", "Good");
        DiagnosticAssert.NotGenerated(run, "Tests", "Bad");
    }
}
