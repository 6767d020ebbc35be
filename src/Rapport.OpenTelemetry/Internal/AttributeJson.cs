using Rapport.Telemetry;
using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Rapport.OpenTelemetry.LocalTraces;

namespace Rapport.OpenTelemetry.Internal;

/// <summary>Span attributes and events to and from JSON: strings, numbers, booleans and arrays of them.</summary>
internal static class AttributeJson
{
    public static string Write(IReadOnlyDictionary<string, object?> attributes)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteObject(writer, attributes);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string WriteEvents(IReadOnlyList<TraceEvent> events)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var e in events)
            {
                writer.WriteStartObject();
                writer.WriteString("name", e.Name);
                writer.WriteString("time", e.Timestamp);
                writer.WritePropertyName("attributes");
                WriteObject(writer, e.Attributes);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static Dictionary<string, object?> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ReadObject(document.RootElement);
    }

    public static List<TraceEvent> ReadEvents(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(e => new TraceEvent(
                e.GetProperty("name").GetString()!,
                e.GetProperty("time").GetDateTimeOffset(),
                ReadObject(e.GetProperty("attributes"))))
            .ToList();
    }

    private static void WriteObject(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> attributes)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in attributes)
        {
            writer.WritePropertyName(key);
            WriteValue(writer, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case double d when double.IsFinite(d): writer.WriteNumberValue(d); break;
            case float f when float.IsFinite(f): writer.WriteNumberValue(f); break;
            case decimal m: writer.WriteNumberValue(m); break;
            case byte or sbyte or short or ushort or int or uint or long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u: writer.WriteNumberValue(u); break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default: writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    private static Dictionary<string, object?> ReadObject(JsonElement element)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            result[property.Name] = ReadValue(property.Value);
        }

        return result;
    }

    private static object? ReadValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => value.TryGetInt64(out var l) ? l : (object)value.GetDouble(),
        JsonValueKind.Array => value.EnumerateArray().Select(ReadValue).ToArray(),
        _ => null,
    };
}
