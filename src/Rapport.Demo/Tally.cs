namespace Rapport.Demo;

/// <summary>Counts of turns and successes per coach in one session, updated from parallel users.</summary>
internal sealed class Tally
{
    private long _turns;
    private long _noMemory;
    private long _rapport;
    private long _oracle;
    private long _typeAware;

    public void Add(bool noMemory, bool rapport, bool oracle, bool typeAware)
    {
        if (typeAware)
        {
            Interlocked.Increment(ref _typeAware);
        }

        Interlocked.Increment(ref _turns);
        if (noMemory)
        {
            Interlocked.Increment(ref _noMemory);
        }

        if (rapport)
        {
            Interlocked.Increment(ref _rapport);
        }

        if (oracle)
        {
            Interlocked.Increment(ref _oracle);
        }
    }

    public SessionRates ToRates(int session) =>
        new(session, Rate(_noMemory), Rate(_rapport), Rate(_oracle), Rate(_typeAware));

    private double Rate(long count) => _turns == 0 ? 0 : count / (double)_turns;
}
