using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerOffice.Data;
using PartnerOffice.Exports.Storage;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Launching;

namespace PartnerOffice.Exports;

/// <summary>Who asks: partner users act for their own partner; admins act for any partner and may name one.</summary>
public sealed record ExportCaller(int UserId, string UserEmail, int? PartnerId, bool IsAdmin)
{
    /// <summary>Whether this caller may see an export of that partner. Others get "not found", never "forbidden".</summary>
    public bool CanSee(int partnerId) => IsAdmin || PartnerId == partnerId;
}

public sealed record ExportRequestResult(ExportRequest? Export, bool Created, IReadOnlyList<ExportError> Errors);

public sealed record ExportPage(IReadOnlyList<ExportRequest> Items, int Total, int Page, int PageSize);

public enum ExportFileState { Ready, NotFound, NotReady, Expired }

public sealed record ExportFile(ExportFileState State, ExportRequest? Export = null, Uri? DownloadUrl = null, Func<CancellationToken, Task<Stream>>? Open = null);

/// <summary>
/// The export feature's use cases. A request is validated, checked for an in-flight duplicate and stored with
/// its Queued job execution in one transaction, so nothing is lost and nothing runs twice.
/// </summary>
public sealed class ExportService(
    IDbContextFactory<PartnerOfficeDbContext> dbFactory,
    IJobLauncher launcher,
    IJobOperator jobs,
    IFileStore files,
    IOptions<ExportOptions> options,
    TimeProvider clock)
{
    /// <param name="partnerCode">Only for admins: the partner whose data to export (partner users always export their own).</param>
    public async Task<ExportRequestResult> RequestAsync(ExportCaller caller, ExportRequestSpec request, string? partnerCode = null,
        CancellationToken cancellationToken = default)
    {
        var validation = ExportSpecValidator.Validate(request, new ExportLimits(options.Value.MaxRangeDays));
        if (!validation.IsValid) return new(null, false, validation.Errors);
        var spec = validation.Spec!;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var scope = caller.PartnerId;
        if (caller.IsAdmin)
        {
            if (string.IsNullOrWhiteSpace(partnerCode))
                return new(null, false, [new("partner", ExportErrorKind.MissingPartner)]);
            scope = await db.Partners.Where(p => p.Code == partnerCode.Trim().ToUpper()).Select(p => (int?)p.Id).SingleOrDefaultAsync(cancellationToken);
            if (scope is null) return new(null, false, [new("partner", ExportErrorKind.UnknownPartner) { Value = partnerCode }]);
        }
        if (scope is null) throw new InvalidOperationException("A partner user without a partner cannot export.");

        var key = spec.CanonicalKey;
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        // An immediate (write) transaction: the duplicate check and the insert cannot interleave with another request's.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        var existing = await FindInFlightAsync(db, caller.UserId, key, cancellationToken);
        if (existing is not null) return new(existing, false, []);

        var export = new ExportRequest
        {
            PartnerId = scope.Value,
            RequestedByUserId = caller.UserId,
            Dataset = spec.Dataset.Name,
            Format = spec.Format.Name,
            FiltersJson = JsonSerializer.Serialize(spec.Filters.ToDictionary()),
            DuplicateKey = key,
            Status = ExportStatus.Queued,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ExportRequests.Add(export);
        await db.SaveChangesAsync(cancellationToken);
        var execution = await launcher.EnqueueAsync(ExportJob.Name, JobParameters.Empty.With(ExportJob.ExportIdParameter, export.Id),
            transaction, requestedBy: caller.UserEmail, tenant: scope.Value.ToString(CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        export.JobExecutionId = execution.Id;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        launcher.WakeWorkers();
        return new(export, true, []);
    }

    /// <summary>
    /// Requests an export again for the same partner with the same dataset, format and filters (the history's one-click
    /// re-request of an expired or failed one); null when the caller may not see it.
    /// </summary>
    public async Task<ExportRequestResult?> RequestAgainAsync(ExportCaller caller, long id, CancellationToken cancellationToken = default)
    {
        var export = await GetAsync(caller, id, cancellationToken);
        if (export is null) return null;
        string? partnerCode = null;
        if (caller.IsAdmin)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            partnerCode = await db.Partners.Where(p => p.Id == export.PartnerId).Select(p => p.Code).SingleAsync(cancellationToken);
        }
        var filters = Filters(export).ToDictionary(f => f.Key, f => (string?)f.Value);
        return await RequestAsync(caller, new ExportRequestSpec(export.Dataset, export.Format, filters), partnerCode, cancellationToken);
    }

    private static Task<ExportRequest?> FindInFlightAsync(PartnerOfficeDbContext db, int userId, string key, CancellationToken cancellationToken) =>
        db.ExportRequests.AsNoTracking()
            .Where(e => e.RequestedByUserId == userId && e.DuplicateKey == key && ExportRequest.InFlight.Contains(e.Status))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>The stored request as a spec again (it was valid when stored; datasets only ever gain filters).</summary>
    public static ExportSpec Revalidate(ExportRequest export)
    {
        var filters = JsonSerializer.Deserialize<Dictionary<string, string?>>(export.FiltersJson) ?? [];
        var validation = ExportSpecValidator.Validate(new ExportRequestSpec(export.Dataset, export.Format, filters), new ExportLimits(int.MaxValue));
        return validation.Spec ?? throw new InvalidOperationException($"Export {export.Id} is no longer a valid request: {string.Join("; ", validation.Errors.Select(e => $"{e.Field} {e.Kind}"))}");
    }

    public static IReadOnlyDictionary<string, string> Filters(ExportRequest export) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(export.FiltersJson) ?? [];

    public async Task<ExportRequest?> GetAsync(ExportCaller caller, long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var export = await db.ExportRequests.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        return export is not null && caller.CanSee(export.PartnerId) ? export : null;
    }

    /// <summary>The export a job execution produces, if the caller may see it (job events name executions, not exports).</summary>
    public async Task<ExportRequest?> GetByExecutionAsync(ExportCaller caller, long executionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var export = await db.ExportRequests.AsNoTracking().SingleOrDefaultAsync(e => e.JobExecutionId == executionId, cancellationToken);
        return export is not null && caller.CanSee(export.PartnerId) ? export : null;
    }

    /// <summary>
    /// The names of the partners whose exports these executions produce, by execution id, in one query: export jobs
    /// carry their partner's id as tenant. Executions of other jobs are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, string>> PartnerNamesAsync(IEnumerable<JobExecution> executions,
        CancellationToken cancellationToken = default)
    {
        var partnerOf = new Dictionary<long, int>();
        foreach (var execution in executions)
        {
            if (execution.JobName == ExportJob.Name && int.TryParse(execution.Tenant, NumberStyles.None, CultureInfo.InvariantCulture, out var partnerId))
                partnerOf[execution.Id] = partnerId;
        }
        if (partnerOf.Count == 0) return new Dictionary<long, string>();
        var ids = partnerOf.Values.Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var names = await db.Partners.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return partnerOf.Where(e => names.ContainsKey(e.Value)).ToDictionary(e => e.Key, e => names[e.Value]);
    }

    /// <summary>The history: the caller's partner's exports (every partner's for an admin), newest first.</summary>
    public async Task<ExportPage> ListAsync(ExportCaller caller, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.ExportRequests.AsNoTracking();
        if (!caller.IsAdmin) query = query.Where(e => e.PartnerId == caller.PartnerId);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new ExportPage(items, total, page, pageSize);
    }

    /// <summary>Cancels a queued or running export: a queued one never starts, a running one stops within its current chunk.</summary>
    public async Task<ExportRequest?> CancelAsync(ExportCaller caller, long id, CancellationToken cancellationToken = default)
    {
        var export = await GetAsync(caller, id, cancellationToken);
        if (export is null) return null;
        // The job's after-job listener marks the export Cancelled: at once for a queued one, at its next chunk for a running one.
        if (ExportRequest.InFlight.Contains(export.Status) && export.JobExecutionId is { } executionId)
        {
            try { await jobs.CancelAsync(executionId, cancellationToken); }
            catch (IllegalStatusTransitionException) { /* it ended meanwhile; the export shows how */ }
        }
        return await GetAsync(caller, id, cancellationToken);
    }

    /// <summary>Removes an export from the history and deletes its file; a running one is cancelled first.</summary>
    public async Task<bool> DeleteAsync(ExportCaller caller, long id, CancellationToken cancellationToken = default)
    {
        var export = await CancelAsync(caller, id, cancellationToken);
        if (export is null) return false;
        if (export.FileKey is not null) await files.DeleteAsync(export.FileKey, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.ExportRequests.Where(e => e.Id == id).ExecuteDeleteAsync(cancellationToken);
        return true;
    }

    public async Task<ExportFile> GetFileAsync(ExportCaller caller, long id, CancellationToken cancellationToken = default)
    {
        var export = await GetAsync(caller, id, cancellationToken);
        if (export is null) return new(ExportFileState.NotFound);
        if (export.Status == ExportStatus.Expired || export.ExpiresAt <= clock.GetUtcNow().UtcDateTime) return new(ExportFileState.Expired, export);
        if (export.Status != ExportStatus.Completed || export.FileKey is null) return new(ExportFileState.NotReady, export);
        var url = await files.GetDownloadUrlAsync(export.FileKey, export.FileName!, TimeSpan.FromMinutes(5), cancellationToken);
        return new(ExportFileState.Ready, export, url, ct => files.OpenReadAsync(export.FileKey, ct));
    }

    /// <summary>Deletes the files of exports past their expiry and marks them Expired; the history keeps the row.</summary>
    public async Task<int> DeleteExpiredFilesAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var expired = await db.ExportRequests.Where(e => e.Status == ExportStatus.Completed && e.ExpiresAt <= now).ToListAsync(cancellationToken);
        foreach (var export in expired)
        {
            if (export.FileKey is not null) await files.DeleteAsync(export.FileKey, cancellationToken);
            export.Status = ExportStatus.Expired;
            export.FileKey = null;
        }
        await db.SaveChangesAsync(cancellationToken);
        return expired.Count;
    }
}
