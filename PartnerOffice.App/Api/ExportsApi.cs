using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using PartnerOffice.App.Components.Pages.Exports;
using PartnerOffice.App.Identity;
using PartnerOffice.App.Localization;
using PartnerOffice.Exports;
using PartnerOffice.Exports.Formats;

namespace PartnerOffice.App.Api;

/// <param name="Failure">Why a failed export failed: <c>DiskFull</c>, <c>FileStoreUnavailable</c> or <c>Internal</c>.</param>
/// <param name="Error">The same in an English sentence, for people reading a script's output.</param>
/// <param name="ByOperator">
/// True when an operator, not the partner, ended or held it: always for <c>Stopped</c> (it resumes when an operator
/// restarts it), and for a <c>Cancelled</c> export that none of the partner's users cancelled.
/// </param>
public sealed record ExportResponse(long Id, string Dataset, string Format, IReadOnlyDictionary<string, string> Filters, ExportStatus Status,
    long RowsProcessed, long? RowsTotal, int Percent, long? RowCount, string? FileName, long? SizeBytes,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, DateTimeOffset? ExpiresAt, string? Failure, string? Error, bool ByOperator,
    bool HoldsPersonalData)
{
    public static ExportResponse From(ExportRequest e, DateTime now) => new(e.Id, e.Dataset, e.Format, ExportService.Filters(e),
        e.Status == ExportStatus.Completed && e.ExpiresAt <= now ? ExportStatus.Expired : e.Status,
        e.RowsProcessed, e.RowsTotal, e.Status == ExportStatus.Completed ? 100 : e.RowsTotal > 0 ? (int)Math.Min(99, e.RowsProcessed * 100 / e.RowsTotal.Value) : 0,
        e.RowCount, e.FileName, e.SizeBytes, ApiTimes.Utc(e.CreatedAt), ApiTimes.Utc(e.StartedAt), ApiTimes.Utc(e.CompletedAt), ApiTimes.Utc(e.ExpiresAt),
        e.Failure?.ToString(), e.Failure is { } failure ? ExportViews.FailureInEnglish(failure) : null,
        e.Status == ExportStatus.Stopped || (e.Status == ExportStatus.Cancelled && !e.CancelledByPartner), e.HoldsPersonalData());
}

public sealed record ExportListResponse(IReadOnlyList<ExportResponse> Items, int Total, int Page, int PageSize);

/// <summary>
/// Exports for scripts and CI servers: request (202, or 200 with the in-flight duplicate), status, history, file,
/// cancel, delete. Another partner's export answers 404, never revealing that it exists.
/// </summary>
public static class ExportsApi
{
    public static RouteGroupBuilder MapExportsApi(this RouteGroupBuilder api)
    {
        var exports = api.MapGroup("/exports").WithTags("Exports");
        exports.MapPost("/", RequestAsync).WithName("RequestExport")
            .WithSummary("Requests an export; an identical one still queued or running is returned instead (200).")
            .Accepts<ExportRequestBody>("application/json").ProducesValidationProblem()
            .RequireRateLimiting(ExportRequestLimits.Policy).ProducesProblem(StatusCodes.Status429TooManyRequests);
        exports.MapGet("/", ListAsync).WithName("ListExports").WithSummary("The history: your partner's exports, newest first.");
        exports.MapGet("/{id:long}", GetAsync).WithName("GetExport");
        exports.MapGet("/{id:long}/file", DownloadAsync).WithName("DownloadExport")
            .WithSummary("The file (or a redirect to a short-lived URL); 409 while it may still get one, 410 when it never will (failed, cancelled, expired).")
            .WithDescription("`reason`, why the file is downloaded, is kept with the download in the audit trail; required for files of personal data (holdsPersonalData: members, order recipients), 400 naming `reason` without it.")
            .ProducesValidationProblem();
        exports.MapPost("/{id:long}/cancel", CancelAsync).WithName("CancelExport");
        exports.MapDelete("/{id:long}", DeleteAsync).WithName("DeleteExport").WithSummary("Removes the export from the history and deletes its file.");
        return api;
    }

    private static async Task<Results<Accepted<ExportResponse>, Ok<ExportResponse>, ValidationProblem>> RequestAsync(
        HttpRequest request, CurrentUser user, ExportService exports, TimeProvider clock, IStringLocalizer<ExportErrorText> messages,
        CancellationToken cancellationToken)
    {
        var body = await ExportRequestBody.ReadAsync(request, cancellationToken);
        if (body.Errors.Count > 0) return TypedResults.ValidationProblem(body.Errors);
        var result = await exports.RequestAsync(user.AsExportCaller(), body.Spec!, body.Partner, cancellationToken);
        if (result.Export is null) return TypedResults.ValidationProblem(InEnglish(messages, result.Errors));
        var response = ExportResponse.From(result.Export, clock.GetUtcNow().UtcDateTime);
        return result.Created ? TypedResults.Accepted($"/api/exports/{response.Id}", response) : TypedResults.Ok(response);
    }

    private static async Task<ExportListResponse> ListAsync(CurrentUser user, ExportService exports, TimeProvider clock,
        int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var result = await exports.ListAsync(user.AsExportCaller(), page ?? 1, pageSize ?? 20, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return new(result.Items.Select(e => ExportResponse.From(e, now)).ToList(), result.Total, result.Page, result.PageSize);
    }

    private static async Task<Results<Ok<ExportResponse>, ProblemHttpResult>> GetAsync(long id, CurrentUser user, ExportService exports,
        TimeProvider clock, CancellationToken cancellationToken) =>
        await exports.GetAsync(user.AsExportCaller(), id, cancellationToken) is { } export
            ? TypedResults.Ok(ExportResponse.From(export, clock.GetUtcNow().UtcDateTime))
            : NotFound(id);

    private static async Task<IResult> DownloadAsync(long id, string? reason, CurrentUser user, ExportService exports, CancellationToken cancellationToken)
    {
        var file = await exports.GetFileAsync(user.AsExportCaller(), id, reason, cancellationToken);
        return file.State switch
        {
            ExportFileState.ReasonRequired => TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["reason"] = [$"Export {id} holds personal data ({file.Export!.Dataset}): say why you download it in reason (at most {ExportService.MaxDownloadReasonLength} characters)."],
            }),
            ExportFileState.ReasonTooLong => TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["reason"] = [$"The reason must have at most {ExportService.MaxDownloadReasonLength} characters."],
            }),
            ExportFileState.NotFound => NotFound(id),
            ExportFileState.NotReady => TypedResults.Problem($"Export {id} is {file.Export!.Status}; its file is not ready yet.", statusCode: StatusCodes.Status409Conflict),
            // Gone rather than Conflict: a script that waits out a 409 must not wait for a file that will never come.
            ExportFileState.Never => TypedResults.Problem(
                $"Export {id} {(file.Export!.Status == ExportStatus.Failed ? "failed" : "was cancelled")}; it will never have a file. Request the export again.",
                statusCode: StatusCodes.Status410Gone, extensions: new Dictionary<string, object?> { ["exportStatus"] = file.Export.Status.ToString() }),
            ExportFileState.Expired => TypedResults.Problem($"The file of export {id} has expired; request the export again.", statusCode: StatusCodes.Status410Gone,
                extensions: new Dictionary<string, object?> { ["exportStatus"] = nameof(ExportStatus.Expired) }),
            _ when file.DownloadUrl is not null => TypedResults.Redirect(file.DownloadUrl.ToString()),
            _ => TypedResults.Stream(await file.Open!(cancellationToken), ExportFormat.Find(file.Export!.Format)!.ContentType, file.Export!.FileName, enableRangeProcessing: false),
        };
    }

    private static async Task<Results<Ok<ExportResponse>, ProblemHttpResult>> CancelAsync(long id, CurrentUser user, ExportService exports,
        TimeProvider clock, CancellationToken cancellationToken) =>
        await exports.CancelAsync(user.AsExportCaller(), id, cancellationToken) is { } export
            ? TypedResults.Ok(ExportResponse.From(export, clock.GetUtcNow().UtcDateTime))
            : NotFound(id);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, CurrentUser user, ExportService exports, CancellationToken cancellationToken) =>
        await exports.DeleteAsync(user.AsExportCaller(), id, cancellationToken) ? TypedResults.NoContent() : NotFound(id);

    /// <summary>
    /// The API words errors in English whatever the request's culture (cookie or Accept-Language): its titles, its
    /// other problems and the body errors below are English, so one answer stays in one language, and what a script
    /// logs or matches does not change with the locale of the machine it runs on. The field names are the contract.
    /// </summary>
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo(PortalCultures.English);

    private static Dictionary<string, string[]> InEnglish(IStringLocalizer<ExportErrorText> messages, IReadOnlyList<ExportError> errors)
    {
        // The localizer reads the UI culture: English for these lines only, the request's again after them.
        var asked = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = English;
        try
        {
            return errors.GroupBy(e => e.Field, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => messages.Message(e)).ToArray(), StringComparer.Ordinal);
        }
        finally { CultureInfo.CurrentUICulture = asked; }
    }

    private static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem($"There is no export {id}.", statusCode: StatusCodes.Status404NotFound);
}

/// <summary>
/// The body of <c>POST /api/exports</c>, read by hand so that every malformed part is a 400 naming its field
/// (the framework's binder answers a bare 400 for malformed JSON).
/// </summary>
public sealed record ExportRequestBody(string? Dataset, string? Format, Dictionary<string, string?>? Filters, string? Partner)
{
    public static async Task<(ExportRequestSpec? Spec, string? Partner, Dictionary<string, string[]> Errors)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        JsonDocument document;
        try { document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken); }
        catch (JsonException e)
        {
            errors["body"] = [$"The body is not valid JSON: {e.Message}"];
            return (null, null, errors);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors["body"] = ["The body must be a JSON object."];
                return (null, null, errors);
            }
            string? Text(string name)
            {
                if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
                if (value.ValueKind == JsonValueKind.String) return StringOf(value, name, errors);
                errors[name] = [$"'{name}' must be a string."];
                return null;
            }
            var dataset = Text("dataset");
            var format = Text("format");
            var partner = Text("partner");
            var filters = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            if (root.TryGetProperty("filters", out var filterObject) && filterObject.ValueKind != JsonValueKind.Null)
            {
                if (filterObject.ValueKind != JsonValueKind.Object) errors["filters"] = ["'filters' must be an object."];
                else
                    foreach (var filter in filterObject.EnumerateObject())
                        filters[filter.Name] = filter.Value.ValueKind switch
                        {
                            JsonValueKind.String => StringOf(filter.Value, $"filters.{filter.Name}", errors),
                            JsonValueKind.Null => null,
                            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => filter.Value.GetRawText(),
                            _ => Invalid(errors, $"filters.{filter.Name}"),
                        };
            }
            return (errors.Count > 0 ? null : new ExportRequestSpec(dataset, format, filters), partner, errors);
        }
    }

    /// <summary>The string, or an error for the field when it is not valid Unicode (bytes that are not UTF-8, a lone surrogate escape).</summary>
    private static string? StringOf(JsonElement value, string field, Dictionary<string, string[]> errors)
    {
        try { return value.GetString(); }
        catch (InvalidOperationException)
        {
            errors[field] = [$"'{field}' must be valid Unicode text."];
            return null;
        }
    }

    private static string? Invalid(Dictionary<string, string[]> errors, string field)
    {
        errors[field] = [$"'{field}' must be a string."];
        return null;
    }
}
