using System.Text.Json;
using System.Text.RegularExpressions;
using Rapport.Cli.Tests.Commands.Eval;

namespace Rapport.Cli.Tests;

/// <summary>The output contract of docs/cli.md, checked over every command that prints JSON: camelCase names, lowercase
/// enum values, numbers with at most four decimals, one exit code per outcome, and read-only commands that create nothing.</summary>
public sealed partial class OutputContractTests : IDisposable
{
    private readonly CliRun _cli = new();

    [Fact]
    public async Task EveryJsonCommand_CamelCaseNames_LowercaseVerdicts_RoundedNumbers()
    {
        var id = (await Ok("remember", "--user", "ana", "--situation", "I feel anxious about my exam tomorrow", "--kind", "breathing", "--text", "Breathe in for four.", "--json"))
            .GetProperty("id").GetString()!;
        await Ok("remember", "--user", "ana", "--situation", "My flatmate keeps ignoring me", "--kind", "reframe", "--text", "What else could it mean?", "--json");
        await Ok("outcome", "--id", id, "--outcome", "helped", "--rating", "4", "--json");
        var recall = await Ok("recall", "--user", "ana", "--query", "anxious about the exam", "--json");
        var scores = recall.EnumerateArray().Select(h => h.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(2, scores.Count);
        Assert.Equal(scores.OrderDescending(), scores);
        await Ok("stats", "--json");
        await Ok("stats", "--user", "ana", "--json");
        var traces = await Ok("traces", "--json");
        await Ok("traces", "show", traces[0].GetProperty("traceId").GetString()!, "--json");
        var warm = (await Ok("eval", "run", "--dataset", EvalSamples.Path("coaching-cases.jsonl"), "--target", "recorded:" + EvalSamples.Path("responses-warm.jsonl"), "--json"))
            .GetProperty("id").GetString()!;
        var cold = (await Ok("eval", "run", "--dataset", EvalSamples.Path("coaching-cases.jsonl"), "--target", "recorded:" + EvalSamples.Path("responses-lecturing.jsonl"), "--json"))
            .GetProperty("id").GetString()!;
        var list = await Ok("eval", "list", "--json");
        var show = await Ok("eval", "show", warm[^11..], "--json");
        var ambiguous = await _cli.RunAsync("eval", "show", "run-", "--json");
        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Contains(warm, ambiguous.Error, StringComparison.Ordinal);
        Assert.Contains(cold, ambiguous.Error, StringComparison.Ordinal);
        foreach (var field in (string[])["id", "datasetName", "targetDescription", "startedAt"])
        {
            Assert.True(list[0].TryGetProperty(field, out _), $"eval list lacks {field}");
            Assert.True(show.TryGetProperty(field, out _), $"eval show lacks {field}");
        }

        var compare = await Ok("eval", "compare", warm, cold, "--json");
        Assert.Contains("\"verdict\"", compare.GetRawText(), StringComparison.Ordinal);
        await Ok("doctor", "--json");
        await Ok("forget", "--user", "ana", "--yes", "--json");
    }

    [Fact]
    public async Task NotFound_ExitsThree_Everywhere()
    {
        await Ok("remember", "--user", "ana", "--situation", "Tense before my talk", "--kind", "breathing", "--text", "Breathe.", "--json");
        var missing = new string('0', 32);

        foreach (var args in (string[][])[["outcome", "--id", missing, "--outcome", "helped"], ["eval", "show", "run-none"], ["eval", "compare", "run-none", "run-other"], ["traces", "show", missing]])
        {
            var result = await _cli.RunAsync([.. args, "--json"]);
            Assert.True(result.ExitCode == 3, $"{string.Join(' ', args)}: exit {result.ExitCode} {result.Error}");
            Assert.Single(result.Error.Trim().Split('\n'));
        }
    }

    [Fact]
    public async Task BadInput_ExitsTwo_WithOneClearLine()
    {
        var chat = await _cli.RunAsync("chat", "--user", "ana", "--json");
        Assert.Equal(2, chat.ExitCode);
        Assert.Contains("no --json output", chat.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await _cli.RunAsync("recall", "--user", "ana", "--query", "x", "--top", "abc")).ExitCode);
        Assert.Equal(2, (await _cli.RunAsync("stats", "--bogus", "--json")).ExitCode);
    }

    [Fact]
    public async Task ReadOnlyCommands_OnAMissingStore_CreateNothing_AndSaySo()
    {
        var root = Directory.CreateTempSubdirectory("rapport-ro-").FullName;
        try
        {
            var db = Path.Combine(root, "nonexistent", "dir", "x.db");
            foreach (var command in (string[][])[["stats"], ["stats", "--user", "ana"]])
            {
                var result = await _cli.RunAsync([.. command, "--store", "sqlite:" + db, "--json"]);
                Assert.Equal(3, result.ExitCode);
                Assert.Contains($"no store at {db}", result.Error, StringComparison.Ordinal);
                Assert.False(Directory.Exists(Path.Combine(root, "nonexistent")), $"{command[0]} created folders");
            }

            Assert.False(File.Exists(Path.Combine(_cli.Home, "rapport.db")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private async Task<JsonElement> Ok(params string[] args)
    {
        var result = await _cli.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)}: exit {result.ExitCode} {result.Error}");
        var root = JsonDocument.Parse(result.Output).RootElement;
        CheckContract(root, string.Join(' ', args.Take(2)));
        return root;
    }

    private static void CheckContract(JsonElement element, string where)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Assert.True(CamelCase().IsMatch(property.Name), $"{where}: field '{property.Name}' is not camelCase");
                    if (property.Name == "verdict")
                    {
                        Assert.Equal(property.Value.GetString()!.ToLowerInvariant(), property.Value.GetString());
                    }

                    // Metadata, per-scorer maps and span attributes are keyed by the caller's or the OpenTelemetry
                    // convention's names (gen_ai.*), not by the contract.
                    if (property.Name is not ("metadata" or "scores" or "attributes" or "tags" or "caseChanges"))
                    {
                        CheckContract(property.Value, where);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CheckContract(item, where);
                }

                break;
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                var decimals = raw.Contains('.', StringComparison.Ordinal) ? raw.Split('.')[1].TakeWhile(char.IsAsciiDigit).Count() : 0;
                Assert.True(decimals <= 4 && !raw.Contains('E', StringComparison.OrdinalIgnoreCase), $"{where}: number {raw} has float noise");
                break;
        }
    }

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex CamelCase();

    public void Dispose() => _cli.Dispose();
}
