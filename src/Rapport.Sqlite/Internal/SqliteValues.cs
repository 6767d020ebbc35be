using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Rapport.Sqlite.Internal;

/// <summary>Conversions between Rapport's values and SQLite columns.</summary>
/// <remarks>Instants are stored as UTC ticks (exact round trip, cheap comparisons); vectors as little-endian float32 BLOBs.</remarks>
internal static class SqliteValues
{
    public static long Ticks(DateTimeOffset value) => value.UtcTicks;

    public static DateTimeOffset Instant(long ticks) => new(ticks, TimeSpan.Zero);

    public static DateTimeOffset? Instant(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Instant(reader.GetInt64(ordinal));

    public static byte[] Blob(ReadOnlyMemory<float> vector) => MemoryMarshal.AsBytes(vector.Span).ToArray();

    public static float[] Vector(SqliteDataReader reader, int ordinal)
    {
        var bytes = (byte[])reader.GetValue(ordinal);
        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }

    public static object OrNull<T>(T? value)
        where T : struct => value.HasValue ? value.Value : DBNull.Value;

    public static object OrNull(string? value) => value is null ? DBNull.Value : value;

    // The transaction (SqliteWrite) was begun by SQL on this connection: its commands need no Transaction property.
    public static SqliteCommand Command(SqliteConnection connection, string sql, SqliteWrite? transaction) => Command(connection, sql);

    // On a store's own connection the command comes prepared from an earlier call with the same SQL (PreparedConnection);
    // the caller disposes it either way.
    public static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection is PreparedConnection prepared ? prepared.Command(sql) : connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }
}
