namespace Rapport.Demo;

/// <summary>A thread-safe count.</summary>
internal sealed class RunCounter
{
    private long _value;

    public long Value => Interlocked.Read(ref _value);

    public void Increment() => Interlocked.Increment(ref _value);
}
