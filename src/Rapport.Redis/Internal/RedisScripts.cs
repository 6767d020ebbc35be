using System.Reflection;
using System.Text;

namespace Rapport.Redis.Internal;

/// <summary>The Lua scripts of the store, each but <see cref="Record"/> and <see cref="Claim"/> prefixed with the shared prelude (<c>Scripts/prelude.lua</c>).</summary>
/// <remarks>
/// <para>
/// Every script but <see cref="Claim"/> takes the user's version key as <c>KEYS[1]</c> and derives the user's other
/// keys from it, so a script touches one hash slot and runs atomically on plain Redis and on Redis Cluster alike. The
/// prelude also brings a user's layout-1 data up to date before the script body runs. <see cref="Claim"/> touches the
/// id mappings of a batch, which span slots: it runs on a standalone server only.
/// </para>
/// <para>
/// Scripts are sent without comments or indentation: <see cref="Record"/> runs inside MULTI, loaded there with
/// <c>SCRIPT LOAD</c> on every write (Redis hashes its text each time), so its length costs every write.
/// </para>
/// </remarks>
internal static class RedisScripts
{
    public static readonly string Record = Minify(Resource("record"));

    /// <summary>The SHA-1 of <see cref="Record"/>, for the <c>EVALSHA</c> that follows its <c>SCRIPT LOAD</c> in the same transaction.</summary>
#pragma warning disable CA5350 // Redis names scripts by their SHA-1; this is an identifier, not a security measure.
    public static readonly byte[] RecordHash = System.Security.Cryptography.SHA1.HashData(Encoding.UTF8.GetBytes(Record));
#pragma warning restore CA5350
    public static readonly string Claim = Minify(Resource("claim"));

    /// <summary>Writes one intervention in one call on a standalone server (claim, value, indexes, version); see <c>recordone.lua</c>.</summary>
    public static readonly string RecordOne = Load("recordone");
    public static readonly string Check = Load("check");
    public static readonly string Version = Load("version");
    public static readonly string Reflection = Load("reflection");
    public static readonly string Profile = Load("profile");
    public static readonly string Outcome = Load("outcome");
    public static readonly string Read = Load("read");
    public static readonly string List = Load("list");
    public static readonly string Summary = Load("summary");
    public static readonly string Aggregate = Load("aggregate");
    public static readonly string Forget = Load("forget");
    public static readonly string Purge = Load("purge");
    public static readonly string Reembed = Load("reembed");
    public static readonly string BindEmbedder = Minify(Resource("embedder"));

    /// <summary>The scripts sent with <c>EVALSHA</c> (loaded at connect); <see cref="Record"/> is not among them.</summary>
    public static readonly IReadOnlyList<string> All = [Claim, RecordOne, Check, Version, Reflection, Profile, Outcome, Read, List, Summary, Aggregate, Forget, Purge, Reembed, BindEmbedder];

    private static string Load(string name) => Minify(Resource("prelude") + "\n" + Resource(name));

    /// <summary>Drops comment lines and indentation; the scripts put no comments after code and no "--" inside strings.</summary>
    internal static string Minify(string script)
    {
        var text = new StringBuilder(script.Length);
        foreach (var raw in script.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length > 0 && !line.StartsWith("--", StringComparison.Ordinal))
            {
                text.Append(line).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Rapport.Redis.Scripts.{name}.lua")
            ?? throw new InvalidOperationException($"The Lua script '{name}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
