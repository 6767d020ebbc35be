using Microsoft.ML.OnnxRuntime;

namespace Rapport.Embeddings.Onnx.Internal;

/// <summary>Runs the built graph on ONNX Runtime for one padded batch of token ids.</summary>
/// <remarks>Thread-safe: <see cref="InferenceSession"/> runs may overlap; each run has its own buffers.</remarks>
internal sealed class EncoderSession : IDisposable
{
    private static readonly string[] InputNames = ["input_ids", "attention_mask"];
    private static readonly string[] OutputNames = ["sentence_embedding"];
    private readonly InferenceSession _session;

    public EncoderSession(string graphPath, int intraOpThreads)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        if (intraOpThreads > 0)
        {
            options.IntraOpNumThreads = intraOpThreads;
        }

        // Threads of a pool (more than one per run) sleep when a run ends instead of spinning for the next: a server's runs are
        // short and far apart, and spinning takes the cores its requests need.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");

        _session = new InferenceSession(graphPath, options);
    }

    /// <summary>Runs texts already tokenized; returns one un-normalized mean-pooled vector per row, row after row.</summary>
    /// <param name="tokens">The token ids of each text, each at most the model's maximum length.</param>
    /// <param name="dimensions">The expected vector size.</param>
    /// <param name="cancellationToken">Stops the run: ONNX Runtime is asked to terminate and the call throws.</param>
    public float[] Run(IReadOnlyList<int[]> tokens, int dimensions, CancellationToken cancellationToken)
    {
        var rows = tokens.Count;
        var width = tokens.Max(t => t.Length);
        var ids = new long[rows * width];
        var mask = new long[rows * width];
        for (var r = 0; r < rows; r++)
        {
            var row = tokens[r];
            for (var c = 0; c < row.Length; c++)
            {
                ids[(r * width) + c] = row[c];
                mask[(r * width) + c] = 1;
            }
        }

        long[] shape = [rows, width];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        try
        {
            using var outputs = _session.Run(runOptions, InputNames, [idsValue, maskValue], OutputNames);
            var result = outputs[0].GetTensorDataAsSpan<float>();
            if (result.Length != rows * dimensions)
            {
                throw new EmbeddingModelException($"The model returned {result.Length} values for {rows} texts; expected {dimensions} per text.");
            }

            return result.ToArray();
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    public void Dispose() => _session.Dispose();
}
