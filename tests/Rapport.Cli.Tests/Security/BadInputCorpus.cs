namespace Rapport.Cli.Tests.Security;

/// <summary>Invalid input for every command, built from each option's bad values: every case must exit 2 with one line.</summary>
/// <remarks>Cases found by <see cref="BoundaryFuzzTests"/>' random pass are added to <see cref="Found"/> and kept.</remarks>
internal static class BadInputCorpus
{
    private static readonly string[] BadUserIds =
        ["", " ", "a b", "a*", "{x}", "ü", new('u', 129), "a\u001b[2J", "a\0b", "a/b", "a\nb", "'; DROP TABLE interventions;--", "%s%n", "\u202eevil"];

    private static readonly string[] BadTexts = ["", "   ", "\t\n", new('x', 8_001), new('y', 100_000)];

    private static readonly string[] BadNames = ["", "two words", new('k', 65), "a*", "k\u001b[31m", "@tool", "../x"];

    /// <summary>Cases the random pass found (each once made a command misbehave); kept as regression tests.</summary>
    public static readonly string[][] Found =
    [
    ];

    /// <summary>Every case: the arguments (without --home) of one call that must be rejected.</summary>
    public static IEnumerable<string[]> All()
    {
        string[] Remember(string option, string value)
        {
            var args = new List<string> { "remember", "--user", "ana", "--situation", "s", "--kind", "k", "--text", "t" };
            var at = args.IndexOf(option);
            if (at >= 0)
            {
                args[at + 1] = value;
            }
            else
            {
                args.AddRange([option, value]);
            }

            return [.. args];
        }

        foreach (var user in BadUserIds)
        {
            yield return Remember("--user", user);
            yield return ["recall", "--user", user, "--query", "q"];
            yield return ["stats", "--user", user];
            yield return ["forget", "--user", user, "--yes"];
            yield return ["memories", "list", "--user", user];
            yield return ["memories", "export", "--user", user];
        }

        foreach (var text in BadTexts)
        {
            yield return Remember("--situation", text);
            yield return Remember("--text", text);
            yield return ["recall", "--user", "ana", "--query", text];
        }

        foreach (var name in BadNames)
        {
            yield return Remember("--kind", name);
            yield return Remember("--tool", name);
            yield return ["recall", "--user", "ana", "--query", "q", "--kind", name];
        }

        foreach (var session in (string[])["a b", "{s}", new('s', 129)])
        {
            yield return Remember("--session", session);
        }

        foreach (var rating in (string[])["9", "-1", "abc", "1.5", "99999999999", ""])
        {
            yield return Remember("--rating", rating);
            yield return ["outcome", "--id", "0123456789abcdef0123456789abcdef", "--outcome", "helped", "--rating", rating];
        }

        foreach (var outcome in (string[])["maybe", "", "HELPED?", "unknwn"])
        {
            yield return Remember("--outcome", outcome);
            yield return ["outcome", "--id", "0123456789abcdef0123456789abcdef", "--outcome", outcome];
            yield return ["recall", "--user", "ana", "--query", "q", "--outcome", outcome];
        }

        foreach (var top in (string[])["0", "-1", "1001", "abc", "1e3", ""])
        {
            yield return ["recall", "--user", "ana", "--query", "q", "--top", top];
        }

        foreach (var quality in (string[])["2", "-0.1", "NaN", "abc", "Infinity"])
        {
            yield return ["recall", "--user", "ana", "--query", "q", "--min-quality", quality];
        }

        foreach (var mode in (string[])["fast", "", "DENSE;"])
        {
            yield return ["recall", "--user", "ana", "--query", "q", "--mode", mode];
        }

        foreach (var id in (string[])["a b", "", "x*", new('f', 129), "\u001b[2J", "{id}"])
        {
            yield return ["outcome", "--id", id, "--outcome", "helped"];
        }

        foreach (var store in (string[])["bogus", "mongo:x", "redis:::::", "redis:", "redis:host:99999"])
        {
            yield return ["stats", "--store", store];
            yield return ["recall", "--user", "ana", "--query", "q", "--store", store];
            yield return Remember("--store", store);
        }

        // Unknown options and stray words, for every command.
        string[][] commands =
        [
            ["remember"], ["outcome"], ["recall"], ["stats"], ["memories", "list"], ["memories", "export"], ["forget"], ["demo"],
            ["traces"], ["traces", "show", "0123456789abcdef0123456789abcdef"], ["bench", "retrieval"], ["doctor"], ["serve"], ["keys", "list"], ["eval", "list"],
            ["eval", "show", "2026-12"], ["eval", "run"], ["chat"],
        ];
        foreach (var command in commands)
        {
            yield return [.. command, "--no-such-option"];
        }

        yield return ["stats", "stray-word"];
        yield return ["chat", "--json"];
        yield return ["no-such-command"];
        yield return ["memories"];

        foreach (var found in Found)
        {
            yield return found;
        }
    }
}
