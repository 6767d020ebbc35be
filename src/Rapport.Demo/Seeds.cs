namespace Rapport.Demo;

/// <summary>Derives independent, stable seeds (HashCode is randomized per process, so it cannot be used).</summary>
internal static class Seeds
{
    public static int Mix(int seed, int a, int b)
    {
        unchecked
        {
            // SplitMix64 finalizer over the three values.
            var x = ((ulong)(uint)seed << 32) ^ ((ulong)(uint)a * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)b * 0xBF58476D1CE4E5B9UL);
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            return (int)(x ^ (x >> 31));
        }
    }
}
