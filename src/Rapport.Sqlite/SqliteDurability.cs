namespace Rapport.Sqlite;

/// <summary>How hard the SQLite store works to keep acknowledged writes through a power loss.</summary>
public enum SqliteDurability
{
    /// <summary><c>synchronous = FULL</c>: every commit is synced to disk. The default.</summary>
    Full,

    /// <summary><c>synchronous = NORMAL</c> in WAL mode: commits are synced at checkpoints, so a power loss may lose the
    /// latest ones but never corrupts the file. For simulations and data that can be rebuilt.</summary>
    Normal,
}
