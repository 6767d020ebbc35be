namespace Rapport.Calibration;

/// <summary>Everything the calibration reads from the shared data folder, in memory, never written anywhere.</summary>
internal sealed class DataSets
{
    private DataSets(string folder)
    {
        var esconv = Path.Combine(folder, "esconv");
        Esconv = new Dictionary<string, List<Dialog>>
        {
            [Splits.Train] = Samples.EsconvDialogs(Path.Combine(esconv, "train.jsonl")),
            [Splits.Valid] = Samples.EsconvDialogs(Path.Combine(esconv, "valid.jsonl")),
            [Splits.Test] = Samples.EsconvDialogs(Path.Combine(esconv, "test.jsonl")),
        };

        // MultiESC's valid and test dialogs are ESConv's valid and test dialogs with per-turn seeker feedback.
        MultiEsc = new Dictionary<string, List<FeedbackTurn>>
        {
            [Splits.Valid] = Samples.MultiEscFeedback(Path.Combine(esconv, "multiesc_valid.jsonl")),
            [Splits.Test] = Samples.MultiEscFeedback(Path.Combine(esconv, "multiesc_test.jsonl")),
        };
        (FailedDialogs, FailedFeedback) = Samples.FailedEsconv(Path.Combine(esconv, "FailedESConv.json"));
        Questions = Samples.CounselChat(Path.Combine(folder, "counselchat", "20200325_counsel_chat.csv"));
    }

    public Dictionary<string, List<Dialog>> Esconv { get; }

    public Dictionary<string, List<FeedbackTurn>> MultiEsc { get; }

    public List<Dialog> FailedDialogs { get; }

    public List<FeedbackTurn> FailedFeedback { get; }

    public List<Question> Questions { get; }

    public static DataSets Load(string folder) => new(folder);

    /// <summary>Adds the comparisons of one split to <paramref name="report"/>; the first two are the primary ones.</summary>
    /// <remarks>ESConv train has no per-turn feedback, so on the training split the MultiESC row is left out.</remarks>
    public void Compare(Report report, string split)
    {
        const int FailedCluster = 100_000;
        var good = Esconv[split];
        var failed = FailedDialogs.Where(d => Splits.Of(d.Index) == split).ToList();
        report.Add($"ESConv {split} dialogs vs FailedESConv {split} dialogs (mean over supporter turns)", primary: true,
            good.Select(d => (true, (IReadOnlyList<Turn>)d.Turns, d.Index))
                .Concat(failed.Select(d => (false, (IReadOnlyList<Turn>)d.Turns, FailedCluster + d.Index))));
        report.AddPairs($"CounselChat {split} questions: answer pairs, more upvotes vs fewer", primary: true,
            Questions.Where(q => Splits.Of(q.Id) == split));
        report.Add($"ESConv {split}: seeker empathy 5 vs 1-3 (mean over supporter turns)", primary: false,
            good.Where(d => d.Empathy is 5 or <= 3).Select(d => (d.Empathy == 5, (IReadOnlyList<Turn>)d.Turns, d.Index)));
        if (MultiEsc.TryGetValue(split, out var multi))
        {
            report.Add($"MultiESC {split} turns: seeker feedback 5 vs 1-3", primary: false,
                multi.Where(t => t.Feedback is 5 or <= 3).Select(t => (t.Feedback == 5, (IReadOnlyList<Turn>)[t.Turn], t.Dialog)));
        }

        report.Add($"FailedESConv {split} turns: seeker feedback 4-5 vs 1-2", primary: false,
            FailedFeedback.Where(t => Splits.Of(t.Dialog) == split && t.Feedback != 3)
                .Select(t => (t.Feedback >= 4, (IReadOnlyList<Turn>)[t.Turn], t.Dialog)));
    }
}
