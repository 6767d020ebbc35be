namespace Rapport.Search;

/// <summary>A snapshot as a <see cref="UserVectorCache"/> holds it: the set, the user's version it is at, and where the store's change feed continues from.</summary>
/// <param name="Set">The snapshot.</param>
/// <param name="Version">The user's version the snapshot is at least as new as.</param>
/// <param name="Cursor">The position in the store's change feed after which changes are not in <paramref name="Set"/> yet.</param>
public readonly record struct CachedUserVectorSet(UserVectorSet Set, long Version, long Cursor);
