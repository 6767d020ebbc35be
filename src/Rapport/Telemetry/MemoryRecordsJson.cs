using System.Buffers;
using System.Text;
using System.Text.Json;
using Rapport.Memory;
using Rapport.Storage;

namespace Rapport.Telemetry;

/// <summary>Writes <c>gen_ai.memory.records</c>: the GenAI memory-records JSON (<c>[{"id","score","content","metadata"}]</c>).</summary>
/// <remarks>The content is user text: callers set the attribute only when sensitive data is opted in.</remarks>
internal static class MemoryRecordsJson
{
    public static string From(IReadOnlyList<MemorySearchHit> hits)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var hit in hits)
            {
                var item = hit.Intervention;
                json.WriteStartObject();
                json.WriteString("id", item.Id);
                json.WriteNumber("score", Math.Round(hit.Similarity, 6));
                json.WriteStartObject("content");
                json.WriteString("situation", item.Situation);
                json.WriteString("text", item.Text);
                json.WriteEndObject();
                json.WriteStartObject("metadata");
                json.WriteString("kind", item.Kind);
                json.WriteString("outcome", item.Outcome.ToText());
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
