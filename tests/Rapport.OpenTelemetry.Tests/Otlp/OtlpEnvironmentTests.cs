using Rapport.Telemetry;
using OpenTelemetry.Exporter;
using Rapport.OpenTelemetry.Otlp;

namespace Rapport.OpenTelemetry.Tests.Otlp;

public sealed class OtlpEnvironmentTests
{
    [Fact]
    public void Read_NoEndpoint_ExportsNothing()
    {
        Assert.False(OtlpEnvironment.Read(_ => null).IsEnabled);
    }

    [Fact]
    public void Read_BaseEndpointHttp_AppendsSignalPaths()
    {
        var otlp = OtlpEnvironment.Read(Variables(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/"), ("OTEL_EXPORTER_OTLP_HEADERS", "a=b,c=d")));

        Assert.Equal(new Uri("http://collector:4318/v1/traces"), otlp.TracesEndpoint);
        Assert.Equal(new Uri("http://collector:4318/v1/metrics"), otlp.MetricsEndpoint);
        Assert.Equal("a=b,c=d", otlp.Headers);
        Assert.Equal(OtlpExportProtocol.HttpProtobuf, otlp.Protocol);
    }

    [Fact]
    public void Read_GrpcAndSignalEndpoint_UsesThemAsGiven()
    {
        var otlp = OtlpEnvironment.Read(Variables(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
            ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://traces.example/custom")));

        Assert.Equal(new Uri("https://traces.example/custom"), otlp.TracesEndpoint);
        Assert.Equal(new Uri("http://collector:4317"), otlp.MetricsEndpoint);
        Assert.Equal(OtlpExportProtocol.Grpc, otlp.Protocol);
    }

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318", "absolute http")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json", "http/protobuf or grpc")]
    public void Read_BadValue_ThrowsWithAccepted(string name, string value, string accepted)
    {
        var error = Assert.Throws<ArgumentException>(() => OtlpEnvironment.Read(Variables((name, value))));

        Assert.Contains(accepted, error.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Variables(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;
}
