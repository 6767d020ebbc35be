using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rapport.Server.Dashboard.Views;

/// <summary>The export's JSON settings: the same shape as <c>GET /v1/users/{userId}/export</c>.</summary>
internal static class ExportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter() },
    };
}
