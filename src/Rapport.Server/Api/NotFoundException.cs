namespace Rapport.Server.Api;

/// <summary>Nothing with that id in the caller's namespace: answered with 404.</summary>
internal sealed class NotFoundException(string message) : Exception(message);
