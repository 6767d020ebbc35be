namespace Rapport.Embeddings.Onnx;

/// <summary>The local model is missing, corrupt or unusable; the message says which file, why, and how to fix it.</summary>
public sealed class EmbeddingModelException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EmbeddingModelException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EmbeddingModelException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public EmbeddingModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
