namespace Rapport.Cli.Hosting;

/// <summary>The chat model could not answer: unreachable, unknown model, refused key, timeout. The message is one line and
/// never carries the API key.</summary>
internal sealed class ChatModelException(string message, Exception? innerException = null) : Exception(message, innerException);
