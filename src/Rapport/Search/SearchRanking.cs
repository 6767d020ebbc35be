namespace Rapport.Search;

/// <summary>The parameters of lexical scoring (BM25F) and of hybrid fusion.</summary>
/// <remarks>
/// Immutable; validated by <see cref="Validate"/>. The defaults were chosen on the development half of LoCoMo
/// (docs/retrieval.md) and are meant to generalise: nothing in them refers to a particular dataset.
/// </remarks>
public sealed record SearchRanking
{
    /// <summary>Gets the default ranking.</summary>
    public static SearchRanking Default { get; } = new();

    /// <summary>Gets BM25's term-frequency saturation k1 (0 = presence only).</summary>
    /// <value>The default is 1.2.</value>
    public double K1 { get; init; } = 1.2;

    /// <summary>Gets BM25's length normalization b in 0..1.</summary>
    /// <value>The default is 0.75.</value>
    public double B { get; init; } = 0.75;

    /// <summary>Gets the weight of a word in the intervention text relative to one in the situation (BM25F).</summary>
    /// <value>The default is 0.5: the situation is what a new situation is compared with; the text adds context.</value>
    public double TextWeight { get; init; } = 0.5;

    /// <summary>Gets the share of the lexical evidence in hybrid fusion, in 0..1 (the rest is dense).</summary>
    /// <value>The default is 0.6: on LoCoMo (dev half, all-MiniLM-L6-v2) recall@10 is flat from 0.5 to 0.7 and drops
    /// on either side, so the default sits mid-plateau rather than on a tuned peak.</value>
    public double LexicalWeight { get; init; } = 0.6;

    /// <summary>Gets the share of the best neighbouring memory's hybrid score that a memory adds to its own, in 0..1.</summary>
    /// <remarks>Neighbours are the memories just before and after in the same session (by creation time, then id) that
    /// pass the filters. A turn of a conversation is often only understood with the turn before or after it (a question
    /// and its answer, "look at this" and the photo), so a memory next to a strong match is likely relevant too.
    /// Applies to hybrid search only; dense and lexical stay pure.</remarks>
    /// <value>The default is 0.4: on LoCoMo (dev half) recall is flat from 0.3 to 0.6 and well above 0.</value>
    public double NeighbourWeight { get; init; } = 0.4;

    /// <summary>Gets how much a memory from the time a query names ("last week", "in May", "on October 13") gains, in 0..1.</summary>
    /// <remarks>A memory inside the named interval gains the whole weight, one outside it less the further away it is (halving
    /// every interval length, at least a week); queries that name no time rank as before. Applies to hybrid search only.</remarks>
    /// <value>The default is 0.3.</value>
    public double TimeWeight { get; init; } = 0.3;

    /// <summary>Gets the share of its session's score that a memory adds to its own, in 0..1 (hybrid only).</summary>
    /// <remarks>A session's score is the best hybrid score among its memories that pass the filters plus their mean (before
    /// session context and this share): a conversation that is about what the query asks, at its peak and throughout, lends its
    /// memories weight over a stray match in a conversation about something else. A memory without a session counts as a
    /// session of its own, so the order of such memories among themselves does not change.</remarks>
    /// <value>The default is 0.6: on LoCoMo (dev half, conversations 1-3) recall@10 is flat from 0.5 to 0.7 and above 0.</value>
    public double SessionWeight { get; init; } = 0.6;

    /// <summary>Gets the share of a strong match's score that a memory sharing a rare word with it gains, in 0..1 (hybrid only).</summary>
    /// <remarks>Links between memories, a walk of one hop: each of the <see cref="LinkSeeds"/> best matches lends this share of
    /// its hybrid score to the memories that share one of its rare words (in at most <see cref="LinkMaxShare"/> of the user's
    /// memories; the query's own words excluded, as they count directly), and a memory keeps the best loan it is offered. A
    /// question whose answer is spread over several memories ("Where did she move from?": "since I moved from my home country"
    /// and, weeks later, "a gift from my grandma in my home country, Sweden") finds the second through the first. Only rare
    /// words link, so that a common word does not pull in everything, the drift that query expansion from the first results
    /// showed (docs/retrieval.md). Applies to hybrid search only.</remarks>
    /// <value>The default is 0.15: on LoCoMo (dev half, conversations 1-3) recall@10 is flat from 0.1 to 0.2 and falls from 0.3.</value>
    public double LinkWeight { get; init; } = 0.15;

    /// <summary>Gets how many of the best matches lend their score to linked memories (<see cref="LinkWeight"/>), 1 to 100.</summary>
    /// <value>The default is 10.</value>
    public int LinkSeeds { get; init; } = 10;

    /// <summary>Gets the largest share of a user's memories a word may appear in and still link them, in 0..1.</summary>
    /// <value>The default is 0.01 (at least two memories).</value>
    public double LinkMaxShare { get; init; } = 0.01;

    /// <summary>Throws unless every parameter is in range.</summary>
    public void Validate()
    {
        Check(K1, 0, 10, nameof(K1));
        Check(B, 0, 1, nameof(B));
        Check(TextWeight, 0, 10, nameof(TextWeight));
        Check(LexicalWeight, 0, 1, nameof(LexicalWeight));
        Check(NeighbourWeight, 0, 1, nameof(NeighbourWeight));
        Check(TimeWeight, 0, 1, nameof(TimeWeight));
        Check(SessionWeight, 0, 1, nameof(SessionWeight));
        Check(LinkWeight, 0, 1, nameof(LinkWeight));
        Check(LinkSeeds, 1, 100, nameof(LinkSeeds));
        Check(LinkMaxShare, 0, 1, nameof(LinkMaxShare));
    }

    private static void Check(double value, double min, double max, string name)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Invalid {name} {value}: use a number from {min} to {max}.");
        }
    }
}
