using System.Diagnostics;
using Rapport.Embeddings.Onnx;
using Rapport.Embeddings.Onnx.Internal;
using Rapport.Embeddings.Onnx.Internal.Bert;

namespace Rapport.Benchmarks.Embeddings;

/// <summary>Times each step of a start with a cached graph, in this fresh process (<c>--startup-steps</c>).</summary>
internal static class StartupBreakdown
{
    public static void Run()
    {
        var clock = Stopwatch.StartNew();
        var files = new ModelFiles(ModelLocation.ResolveModelDirectory());
        files.Verify();
        var verify = clock.Elapsed;
        _ = BertTokenizerLoader.Load(files.Tokenizer);
        var tokenizer = clock.Elapsed;
        var (graph, _) = GraphCache.Ensure(files, ModelLocation.ResolveGraphCacheDirectory());
        var cache = clock.Elapsed;
        using var session = new EncoderSession(graph, 0);
        var start = clock.Elapsed;
        Console.WriteLine(
            $"verify={verify.TotalMilliseconds:F0} tokenizer={(tokenizer - verify).TotalMilliseconds:F0} graph-check={(cache - tokenizer).TotalMilliseconds:F0} " +
            $"session={(start - cache).TotalMilliseconds:F0} ms");
    }
}
