namespace Rapport.Tests.Configuration;

/// <summary>Sets environment variables for one test and restores the previous values on dispose.</summary>
internal sealed class EnvironmentVariables : IDisposable
{
    private readonly Dictionary<string, string?> _previous = [];

    public EnvironmentVariables Set(string name, string? value)
    {
        _previous.TryAdd(name, Environment.GetEnvironmentVariable(name));
        Environment.SetEnvironmentVariable(name, value);
        return this;
    }

    public void Dispose()
    {
        foreach (var (name, value) in _previous)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
