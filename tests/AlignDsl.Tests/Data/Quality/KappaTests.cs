using AlignDsl.Data.Quality;

namespace AlignDsl.Tests.Data.Quality;

/// <summary>Cohen's and Fleiss' κ against tables worked by hand.</summary>
public sealed class KappaTests
{
    /// <summary>Two raters, 50 items, yes/no: both yes 20, first yes second no 5, first no second yes 10, both no 15.</summary>
    private static (List<char> First, List<char> Second) TextbookTable()
    {
        var first = new List<char>();
        var second = new List<char>();
        void Add(int count, char a, char b)
        {
            first.AddRange(Enumerable.Repeat(a, count));
            second.AddRange(Enumerable.Repeat(b, count));
        }
        Add(20, 'y', 'y');
        Add(5, 'y', 'n');
        Add(10, 'n', 'y');
        Add(15, 'n', 'n');
        return (first, second);
    }

    [Fact]
    public void Cohen_on_the_textbook_two_by_two_table()
    {
        // p_o = (20 + 15)/50 = 0.7. First says yes 25/50 = 0.5, second 30/50 = 0.6:
        // p_e = 0.5·0.6 + 0.5·0.4 = 0.5. κ = (0.7 − 0.5)/(1 − 0.5) = 0.4.
        var (first, second) = TextbookTable();
        Assert.Equal(0.4, Kappa.Cohen(first, second), 12);
    }

    [Fact]
    public void Fleiss_with_two_raters_is_scotts_pi_on_the_same_table()
    {
        // Pooled yes = (25 + 30)/100 = 0.55: p_e = 0.55² + 0.45² = 0.505. Observed as before 0.7 (each item's single pair
        // agrees or not). π = (0.7 − 0.505)/(1 − 0.505) = 0.195/0.495 = 0.393939…, below Cohen's 0.4: Scott's π pools
        // the raters' frequencies, Cohen's κ keeps them apart.
        var (first, second) = TextbookTable();
        var items = first.Zip(second, (a, b) => (IReadOnlyList<char>)[a, b]).ToList();
        Assert.Equal(0.195 / 0.495, Kappa.Fleiss(items), 12);
    }

    [Fact]
    public void Fleiss_on_a_small_table_worked_by_hand()
    {
        // 5 items, 3 raters, counts (a, b): (3,0) (2,1) (0,3) (1,2) (3,0).
        // P_i = (Σ n² − 3)/(3·2): 1, (4+1−3)/6 = 1/3, 1, 1/3, 1 → P̄ = (11/3)/5 = 11/15.
        // p_a = 9/15 = 0.6, p_b = 0.4 → P̄_e = 0.36 + 0.16 = 0.52 = 13/25.
        // κ = (11/15 − 13/25)/(1 − 13/25) = (16/75)/(36/75) = 4/9.
        IReadOnlyList<IReadOnlyList<string>> items =
        [
            ["a", "a", "a"], ["a", "b", "a"], ["b", "b", "b"], ["b", "a", "b"], ["a", "a", "a"],
        ];
        Assert.Equal(4.0 / 9, Kappa.Fleiss(items), 12);
    }

    [Fact]
    public void Fleiss_on_the_published_fourteen_rater_example()
    {
        // Fleiss (1971)-style example reproduced on Wikipedia: 10 items, 14 raters, 5 categories, κ ≈ 0.210.
        // p_j = 0.143, 0.200, 0.279, 0.150, 0.229 → P̄_e = 0.2128; P̄ = 0.3780; κ = (0.3780 − 0.2128)/(1 − 0.2128) = 0.2099.
        int[][] counts =
        [
            [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
        ];
        var items = counts.Select(row => (IReadOnlyList<int>)row.SelectMany((n, category) => Enumerable.Repeat(category, n)).ToList()).ToList();
        Assert.Equal(0.2099, Kappa.Fleiss(items), 4);
    }

    [Fact]
    public void Perfect_agreement_is_one_and_chance_level_agreement_is_zero()
    {
        Assert.Equal(1.0, Kappa.Cohen(['a', 'b', 'a', 'b'], ['a', 'b', 'a', 'b']), 12);
        // Agreeing on half the items when each says a half the time: p_o = p_e = 0.5.
        Assert.Equal(0.0, Kappa.Cohen(['a', 'a', 'b', 'b'], ['a', 'b', 'a', 'b']), 12);
        // Always disagreeing: p_o = 0, p_e = 0.5 → −1.
        Assert.Equal(-1.0, Kappa.Cohen(['a', 'b'], ['b', 'a']), 12);
    }

    [Fact]
    public void Kappa_is_undefined_when_every_label_is_the_same()
    {
        Assert.True(double.IsNaN(Kappa.Cohen(['a', 'a'], ['a', 'a'])));
        Assert.True(double.IsNaN(Kappa.Fleiss<char>([['a', 'a', 'a'], ['a', 'a', 'a']])));
    }

    [Fact]
    public void Mismatched_inputs_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Kappa.Cohen(['a', 'b'], ['a']));
        Assert.Throws<ArgumentException>(() => Kappa.Fleiss<char>([['a', 'b'], ['a']]));
        Assert.Throws<ArgumentException>(() => Kappa.Fleiss<char>([['a'], ['b']]));
    }
}
