extern alias generator;
using AlignDsl.Rules;
using Microsoft.CodeAnalysis;
using DiagnosticDescriptors = generator::AlignDsl.Generators.Diagnostics.DiagnosticDescriptors;

namespace AlignDsl.Generators.Tests;

/// <summary>The runtime's rulebook, the generator's descriptors and the analyzer release file say the same thing.</summary>
public sealed class RuleBookTests
{
    [Fact]
    public void Rule_ids_are_unique_and_numbered_from_ALIGN001_without_gaps()
    {
        var ids = RuleBook.All.Select(r => r.Id).ToArray();
        Assert.Equal(ids.Distinct().Count(), ids.Length);
        Assert.True(ids.Length >= 18, $"only {ids.Length} rules");
        Assert.Equal(Enumerable.Range(1, ids.Length).Select(i => $"ALIGN{i:000}"), ids);
        Assert.Equal(DiagnosticDescriptors.All.Length, DiagnosticDescriptors.All.Select(d => d.Id).Distinct().Count());
    }

    [Fact]
    public void Every_rule_has_a_descriptor_that_agrees_with_it()
    {
        Assert.Equal(RuleBook.All.Select(r => r.Id), DiagnosticDescriptors.All.Select(d => d.Id));
        foreach (var rule in RuleBook.All)
        {
            var descriptor = Assert.Single(DiagnosticDescriptors.All, d => d.Id == rule.Id);
            Assert.Equal(rule.Title, descriptor.Title.ToString());
            Assert.Equal(rule.Category, descriptor.Category);
            Assert.Equal(Severity(rule.Severity), descriptor.DefaultSeverity);
            // The descriptor carries the format itself; each diagnostic passes its arguments.
            Assert.Equal(rule.MessageFormat, descriptor.MessageFormat.ToString());
            Assert.Equal(rule.HelpLink, descriptor.HelpLinkUri);
            Assert.True(descriptor.IsEnabledByDefault, rule.Id);
        }
    }

    [Fact]
    public void Release_files_list_every_rule_once_with_its_category_and_severity()
    {
        // Shipped releases and the unshipped one together: a rule is either shipped or new, never both.
        var rows = new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .SelectMany(name => File.ReadAllLines(Generate.RepoPath("generators", "AlignDsl.Generators", name)))
            .Where(line => line.StartsWith("ALIGN", StringComparison.Ordinal))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .ToArray();

        Assert.Equal(RuleBook.All.Select(r => r.Id).Order(StringComparer.Ordinal), rows.Select(r => r[0]).Order(StringComparer.Ordinal));
        foreach (var rule in RuleBook.All)
        {
            var row = Assert.Single(rows, r => r[0] == rule.Id);
            Assert.Equal(rule.Category, row[1]);
            Assert.Equal(rule.Severity.ToString(), row[2]);
        }
    }

    private static DiagnosticSeverity Severity(RuleSeverity severity) => severity switch
    {
        RuleSeverity.Error => DiagnosticSeverity.Error,
        RuleSeverity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };
}
