using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using PartnerOffice.Audit;
using PartnerOffice.Data;
using PartnerOffice.Jobs.PostgreSql;
using PartnerOffice.Exports.Storage;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Retail;

namespace PartnerOffice.Exports;

/// <summary>Who asks: partner users act for their own partner; admins act for any partner and may name one.</summary>
/// <param name="SourceAddress">The client's address, for the audit trail.</param>
public sealed record ExportCaller(int UserId, string UserEmail, int? PartnerId, bool IsAdmin, string? SourceAddress = null)
{
    public AuditActor Actor => new(UserId, UserEmail, SourceAddress);

    /// <summary>Whether this caller may see an export of that partner. Others get "not found", never "forbidden".</summary>
    public bool CanSee(int partnerId) => IsAdmin || PartnerId == partnerId;
}

public sealed record ExportRequestResult(ExportRequest? Export, bool Created, IReadOnlyList<ExportError> Errors);

public sealed record ExportPage(IReadOnlyList<ExportRequest> Items, int Total, int Page, int PageSize);

/// <summary>What the history is ordered by; ties go newest first.</summary>
public enum ExportSort { Requested, Dataset, Status, Rows, Size, Expires, Partner }

/// <summary>One page of the history, filtered and ordered.</summary>
public sealed record ExportListQuery
{
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
    public ExportSort Sort { get; init; } = ExportSort.Requested;
    public bool Descending { get; init; } = true;
    /// <summary>Only one partner's exports; only admins may choose (a partner user always sees their own).</summary>
    public int? PartnerId { get; init; }
    /// <summary>Only exports in these statuses; all when null or empty.</summary>
    public IReadOnlyCollection<ExportStatus>? Statuses { get; init; }
}

/// <summary>
/// Why a file can or cannot be had: <see cref="NotReady"/> may change (queued, running, stopped), <see cref="Never"/> will not
/// (failed or cancelled), <see cref="Expired"/> had one that is gone; <see cref="ReasonTooLong"/> is a
/// download reason longer than the trail keeps.
/// </summary>
public enum ExportFileState { Ready, NotFound, NotReady, Never, Expired, ReasonRequired, ReasonTooLong }

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
    AuditTrail audit,
    TimeProvider clock)
{
    /// <summary>The advisory lock scope that serialises one user's export requests on PostgreSQL.</summary>
    private const int ExportRequestsOfUserLock = 100;

    /// <param name="partnerCode">Only for admins: the partner whose data to export (partner users always export their own).</param>
    public async Task<ExportRequestResult> RequestAsync(ExportCaller caller, ExportRequestSpec request, string? partnerCode = null,
        CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var validation = ExportSpecValidator.Validate(request, new ExportLimits(options.Value.MaxRangeDays, today));
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

        var key = ExportRequest.DuplicateKeyOf(scope.Value, spec);
        // The duplicate check and the insert cannot interleave with another request of the same user's.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await PostgreSqlTransactionLocks.LockAsync(db.Database, ExportRequestsOfUserLock, caller.UserId, cancellationToken);
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
            transaction.GetDbTransaction(), requestedBy: caller.UserEmail, tenant: scope.Value.ToString(CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        export.JobExecutionId = execution.Id;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        launcher.WakeWorkers();
        await audit.RecordAsync(caller.Actor, AuditAction.ExportRequested, Target(export.Id), $"{export.Dataset} {export.Format} {export.FiltersJson}", export.PartnerId);
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
        var names = await PartnerNamesAsync(partnerOf.Values, cancellationToken);
        return partnerOf.Where(e => names.ContainsKey(e.Value)).ToDictionary(e => e.Key, e => names[e.Value]);
    }

    /// <summary>The names of the partners these exports belong to, by export id, in one query.</summary>
    public async Task<IReadOnlyDictionary<long, string>> PartnerNamesAsync(IReadOnlyCollection<ExportRequest> exports,
        CancellationToken cancellationToken = default)
    {
        var names = await PartnerNamesAsync(exports.Select(e => e.PartnerId), cancellationToken);
        return exports.Where(e => names.ContainsKey(e.PartnerId)).ToDictionary(e => e.Id, e => names[e.PartnerId]);
    }

    private async Task<IReadOnlyDictionary<int, string>> PartnerNamesAsync(IEnumerable<int> partnerIds, CancellationToken cancellationToken)
    {
        var ids = partnerIds.Distinct().ToList();
        if (ids.Count == 0) return new Dictionary<int, string>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Partners.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
    }

    /// <summary>Every partner by name: what an admin may filter the history by.</summary>
    public async Task<IReadOnlyList<Partner>> PartnersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Partners.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
    }

    /// <summary>The history: the caller's partner's exports (every partner's for an admin), newest first.</summary>
    public Task<ExportPage> ListAsync(ExportCaller caller, int page, int pageSize, CancellationToken cancellationToken = default) =>
        ListAsync(caller, new ExportListQuery { Page = page, PageSize = pageSize }, cancellationToken);

    /// <summary>The history as <paramref name="request"/> filters and orders it, within what the caller may see.</summary>
    public async Task<ExportPage> ListAsync(ExportCaller caller, ExportListQuery request, CancellationToken cancellationToken = default)
    {
        var page = Math.Max(1, request.Page);
        var pageSize = Math.Clamp(request.PageSize, 1, 200);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.ExportRequests.AsNoTracking();
        if (!caller.IsAdmin) query = query.Where(e => e.PartnerId == caller.PartnerId);
        else if (request.PartnerId is { } partnerId) query = query.Where(e => e.PartnerId == partnerId);
        if (request.Statuses is { Count: > 0 } statuses) query = query.Where(e => statuses.Contains(e.Status));
        var total = await query.CountAsync(cancellationToken);
        var items = await Ordered(db, query, request.Sort, request.Descending).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new ExportPage(items, total, page, pageSize);
    }

    private static IQueryable<ExportRequest> Ordered(PartnerOfficeDbContext db, IQueryable<ExportRequest> query, ExportSort sort, bool descending)
    {
        IOrderedQueryable<ExportRequest> By<TKey>(System.Linq.Expressions.Expression<Func<ExportRequest, TKey>> key) =>
            descending ? query.OrderByDescending(key) : query.OrderBy(key);
        var ordered = sort switch
        {
            ExportSort.Dataset => By(e => e.Dataset),
            ExportSort.Status => By(e => e.Status),
            ExportSort.Rows => By(e => e.RowCount ?? e.RowsProcessed),
            ExportSort.Size => By(e => e.SizeBytes),
            ExportSort.Expires => By(e => e.ExpiresAt),
            ExportSort.Partner => By(e => db.Partners.Where(p => p.Id == e.PartnerId).Select(p => p.Name).FirstOrDefault()),
            // Ids grow with the request time, and the key is indexed.
            _ => By(e => e.Id),
        };
        return ordered.ThenByDescending(e => e.Id);
    }

    /// <summary>The caller's partner's newest files that can still be downloaded (every partner's for an admin).</summary>
    public async Task<IReadOnlyList<ExportRequest>> LatestFilesAsync(ExportCaller caller, int count, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.ExportRequests.AsNoTracking().Where(e => e.Status == ExportStatus.Completed && e.ExpiresAt > now);
        if (!caller.IsAdmin) query = query.Where(e => e.PartnerId == caller.PartnerId);
        return await query.OrderByDescending(e => e.CompletedAt).ThenByDescending(e => e.Id).Take(Math.Clamp(count, 1, 200)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Cancels a queued, running or stopped export: a queued or stopped one never runs again, a running one stops within
    /// its current chunk.
    /// </summary>
    public async Task<ExportRequest?> CancelAsync(ExportCaller caller, long id, CancellationToken cancellationToken = default)
    {
        var export = await GetAsync(caller, id, cancellationToken);
        if (export is null) return null;
        // The job's after-job listener marks the export Cancelled: at once for a queued one, at its next chunk for a running one.
        if (ExportRequest.Cancellable.Contains(export.Status) && export.JobExecutionId is { } executionId)
        {
            // Recorded before the cancel, whose listener may end the export at once: then Cancelled reads as the
            // partner's own doing. An admin is an operator, so theirs stays an operator's.
            if (!caller.IsAdmin) await MarkCancelledByPartnerAsync(id, true, cancellationToken);
            try { await jobs.CancelAsync(executionId, cancellationToken); }
            catch (IllegalStatusTransitionException)
            {
                // It ended (or an operator is stopping it) meanwhile: whatever ends it next is not this cancel.
                if (!caller.IsAdmin) await MarkCancelledByPartnerAsync(id, false, cancellationToken);
            }
            await audit.RecordAsync(caller.Actor, AuditAction.ExportCancelled, Target(id), partnerId: export.PartnerId);
        }
        return await GetAsync(caller, id, cancellationToken);
    }

    private async Task MarkCancelledByPartnerAsync(long id, bool value, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.ExportRequests.Where(e => e.Id == id).ExecuteUpdateAsync(q => q.SetProperty(e => e.CancelledByPartner, value), cancellationToken);
    }

    /// <summary>Removes an export from the history and deletes its file; a running one is cancelled first.</summary>
    public async Task<bool> DeleteAsync(ExportCaller caller, long id, CancellationToken cancellationToken = default)
    {
        var export = await CancelAsync(caller, id, cancellationToken);
        if (export is null) return false;
        if (export.FileKey is not null) await files.DeleteAsync(export.FileKey, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.ExportRequests.Where(e => e.Id == id).ExecuteDeleteAsync(cancellationToken);
        await audit.RecordAsync(caller.Actor, AuditAction.ExportDeleted, Target(id), $"{export.Dataset} {export.Format}", export.PartnerId);
        return true;
    }

    /// <summary>
    /// The file to hand out, recorded in the audit trail with the reason the downloader gave. A file holding personal data
    /// (<see cref="ExportRequest.HoldsPersonalData"/>) is handed out only with a reason, as Korean privacy rules ask.
    /// </summary>
    public async Task<ExportFile> GetFileAsync(ExportCaller caller, long id, string? reason, CancellationToken cancellationToken = default)
    {
        var export = await GetAsync(caller, id, cancellationToken);
        if (export is null) return new(ExportFileState.NotFound);
        if (export.Status == ExportStatus.Expired || export.ExpiresAt <= clock.GetUtcNow().UtcDateTime) return new(ExportFileState.Expired, export);
        if (export.NeverHasFile) return new(ExportFileState.Never, export);
        if (export.Status != ExportStatus.Completed || export.FileKey is null) return new(ExportFileState.NotReady, export);
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is null && export.HoldsPersonalData()) return new(ExportFileState.ReasonRequired, export);
        if (reason?.Length > MaxDownloadReasonLength) return new(ExportFileState.ReasonTooLong, export);
        var url = await files.GetDownloadUrlAsync(export.FileKey, export.FileName!, TimeSpan.FromMinutes(5), cancellationToken);
        await audit.RecordAsync(caller.Actor, AuditAction.ExportDownloaded, Target(id), reason, export.PartnerId);
        return new(ExportFileState.Ready, export, url, ct => files.OpenReadAsync(export.FileKey, ct));
    }

    public const int MaxDownloadReasonLength = 500;

    private static string Target(long exportId) => string.Create(CultureInfo.InvariantCulture, $"export {exportId}");

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
