namespace AlignDsl.Generators.Tests;
public sealed class Scratch
{
    [Theory]
    [InlineData("[Experiment(\"g\")][Sft][GymData(GymTask.HelpfulHarmless)] public partial class G<T>;")]
    [InlineData("[Experiment(\"g\")][Sft][GymData(GymTask.HelpfulHarmless)][Training(WeightDecay = double.NaN, MaxGradNorm = double.PositiveInfinity)] public partial class G;")]
    [InlineData("[Experiment(\"g\")][Sft][GymData(GymTask.HelpfulHarmless)][Policy(InitFrom = typeof(int[]))][EvalSuite(typeof(int[]))] public partial class G;")]
    [InlineData("#pragma warning disable ALIGN012\n[Experiment(\"g\")][Dpo(Beta = 0.01)][GymData(GymTask.HelpfulHarmless)] public partial class G;")]
    [InlineData("[Experiment(\"g\")][Sft][JsonlData(null!)] public partial class G;")]
    [InlineData("[Experiment(\"g\")][Sft][JsonlData(\"a\\\"b\")] public partial class G;")]
    [InlineData("[Experiment(\"g\\\"q\")][Sft][GymData((GymTask)7)] public partial class G;")]
    [InlineData("[Experiment(\"g\")][Sft][GymData(GymTask.HelpfulHarmless)] public partial class @class;")]
    [InlineData("[Experiment(\"g\")][Sft][GymData(GymTask.HelpfulHarmless)] public partial record R;")]
    [InlineData("[Experiment(\"g\")][Sft][GymData(GymTask.HelpfulHarmless)] public static partial class S;")]
    [InlineData("[Experiment(\"g\")][Policy(Context = 16)][Sft][GymData(GymTask.HelpfulHarmless)] public partial class G;")]
    public void Explore(string decl)
    {
        var run = Generate.Run(Generate.Usings + "namespace T;\n" + decl);
        var text = $"EXC={run.GeneratorException}\nGEN=\n{Testing.DiagnosticText.Render(run.GeneratorDiagnostics)}\nCOMP=\n{Testing.DiagnosticText.Render(run.CompilationDiagnostics)}\nFILES={string.Join(",", run.Files.Select(f => f.HintName))}\n";
        File.AppendAllText("/tmp/explore.txt", "=== " + decl + "\n" + text);
    }
}
