namespace Rapport.Server.Api;

/// <summary>The key may not do that (for example, a key bound to one user naming another): answered with 403.</summary>
internal sealed class ForbiddenException(string message) : Exception(message);
