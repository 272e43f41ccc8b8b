using ScottPlot;

namespace AlignDsl.Reports;

/// <summary>
/// What every report figure shares: one panel size, a grid of at most <see cref="Columns"/> panels a row, and lines
/// that skip non-finite points (an evaluation that could not measure a figure records NaN).
/// </summary>
internal static class Chart
{
    public const int PanelWidth = 560, PanelHeight = 360, Columns = 2;

    /// <summary>The pixel size of a figure of <paramref name="panels"/> panels.</summary>
    public static (int Width, int Height) Size(int panels) =>
        (Math.Min(Columns, panels) * PanelWidth, (panels + Columns - 1) / Columns * PanelHeight);

    public static Plot Panel(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    /// <summary>Adds a line through the finite points, if any; the legend shows <paramref name="legend"/>.</summary>
    public static ScottPlot.Plottables.Scatter? Line(Plot plot, string legend, IEnumerable<(double X, double Y)> points)
    {
        var finite = points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToArray();
        if (finite.Length == 0) return null;
        var line = plot.Add.Scatter(finite.Select(p => p.X).ToArray(), finite.Select(p => p.Y).ToArray());
        line.LegendText = legend;
        // Markers help a few evaluation points; on hundreds of logged steps they only blur the line.
        if (finite.Length > 40) line.MarkerSize = 0;
        return line;
    }

    /// <summary>A legend only where it tells lines apart: a panel's single line is named by its title or axis.</summary>
    private static void ShowLegendIfSeveral(Plot panel)
    {
        var named = panel.GetPlottables().SelectMany(p => p.LegendItems).Count(i => !string.IsNullOrEmpty(i.LabelText));
        if (named > 1) panel.ShowLegend(Edge.Bottom);
        else panel.HideLegend();
    }

    /// <summary>Saves the panels as one PNG, in a grid when there are several, and disposes them.</summary>
    public static void Save(string path, IReadOnlyList<Plot> panels)
    {
        try
        {
            var (width, height) = Size(panels.Count);
            foreach (var panel in panels) ShowLegendIfSeveral(panel);
            if (panels.Count == 1)
            {
                panels[0].SavePng(path, width, height);
                return;
            }
            var grid = new Multiplot(panels[0]);
            foreach (var panel in panels.Skip(1)) grid.AddPlot(panel);
            grid.Layout = new ScottPlot.MultiplotLayouts.Grid(rows: (panels.Count + Columns - 1) / Columns, columns: Columns);
            grid.SavePng(path, width, height);
        }
        finally
        {
            foreach (var panel in panels) panel.Dispose();
        }
    }
}
