using Microsoft.Data.Sqlite;
using Rapport.Embeddings.Onnx;
using Rapport.Memory;
using Rapport.Storage;

namespace Rapport.Cli.Commands;

/// <summary>The one mapping from a failure to the line the CLI prints and its exit code.</summary>
/// <remarks>Every command goes through it, and <see cref="RapportCli"/> uses it as the last resort, so no failure reaches the
/// runtime (a stack trace and exit 134). SQLite errors after the store opened (a read-only or damaged file, a full disk) are
/// named with what to do, whether the library wrapped them in a <see cref="MemoryStoreException"/> or not.</remarks>
internal static class CliFailures
{
    /// <summary>Returns the message and exit code for <paramref name="failure"/>.</summary>
    public static (string Message, int ExitCode) Describe(Exception failure)
    {
        if (Find<SqliteException>(failure) is { } sqlite && Sqlite(sqlite) is { } described)
        {
            return (described, ExitCodes.Failure);
        }

        return failure switch
        {
            Rapport.Evaluation.Datasets.EvaluationDatasetException => (failure.Message, ExitCodes.BadInput),
            ArgumentException => (failure.Message.Split(" (Parameter '", 2)[0], ExitCodes.BadInput),
            Hosting.ChatModelException => (failure.Message, ExitCodes.Failure),
            MemoryStoreException or EmbeddingModelException or EmbeddingModelMismatchException => (failure.Message, ExitCodes.Failure),
            SqliteException => ($"The SQLite store failed: {failure.Message}", ExitCodes.Failure),
            InvalidOperationException or IOException or UnauthorizedAccessException => (failure.Message, ExitCodes.Failure),
            _ => ($"{failure.GetType().Name}: {failure.Message}", ExitCodes.Failure),
        };
    }

    private static string? Sqlite(SqliteException ex) => (ex.SqliteErrorCode & 0xFF) switch
    {
        3 or 8 => "The store is read-only (SQLite: " + ex.Message + "): make the data folder and its files writable by this user, " +
            "or point --store at a writable location.",
        11 or 26 => "The store file is damaged (SQLite: " + ex.Message + "): restore it from a backup, or move it aside to start an empty " +
            "store (sqlite3's .recover may save its rows).",
        13 => "The disk is full (SQLite: " + ex.Message + "): nothing was written by this call; free space and retry.",
        5 or 6 => "The store is busy: another process held its lock too long (SQLite: " + ex.Message + "); retry.",
        10 => "The store could not be read or written (SQLite I/O error: " + ex.Message + "); check the disk and retry.",
        14 => "The store file cannot be opened (SQLite: " + ex.Message + "); check that its folder exists and is accessible.",
        _ => null,
    };

    private static T? Find<T>(Exception? ex)
        where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T found)
            {
                return found;
            }
        }

        return null;
    }
}
