using System.Reflection;

namespace Rapport.Redis.Internal;

/// <summary>The Lua scripts of the store, each prefixed with the shared prelude (<c>Scripts/prelude.lua</c>).</summary>
/// <remarks>
/// Every script takes exactly one key, the user's version key, and derives the user's other keys from it, so a
/// script touches one hash slot and runs atomically on plain Redis and on Redis Cluster alike.
/// </remarks>
internal static class RedisScripts
{
    public static readonly string Record = Load("record");
    public static readonly string Reflection = Load("reflection");
    public static readonly string Profile = Load("profile");
    public static readonly string Outcome = Load("outcome");
    public static readonly string Read = Load("read");
    public static readonly string List = Load("list");
    public static readonly string Summary = Load("summary");
    public static readonly string Forget = Load("forget");
    public static readonly string Purge = Load("purge");

    public static readonly IReadOnlyList<string> All = [Record, Reflection, Profile, Outcome, Read, List, Summary, Forget, Purge];

    private static string Load(string name) => Resource("prelude") + "\n" + Resource(name);

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Rapport.Redis.Scripts.{name}.lua")
            ?? throw new InvalidOperationException($"The Lua script '{name}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
