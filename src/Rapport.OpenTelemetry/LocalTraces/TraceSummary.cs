using Rapport.Telemetry;
using System.Diagnostics;

namespace Rapport.OpenTelemetry.LocalTraces;

/// <summary>One trace in a listing: its root operation, when, how long, and whether anything failed.</summary>
/// <param name="TraceId">The trace, 32 hex digits.</param>
/// <param name="Operation">The root span's name.</param>
/// <param name="Start">When the trace started.</param>
/// <param name="Duration">From the first span's start to the last span's end.</param>
/// <param name="Status"><see cref="ActivityStatusCode.Error"/> when any span failed, else the root's status.</param>
/// <param name="SpanCount">How many spans the trace has.</param>
/// <param name="ErrorCount">How many of them failed.</param>
public sealed record TraceSummary(
    string TraceId, string Operation, DateTimeOffset Start, TimeSpan Duration, ActivityStatusCode Status, int SpanCount, int ErrorCount);
