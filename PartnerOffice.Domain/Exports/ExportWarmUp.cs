using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerOffice.Data;
using PartnerOffice.Exports.Datasets;
using PartnerOffice.Exports.Formats;
using PartnerOffice.Jobs.Database;

namespace PartnerOffice.Exports;

/// <summary>
/// Runs the export's row loops at start-up over a sample of the database's own orders, in every format, into scratch
/// part files that are deleted at once: the runtime optimises a method fully only once it has run for a while, and
/// without this the first export after a start ran its hot loops half-optimised, about twice as long as later ones
/// (docs/benchmarks.md). The real reader and writers run, so the runtime learns the types a real export uses. The
/// portal waits for it before it serves (a second or so on a large database); nothing to do on an empty database or with
/// <see cref="ExportOptions.WarmUpRows"/> at 0. A failure is only logged: exports work, just slower the first time.
/// </summary>
internal sealed class ExportWarmUp(IDbContextFactory<PartnerOfficeDbContext> contexts, IOptions<ExportOptions> options, ILogger<ExportWarmUp> logger)
    : IHostedService
{
    // Enough passes for the runtime to count the loops hot and compile them while the next pass runs.
    private const int Passes = 3;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var rows = options.Value.WarmUpRows;
        if (rows <= 0) return;
        try
        {
            await WarmUpAsync(rows, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning(error, "Warming up the export path failed; the first export after this start may take longer");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task WarmUpAsync(int rows, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var partners = await db.Partners.OrderBy(p => p.Id).Select(p => p.Id).Take(10).ToListAsync(cancellationToken);
        await using var connection = await DatabaseConnection.Of(db.Database).OpenAsync(cancellationToken);
        foreach (var partner in partners)
        {
            var query = ExportDatasets.Orders.Query(partner, ExportFilters.None);
            if (await query.KeyBoundsAsync(connection, cancellationToken) is not { } bounds) continue;
            // About the sample's size of the partner's keys, read to the range's end (a reader left half-read would cancel its query).
            var count = await query.CountAsync(connection, cancellationToken);
            var span = (long)Math.Ceiling((double)(bounds.Last - bounds.First + 1) * Math.Min(1, (double)rows / count));
            var range = new KeyRange(bounds.First, bounds.First + span - 1);
            var scratch = Directory.CreateDirectory(Path.Combine(options.Value.WorkDirectory, $"warm-up-{Guid.NewGuid():N}"));
            try
            {
                var written = 0L;
                for (var pass = 0; pass < Passes; pass++)
                    foreach (var format in ExportFormat.All)
                    {
                        using var writer = format.OpenPart(query.Dataset.Layout, Path.Combine(scratch.FullName, "part" + format.FileExtension));
                        using var reader = query.OpenReader(connection, range);
                        while (writer.WriteRows(reader, ExportOptions.DefaultChunkRows) > 0) { }
                        writer.Complete();
                        written += writer.Rows;
                    }
                logger.LogInformation("Export path warmed up with {Rows} rows", written);
            }
            finally
            {
                scratch.Delete(recursive: true);
            }
            return;
        }
    }
}
