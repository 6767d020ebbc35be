using System.Globalization;
using Rapport.Cli.Hosting;
using Rapport.OpenTelemetry.Otlp;

namespace Rapport.Cli.Doctor;

/// <summary>Doctor's rows for where data goes besides the store: the Redis outbox, the local trace store and OTLP export.</summary>
/// <remarks>None of them contacts a remote service: the OTLP row shows the configuration only.</remarks>
internal static class DoctorPipelineChecks
{
    /// <summary>The Redis outbox: how many writes wait and why; not used on SQLite. Run after the store check opened the store.</summary>
    public static DoctorCheck Outbox(CliHost host)
    {
        if (host.OpenedRedis is not { } redis)
        {
            return new DoctorCheck("outbox", DoctorStatus.Ok, "not used (only a Redis store queues writes during an outage)");
        }

        var pending = redis.PendingWrites;
        if (pending == 0)
        {
            return new DoctorCheck("outbox", DoctorStatus.Ok, $"{redis.OutboxPath}: empty");
        }

        return new DoctorCheck("outbox", DoctorStatus.Warn,
            string.Create(CultureInfo.InvariantCulture, $"{redis.OutboxPath}: {pending} write(s) wait; Redis at {redis.Endpoint} is {redis.Unreachable ?? "slow to answer"}"),
            "Start Redis (or fix the password in --store); the next command that reaches it applies the queued writes in order.");
    }

    /// <summary>The local trace store: its file, how long it keeps spans, and whether spans carry user text.</summary>
    public static DoctorCheck TraceStore(CliHost host)
    {
        var traces = host.Telemetry.Traces;
        if (traces is null)
        {
            return new DoctorCheck("trace store", DoctorStatus.Warn, $"off: {host.TracesUnavailable ?? "not opened"}",
                $"Make {host.Home} writable so that traces.db can be created; memory commands work without it.");
        }

        var size = File.Exists(traces.Path) ? new FileInfo(traces.Path).Length : 0;
        return new DoctorCheck("trace store", DoctorStatus.Ok, string.Create(CultureInfo.InvariantCulture,
            $"{traces.Path}: {size / 1024} KiB, spans kept {traces.Retention.TotalDays:0.#} days, user text {(traces.IncludeSensitiveData ? "INCLUDED (RAPPORT_TELEMETRY_SENSITIVE=true)" : "off")}"));
    }

    /// <summary>OTLP export: off, or where spans go and whether they carry user text (copies sent there cannot be recalled by forget).</summary>
    public static DoctorCheck Otlp(CliHost host)
    {
        OtlpEnvironment otlp;
        try
        {
            otlp = OtlpEnvironment.Read(host.Environment);
        }
        catch (ArgumentException e)
        {
            return new DoctorCheck("otlp export", DoctorStatus.Fail, e.Message.Split(" (Parameter '", 2)[0],
                $"Set {OtlpEnvironment.EndpointVariable} to an absolute http(s) URL, or unset it to keep traces local.");
        }

        if (!otlp.IsEnabled)
        {
            return new DoctorCheck("otlp export", DoctorStatus.Ok, $"off ({OtlpEnvironment.EndpointVariable} is not set); traces stay local");
        }

        var sensitive = host.Options.Telemetry.IncludeSensitiveData;
        return new DoctorCheck("otlp export", DoctorStatus.Ok,
            $"traces to {otlp.TracesEndpoint?.ToString() ?? "(none)"}, metrics to {otlp.MetricsEndpoint?.ToString() ?? "(none)"} ({otlp.Protocol}); " +
            $"user text {(sensitive ? "INCLUDED, and forget cannot recall copies already exported" : "off, user ids as a keyed hash")}; not contacted by doctor");
    }
}
