using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using PartnerOffice.App.Identity;
using Scalar.AspNetCore;

namespace PartnerOffice.App.Api;

/// <summary>
/// How /api speaks: camelCase JSON with enums as names, every error as problem details (never an HTML page or a
/// stack trace), and an OpenAPI document at <c>/openapi/v1.json</c> describing everything under /api, with a
/// browsable reference at <c>/scalar</c>. Both are open without signing in: they describe the API, they expose no data.
/// </summary>
public static class ApiConventions
{
    public static WebApplicationBuilder AddPortalApi(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddOpenApi(o =>
        {
            o.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "PartnerOffice API";
                document.Info.Description = "Exports, history and administration for scripts and CI servers. Every call needs a personal API token.";
                return Task.CompletedTask;
            });
            o.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
        });
        return builder;
    }

    /// <summary>The /api group every feature adds its endpoints to.</summary>
    public static RouteGroupBuilder MapApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().AllowAnonymous();
        // Fonts from the package's own CDN would be the only outside request the portal makes: the system's fonts do.
        app.MapScalarApiReference(o => o.WithTitle("PartnerOffice API").DisableDefaultFonts()).AllowAnonymous();
        return app.MapGroup("/api")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
    }

    /// <summary>Unhandled exceptions under /api become a 500 problem without details; pages fall through to the error page.</summary>
    private sealed class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
        {
            // By now the request path is already the error page's; the feature keeps the one that failed.
            var failedPath = http.Features.Get<IExceptionHandlerFeature>()?.Path ?? http.Request.Path.Value;
            if (!AuthenticationSetup.IsApiPath(failedPath)) return false;
            logger.LogError(exception, "Unhandled exception in {Method} {Path}", http.Request.Method, failedPath);
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = http });
        }
    }
}
