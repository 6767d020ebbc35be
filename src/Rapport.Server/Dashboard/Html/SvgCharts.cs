using System.Globalization;

namespace Rapport.Server.Dashboard.Html;

/// <summary>Server-rendered SVG charts: no script, a caption, labelled axes, a legend, and the numbers as a table beside each.</summary>
internal static class SvgCharts
{
    private const int Width = 560, Height = 240, Left = 52, Right = 12, Top = 12, Bottom = 44;

    /// <summary>Draws lines, one per series.</summary>
    public static void Line(HtmlWriter w, Chart chart) => Draw(w, chart, bars: false);

    /// <summary>Draws bars, grouped by x position.</summary>
    public static void Bars(HtmlWriter w, Chart chart) => Draw(w, chart, bars: true);

    private static void Draw(HtmlWriter w, Chart c, bool bars)
    {
        var max = c.YMax ?? Nice(c.Series.SelectMany(s => s.Values).Where(v => v.HasValue).Select(v => v!.Value).DefaultIfEmpty(0).Max());

        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        var n = Math.Max(1, c.X.Count);
        var step = (double)plotW / n;
        double Y(double v) => Top + plotH - (v / max * plotH);
        double X(int i) => Left + (step * i) + (step / 2);
        var summary = $"{c.Title}: {c.YLabel} by {c.XLabel}; " + string.Join("; ", c.Series.Select(s => s.Name));
        w.Add($"<figure aria-labelledby=\"{c.Id}-cap\"><figcaption id=\"{c.Id}-cap\">{c.Title}</figcaption>");
        w.Add($"<svg viewBox=\"0 0 {Width} {Height}\" width=\"100%\" role=\"img\" aria-label=\"{summary}\"><title>{summary}</title>");
        for (var t = 0; t <= 4; t++)
        {
            var v = max * t / 4;
            w.Add($"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(Y(v))}\" y2=\"{F(Y(v))}\"/>");
            w.Add($"<text x=\"{Left - 4}\" y=\"{F(Y(v) + 4)}\" text-anchor=\"end\">{c.Format(v)}</text>");
        }

        w.Add($"<line class=\"axis\" x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Top + plotH}\"/><line class=\"axis\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Top + plotH}\" y2=\"{Top + plotH}\"/>");
        var every = Math.Max(1, (int)Math.Ceiling(n / 14.0));
        for (var i = 0; i < c.X.Count; i += every)
        {
            w.Add($"<text x=\"{F(X(i))}\" y=\"{Top + plotH + 14}\" text-anchor=\"middle\">{c.X[i]}</text>");
        }

        w.Add($"<text x=\"{Left + (plotW / 2)}\" y=\"{Height - 16}\" text-anchor=\"middle\">{c.XLabel}</text>");
        w.Add($"<text transform=\"rotate(-90)\" x=\"{-(Top + (plotH / 2))}\" y=\"12\" text-anchor=\"middle\">{c.YLabel}</text>");
        for (var s = 0; s < c.Series.Count; s++)
        {
            var series = c.Series[s];
            var css = "s" + ((s % 5) + 1).ToString(CultureInfo.InvariantCulture);
            if (bars)
            {
                var barW = step * 0.8 / c.Series.Count;
                for (var i = 0; i < series.Values.Count && i < n; i++)
                {
                    if (series.Values[i] is { } v)
                    {
                        var x = Left + (step * i) + (step * 0.1) + (barW * s);
                        w.Add($"<rect class=\"{css}\" x=\"{F(x)}\" y=\"{F(Y(v))}\" width=\"{F(Math.Max(1, barW - 1))}\" height=\"{F(Top + plotH - Y(v))}\"><title>{series.Name}, {c.X[i]}: {c.Format(v)}</title></rect>");
                    }
                }
            }
            else
            {
                foreach (var run in Runs(series.Values))
                {
                    var points = string.Join(' ', run.Select(i => F(X(i)) + "," + F(Y(series.Values[i]!.Value))));
                    w.Add($"<polyline class=\"{css}\" points=\"{points}\"/>");
                    foreach (var i in run)
                    {
                        w.Add($"<circle class=\"{css}\" cx=\"{F(X(i))}\" cy=\"{F(Y(series.Values[i]!.Value))}\" r=\"2.5\"><title>{series.Name}, {c.X[i]}: {c.Format(series.Values[i]!.Value)}</title></circle>");
                    }
                }
            }

            w.Add($"<rect class=\"{css}\" x=\"{Left + 8 + (s * 130)}\" y=\"{Height - 10}\" width=\"10\" height=\"8\"/><text x=\"{Left + 22 + (s * 130)}\" y=\"{Height - 2}\">{series.Name}</text>");
        }

        w.Raw("</svg>");
        Table(w, c);
        w.Raw("</figure>");
    }

    private static void Table(HtmlWriter w, Chart c)
    {
        w.Add($"<details class=\"data\"><summary>Numbers of “{c.Title}”</summary><table><thead><tr><th scope=\"col\">{c.XLabel}</th>");
        foreach (var s in c.Series)
        {
            w.Add($"<th scope=\"col\" class=\"num\">{s.Name}</th>");
        }

        w.Raw("</tr></thead><tbody>");
        for (var i = 0; i < c.X.Count; i++)
        {
            w.Add($"<tr><th scope=\"row\">{c.X[i]}</th>");
            foreach (var s in c.Series)
            {
                w.Add($"<td class=\"num\">{(i < s.Values.Count && s.Values[i] is { } v ? c.Format(v) : "–")}</td>");
            }

            w.Raw("</tr>");
        }

        w.Raw("</tbody></table></details>");
    }

    private static IEnumerable<List<int>> Runs(IReadOnlyList<double?> values)
    {
        var run = new List<int>();
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i].HasValue)
            {
                run.Add(i);
            }
            else if (run.Count > 0)
            {
                yield return run;
                run = [];
            }
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    // The top of the axis: four equal steps of 1, 2, 2.5 or 5 times a power of ten, so tick labels are round.
    private static double Nice(double max)
    {
        if (max <= 0)
        {
            return 1;
        }

        var raw = max / 4;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * power).First(s => s >= raw);
        return step * 4;
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Formats a share as a percentage.</summary>
    public static string Percent(double v) => v.ToString("0%", CultureInfo.InvariantCulture);

    /// <summary>Formats a count.</summary>
    public static string Count(double v) => v.ToString(v >= 1000 ? "#,0" : "0.#", CultureInfo.InvariantCulture);
}
