using System.Numerics.Tensors;
using System.Text;
using Microsoft.Extensions.AI;
using Rapport.Embeddings.Onnx.Internal;
using Rapport.Embeddings.Onnx.Internal.Bert;

namespace Rapport.Embeddings.Onnx.Tests;

/// <summary>Queries run the int8 graph by default, within a stated cosine of fp32; memories (documents) keep the fp32 graph.</summary>
public sealed class QuantizedQueryTests(LocalModelFixture model)
{
    private static readonly string[] Texts =
    [
        "I can't sleep before my exam and I panic",
        "What did Caroline do after the support group?",
        "my boss yelled at me again today",
        "When is Melanie's daughter's birthday?",
        "I feel lonely since I moved to a new city and I don't know anyone here yet, weekends are the worst",
    ];

    [Fact]
    public void Load_ByDefault_BuildsTheInt8GraphWithQuantizedProducts()
    {
        var generator = model.Generator;

        Assert.True(generator.QuantizedQueries);
        Assert.NotNull(generator.QueryGraphPath);
        Assert.NotEqual(generator.GraphPath, generator.QueryGraphPath);
        Assert.True(GraphCache.IsIntact(generator.QueryGraphPath));
        var graph = File.ReadAllBytes(generator.QueryGraphPath);
        var fp32 = File.ReadAllBytes(generator.GraphPath);

        // 24 products (QKV, attention output, intermediate, output per layer; node names end in their op type) in ONNX Runtime's
        // domain; the fp32 graph has none.
        Assert.Equal(24, Count(graph, "_DynamicQuantizeMatMul"));
        Assert.Equal(0, Count(fp32, "DynamicQuantizeMatMul"));
        Assert.Contains("com.microsoft", Encoding.ASCII.GetString(graph), StringComparison.Ordinal);

        // The linear weights (1.77 M per layer) shrink from 4 bytes to 1; the fp32 embedding tables stay.
        Assert.InRange(fp32.Length - graph.Length, 6 * 1_769_472 * 3 * 0.95, 6 * 1_769_472 * 3 * 1.05);
    }

    [Fact]
    public async Task GenerateAsync_Query_IsWithinTheStatedCosineOfFp32ButNotEqual()
    {
        var ct = TestContext.Current.CancellationToken;
        string[] words = ["ok", "thanks", "help me"];
        var cosines = new List<(string Text, float Cosine)>();
        foreach (var text in Texts.Concat(words))
        {
            // One query per call, as recall embeds: texts of one call share their activations' quantization.
            var query = (await model.Generator.GenerateAsync([text], EmbeddingPurposes.For(EmbeddingPurpose.Query), ct))[0];
            Assert.Equal(1.0, TensorPrimitives.Norm(query.Vector.Span), 1e-4);
            Assert.Equal(MiniLmModel.ModelId, query.ModelId);
            cosines.Add((text, TensorPrimitives.Dot(query.Vector.Span, model.Generator.Embed([text])[0])));
        }

        var report = string.Join("; ", cosines.Select(c => $"'{c.Text}' {c.Cosine:F4}"));
        Assert.True(cosines.Take(Texts.Length).All(c => c.Cosine >= MiniLmEmbeddingOptions.Int8QueryCosine), $"int8 vs fp32: {report}");

        // A word or two is the hardest case (measured 0.95-0.99); still close, and never the fp32 vector itself.
        Assert.True(cosines.Skip(Texts.Length).All(c => c.Cosine >= 0.94f), $"int8 vs fp32: {report}");
        Assert.True(cosines.All(c => c.Cosine < 0.99999f), $"int8 vs fp32 (the int8 graph did not run): {report}");
    }

    [Fact]
    public async Task GenerateAsync_DocumentOrNoPurpose_IsTheFp32Vector()
    {
        var ct = TestContext.Current.CancellationToken;
        var fp32 = model.Generator.Embed(Texts);

        var documents = await model.Generator.GenerateAsync(Texts, EmbeddingPurposes.For(EmbeddingPurpose.Document), ct);
        var unspecified = await model.Generator.GenerateAsync(Texts, cancellationToken: ct);

        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(fp32[i], documents[i].Vector.ToArray());
            Assert.Equal(fp32[i], unspecified[i].Vector.ToArray());
        }
    }

    [Fact]
    public async Task QuantizedQueriesOff_QueriesRunTheFp32GraphAndPurposesAreNotDistinguished()
    {
        var ct = TestContext.Current.CancellationToken;
        using var off = MiniLmEmbeddingGenerator.Load(new MiniLmEmbeddingOptions { QuantizedQueries = false });
        var on = model.Generator;

        var queries = await off.GenerateAsync(Texts, EmbeddingPurposes.For(EmbeddingPurpose.Query), ct);

        Assert.False(off.QuantizedQueries);
        Assert.Null(off.QueryGraphPath);
        Assert.False(EmbeddingPurposes.IsDistinguishedBy(off));
        Assert.True(EmbeddingPurposes.IsDistinguishedBy(on));
        var fp32 = on.Embed(Texts);
        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(fp32[i], queries[i].Vector.ToArray());
        }
    }

    [Fact]
    public void Int8Weights_EachColumnsLargestMagnitudeMapsToTheTopLevelAndErrorsStayUnderHalfAStep()
    {
        // 3 inputs x 4 outputs (transposed layout: row = input); column 2 is all zero.
        float[] weight = [0.5f, -2f, 0f, 0.01f, -1f, 1f, 0f, 0.02f, 0.25f, 0.3f, 0f, -0.04f];

        var (values, scales) = Int8Weights.Quantize(weight, 3, 4);

        Assert.Equal([1f / Int8Weights.Levels, 2f / Int8Weights.Levels, 1f, 0.04f / Int8Weights.Levels], scales, new ToleranceComparer(1e-7f));
        Assert.Equal(-Int8Weights.Levels, values[4]);
        Assert.Equal(-Int8Weights.Levels, values[1]);
        Assert.Equal(-Int8Weights.Levels, values[11]);
        for (var i = 0; i < weight.Length; i++)
        {
            Assert.InRange(MathF.Abs((values[i] * scales[i % 4]) - weight[i]), 0f, (scales[i % 4] / 2) + 1e-7f);
        }

        Assert.Throws<ArgumentException>(() => Int8Weights.Quantize(weight, 4, 4));
    }

    private static int Count(byte[] haystack, string needle)
    {
        var pattern = Encoding.ASCII.GetBytes(needle);
        var count = 0;
        for (var at = haystack.AsSpan().IndexOf(pattern); at >= 0;)
        {
            count++;
            var next = haystack.AsSpan(at + pattern.Length).IndexOf(pattern);
            at = next < 0 ? -1 : at + pattern.Length + next;
        }

        return count;
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => MathF.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
