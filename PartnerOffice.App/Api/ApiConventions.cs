using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
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
public static partial class ApiConventions
{
    public static WebApplicationBuilder AddPortalApi(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        // Binding failures (a page that is not a number) raise BadHttpRequestException in every environment, so the
        // handler below answers them the same way: a 400 naming the parameter.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.AddExportRequestLimits();
        // No request of the portal carries more than a form or a small JSON object.
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
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

    public const long MaxRequestBodyBytes = 1024 * 1024;

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

    /// <summary>
    /// Under /api, a bad request (a parameter that does not bind, a body over the limit) becomes its 4xx problem
    /// naming the parameter, and any other unhandled exception a 500 problem without details; pages fall through to
    /// the error page.
    /// </summary>
    private sealed partial class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
        {
            // By now the request path is already the error page's; the feature keeps the one that failed. That one is
            // already decoded: the constructor keeps it as it is, where the implicit conversion would decode it again
            // (and throw on a path holding an encoded NUL).
            var failedPath = http.Features.Get<IExceptionHandlerFeature>() is { } failed ? new PathString(failed.Path) : http.Request.Path;
            if (!AuthenticationSetup.IsApiPath(failedPath)) return false;
            if (exception is BadHttpRequestException bad)
            {
                http.Response.StatusCode = bad.StatusCode;
                var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = bad.StatusCode, Detail = BadRequestDetail(bad) };
                if (BoundParameter().Match(bad.Message) is { Success: true } parameter)
                    problem.Extensions["errors"] = new Dictionary<string, string[]> { [parameter.Groups["name"].Value] = [problem.Detail] };
                return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
            }
            logger.LogError(exception, "Unhandled exception in {Method} {Path}", http.Request.Method, failedPath);
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = http });
        }

        private static string BadRequestDetail(BadHttpRequestException bad) => bad.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? $"The request body is larger than {MaxRequestBodyBytes / 1024} KB."
            : BoundParameter().Match(bad.Message) is { Success: true } parameter
                ? parameter.Groups["body"].Success
                    ? "The request body is not valid JSON."
                    : $"'{parameter.Groups["name"].Value}' must be a whole number."
                : "The request is malformed.";

        // The framework's wording: Failed to bind parameter "int? page" from "abc", or Failed to read parameter
        // "ScheduleEditBody body" from the request body as JSON.
        [GeneratedRegex("""parameter "(?:[^"]*\s)?(?<name>\w+)" from(?<body> the request body)?""")]
        private static partial Regex BoundParameter();
    }
}
