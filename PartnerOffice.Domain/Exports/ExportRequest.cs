using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PartnerOffice.Exports.Datasets;

namespace PartnerOffice.Exports;

/// <summary>
/// Where an export stands. <see cref="Stopped"/>: an operator stopped its job, which resumes from its last chunk when
/// an operator restarts it. <see cref="Cancelled"/>: it never gets a file (see <see cref="ExportRequest.CancelledByPartner"/> for by whom).
/// </summary>
public enum ExportStatus { Queued, Running, Completed, Failed, Cancelled, Expired, Stopped }

/// <summary>
/// A partner user's request for a data export and, once it ran, its file. Stored before anything runs;
/// the job execution that produces the file is referenced, not owned: the job engine keeps its own tables.
/// </summary>
public sealed class ExportRequest
{
    public long Id { get; set; }
    public int PartnerId { get; set; }
    public int RequestedByUserId { get; set; }
    public required string Dataset { get; set; }
    public required string Format { get; set; }
    /// <summary>The validated filters in canonical JSON (sorted keys, normalised values).</summary>
    public required string FiltersJson { get; set; }
    /// <summary>Partner, dataset, format and canonical filters in one string: equal keys mean the same export.</summary>
    public required string DuplicateKey { get; set; }
    public ExportStatus Status { get; set; }
    public long? JobExecutionId { get; set; }
    public long? RowsTotal { get; set; }
    public long RowsProcessed { get; set; }
    public long? RowCount { get; set; }
    public string? FileKey { get; set; }
    public string? FileName { get; set; }
    public long? SizeBytes { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    /// <summary>Why it failed, for a <see cref="ExportStatus.Failed"/> export; the operators' details stay with its job execution.</summary>
    public ExportFailure? Failure { get; set; }
    /// <summary>
    /// Set when one of the partner's own users cancelled it; a cancelled export without it was cancelled (or
    /// abandoned) by an operator, whom the partner may want to ask why.
    /// </summary>
    public bool CancelledByPartner { get; set; }

    /// <summary>Statuses in which an identical request is a duplicate rather than a new export.</summary>
    public static readonly ExportStatus[] InFlight = [ExportStatus.Queued, ExportStatus.Running];

    /// <summary>Statuses a partner may cancel in: in flight, or stopped by an operator and waiting for a restart.</summary>
    public static readonly ExportStatus[] Cancellable = [.. InFlight, ExportStatus.Stopped];

    /// <summary>Whether the export will never have a file: it failed or was cancelled (a new request is the way to one).</summary>
    public bool NeverHasFile => Status is ExportStatus.Failed or ExportStatus.Cancelled;

    /// <summary>Whether its file holds personal data (a downloader must give a reason); see <see cref="ExportDataset.HoldsPersonalData"/>.</summary>
    public bool HoldsPersonalData() => ExportDatasets.Find(Dataset)?.HoldsPersonalData ?? true;

    /// <summary>
    /// What makes two requests the same export: the partner (an admin's export of one partner's orders is no duplicate
    /// of another partner's) and the canonical spec, hashed so the key has one short length for the unique index on
    /// every engine (SQL Server's index keys stop at 1,700 bytes, and filters have no fixed length).
    /// </summary>
    public static string DuplicateKeyOf(int partnerId, ExportSpec spec) => Convert.ToHexStringLower(
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{partnerId}|{spec.CanonicalKey}"))));
}
