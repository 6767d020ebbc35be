namespace Rapport.Evaluation.Datasets;

/// <summary>A dataset or recorded-responses file could not be read; the message lists each bad line by number.</summary>
public sealed class EvaluationDatasetException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EvaluationDatasetException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EvaluationDatasetException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public EvaluationDatasetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the line-numbered problems, for example <c>line 3: "id" is missing</c>.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
}
