using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Rapport.Server.Operations;

/// <summary>The OpenAPI 3.1 document: no server address (so the checked-in copy does not depend on the port), bearer keys.</summary>
internal static class OpenApiDocument
{
    public static void Configure(OpenApiOptions options)
    {
        options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Servers = [];
            document.Info.Title = "Rapport";
            document.Info.Version = "v1";
            document.Info.Description = "A memory that learns what helps each user of a supportive agent. Send 'Authorization: Bearer <key>'.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                ["bearer"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "A Rapport API key (rapport keys create)." },
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
            return Task.CompletedTask;
        });
    }
}
