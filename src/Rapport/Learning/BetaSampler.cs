namespace Rapport.Learning;

/// <summary>Draws from Beta distributions (two Gamma draws, Marsaglia and Tsang), seeded for reproducible exploration.</summary>
internal sealed class BetaSampler(int? seed)
{
    private readonly Random _random = seed is { } s ? new Random(s) : new Random();
    private readonly Lock _lock = new();

    public double Sample(double alpha, double beta)
    {
        lock (_lock)
        {
            var x = Gamma(alpha);
            var y = Gamma(beta);
            return x + y > 0 ? x / (x + y) : 0.5;
        }
    }

    private double Gamma(double shape)
    {
        if (shape < 1)
        {
            // Boost: Gamma(a) = Gamma(a + 1) * U^(1/a).
            return Gamma(shape + 1) * Math.Pow(Uniform(), 1 / shape);
        }

        var d = shape - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal();
                v = 1 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            var u = Uniform();
            if (Math.Log(u) < (0.5 * x * x) + (d * (1 - v + Math.Log(v))))
            {
                return d * v;
            }
        }
    }

    private double Uniform() => 1 - _random.NextDouble();

    private double Normal() => Math.Sqrt(-2 * Math.Log(Uniform())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
