namespace Rapport.Server.Api;

/// <summary>The request conflicts with the state of the thing it names (for example, comparing runs that are not finished): answered with 409.</summary>
internal sealed class ConflictException(string message) : Exception(message);
