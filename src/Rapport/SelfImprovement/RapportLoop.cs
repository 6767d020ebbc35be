using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Rapport.Context;
using Rapport.Learning;
using Rapport.Memory;
using Rapport.Recording;
using Rapport.Reflection;

namespace Rapport.SelfImprovement;

/// <summary>The self-improvement loop in one place: context before a turn, scoring and recording after it, learning, reflection.</summary>
/// <remarks>
/// <para>
/// One turn: <see cref="Context"/> builds what memory knows for the prompt, <see cref="Recommender"/> ranks the kinds of
/// intervention, the agent answers, <see cref="Recorder"/> scores and stores the answer, and the outcome arrives later
/// through <see cref="SetOutcomeAsync"/>, which is all learning needs (estimates are computed from the stored outcomes).
/// At the end of a session <see cref="Reflector"/> writes the reflection and updates the profile.
/// </para>
/// <para>Thread-safe. It does not own the memory service or the chat client.</para>
/// </remarks>
public sealed class RapportLoop
{
    /// <summary>Creates the loop over the memory service.</summary>
    /// <param name="memory">The memory service.</param>
    /// <param name="scorers">The scorers every recorded intervention is evaluated with.</param>
    /// <param name="options">The loop's options, or <see langword="null"/> for the defaults.</param>
    /// <param name="chatClient">The chat client that words reflections, or <see langword="null"/> to reflect offline.</param>
    /// <param name="timeProvider">The clock.</param>
    public RapportLoop(
        RapportMemory memory, IEnumerable<IEvaluator>? scorers = null, RapportLoopOptions? options = null,
        IChatClient? chatClient = null, TimeProvider? timeProvider = null)
    {
        Memory = memory ?? throw new ArgumentNullException(nameof(memory));
        options ??= new RapportLoopOptions();
        Recorder = new InterventionRecorder(memory, scorers, options.Recording);
        Recommender = new KindRecommender(memory, options.Learning, options.Population, timeProvider);
        Context = new MemoryContextBuilder(memory, options.Context, options.Recording, options.Tokenizer);
        Reflector = new SessionReflector(memory, chatClient, options.Reflection);
    }

    /// <summary>Gets the memory service.</summary>
    public RapportMemory Memory { get; }

    /// <summary>Gets the recorder that scores and stores interventions.</summary>
    public InterventionRecorder Recorder { get; }

    /// <summary>Gets the recommender that ranks kinds of intervention per user and situation.</summary>
    public KindRecommender Recommender { get; }

    /// <summary>Gets the builder of the prompt's memory context.</summary>
    public MemoryContextBuilder Context { get; }

    /// <summary>Gets the writer of session reflections.</summary>
    public SessionReflector Reflector { get; }

    /// <summary>Records whether an intervention helped; the next recommendation for the user takes it into account.</summary>
    /// <returns>The updated intervention, or <see langword="null"/> when no live intervention has that id.</returns>
    public Task<Intervention?> SetOutcomeAsync(string id, InterventionOutcome outcome, int? rating = null, CancellationToken cancellationToken = default) =>
        Memory.SetOutcomeAsync(id, outcome, rating, cancellationToken);
}
