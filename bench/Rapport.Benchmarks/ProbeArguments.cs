using System.Globalization;

namespace Rapport.Benchmarks;

/// <summary>The options of the probes (<c>--rounds 20</c> and the like), read one way.</summary>
internal static class ProbeArguments
{
    /// <summary>Returns the whole number after <paramref name="name"/>, or <paramref name="fallback"/> when it is not given.</summary>
    public static int Int(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
