namespace Rapport.Storage;

/// <summary>A store could not be opened or reached; the message says which and why.</summary>
public sealed class MemoryStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MemoryStoreException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MemoryStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public MemoryStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
