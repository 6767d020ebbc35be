using Rapport.Redis.Internal;
using Rapport.Redis.Resilience;
using StackExchange.Redis;

namespace Rapport.Redis.Topology;

/// <summary>What the connected deployment is (one standalone primary, or a cluster), and its script cache kept warm.</summary>
/// <remarks>
/// <para>
/// A standalone server (one primary, with or without replicas) accepts scripts whose keys span slots; a cluster does
/// not. Until a connection says which, the store assumes a cluster, whose commands suit both.
/// </para>
/// <para>
/// Loading the scripts on every primary lets StackExchange.Redis send <c>EVALSHA</c> (a hash) instead of each
/// script's text (<c>record.lua</c> runs inside MULTI, where it is always sent in full).
/// </para>
/// <para>Thread-safe: <see cref="Refresh"/> runs at open and on every restored connection, while writes read <see cref="IsStandalone"/>.</para>
/// </remarks>
internal sealed class RedisTopology(IConnectionMultiplexer connection)
{
    private volatile bool _standalone;

    /// <summary>Gets whether the deployment is one standalone primary, so one script may touch keys of several slots.</summary>
    public bool IsStandalone => _standalone;

    /// <summary>Detects the topology again and loads the scripts on every connected primary.</summary>
    public void Refresh()
    {
        Detect();
        LoadScripts();
    }

    private void Detect()
    {
        try
        {
            var servers = connection.GetServers();
            _standalone = servers.Length > 0
                && servers.All(s => s.IsConnected && s.ServerType == ServerType.Standalone)
                && servers.Count(s => !s.IsReplica) == 1;
        }
        catch (Exception ex) when (ex is ObjectDisposedException || RedisFailures.IsUnavailable(ex))
        {
            _standalone = false;
        }
    }

    private void LoadScripts()
    {
        try
        {
            foreach (var server in connection.GetServers().Where(s => s.IsConnected && !s.IsReplica))
            {
                foreach (var script in RedisScripts.All)
                {
                    RedisFailures.Observe(server.ScriptLoadAsync(script, CommandFlags.None));
                }
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException || RedisFailures.IsUnavailable(ex))
        {
            // Closing, or the connection dropped again: scripts are sent in full (EVAL) until the next load.
        }
    }
}
