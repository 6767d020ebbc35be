using System.ClientModel;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.AI;
using OllamaSharp.Models.Exceptions;

namespace Rapport.Cli.Hosting;

/// <summary>Wraps the chat model a command talks to (<c>chat --model</c>, an evaluation's <c>chat:</c> target) so a failure
/// becomes a <see cref="ChatModelException"/> that says in one line what went wrong (endpoint unreachable, no such model,
/// key refused, too slow) and what to check, with the API key removed from anything the server sent back.</summary>
/// <remarks>Not used for judges: their retry layer classifies the client's own exceptions (<see cref="ChatModelSettings.IsTransient"/>).</remarks>
internal sealed class ChatModelClient(IChatClient inner, ChatModelSettings settings) : DelegatingChatClient(inner)
{
    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new ChatModelException(Describe(e, settings), e);
        }
    }

    /// <summary>Returns the one line for <paramref name="failure"/> of the model <paramref name="settings"/> describe.</summary>
    internal static string Describe(Exception failure, ChatModelSettings settings)
    {
        var model = $"{settings.Provider} model '{settings.Model}' at {settings.Endpoint}";
        var line = Find<SocketException>(failure) is { } socket
            ? $"cannot reach the {model}: {socket.Message}. Is the server running there? Check the endpoint ({ChatModelSettings.EndpointVariable} or @<endpoint>)"
            : Find<HttpRequestException>(failure) is { StatusCode: null } http
            ? $"cannot reach the {model}: {http.Message}. Check the endpoint ({ChatModelSettings.EndpointVariable} or @<endpoint>)"
            : failure switch
            {
                ClientResultException { Status: 404 } or HttpRequestException { StatusCode: HttpStatusCode.NotFound } =>
                    $"the server at {settings.Endpoint} has no model '{settings.Model}' (HTTP 404: {ServerSaid(failure)}). " + (settings.Provider == ChatModelSettings.Ollama
                        ? $"Run `ollama pull {settings.Model}` there, or check the name"
                        : "Check the model name, and that the endpoint is the API's base address (for example http://localhost:8000/v1)"),
                ClientResultException { Status: 401 or 403 } or HttpRequestException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } =>
                    $"the {model} refused the API key (HTTP {Status(failure)}): set a valid key in {ChatModelSettings.ApiKeyVariable} (or {ChatModelSettings.OpenAiKeyVariable})",
                OllamaException => $"the {model} failed: {ServerSaid(failure)}. For an unknown model, run `ollama pull {settings.Model}` or check the name",
                ClientResultException { Status: > 0 } => $"the {model} failed (HTTP {Status(failure)}): {ServerSaid(failure)}",
                TimeoutException or TaskCanceledException => $"the {model} did not answer in time: {failure.Message}",
                _ => $"the {model} failed: {failure.GetType().Name}: {ServerSaid(failure)}",
            };
        return Redact(char.ToUpperInvariant(line[0]) + line[1..], settings.ApiKey);
    }

    private static string ServerSaid(Exception failure)
    {
        var text = string.Join(' ', failure.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return text.Length <= 200 ? text : text[..199] + "…";
    }

    private static string Status(Exception failure) => failure switch
    {
        ClientResultException c => c.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        HttpRequestException { StatusCode: { } code } => ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "?",
    };

    // A server may repeat the key (or part of it) in an error; what the CLI prints must not.
    private static string Redact(string line, string? key) =>
        string.IsNullOrEmpty(key) ? line : line.Replace(key, "***", StringComparison.Ordinal);

    private static T? Find<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}
