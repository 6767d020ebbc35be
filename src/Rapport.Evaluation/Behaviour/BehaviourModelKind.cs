namespace Rapport.Evaluation.Behaviour;

/// <summary>Which behaviour model produced a prediction.</summary>
public enum BehaviourModelKind
{
    /// <summary>Lexical pair features only: no embedder, or the hashing fallback, or an embedder the model was not fitted on.</summary>
    Lexical,

    /// <summary>Lexical pair features plus all-MiniLM-L6-v2 embeddings of the turn and the previous message.</summary>
    MiniLm,
}
