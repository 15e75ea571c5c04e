using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Exports;

/// <summary>An export that fails mid-way, or that an operator stops, is restarted by an operator and goes on from its last checkpoint.</summary>
public sealed class ExportRestartTests : IAsyncLifetime
{
    private const int ChunkRows = 50;
    private readonly ExportChunkGate _gate = new();
    private readonly TempDirectory _downloads = new();
    private PortalHost _portal = default!;

    // HANBIT's orders take several chunks, one after another.
    public async Task InitializeAsync() => _portal = await _gate.StartPortalAsync(ChunkRows);

    public async Task DisposeAsync()
    {
        _gate.ReleaseAll();
        await _portal.DisposeAsync();
        _downloads.Dispose();
    }

    [Fact]
    public async Task A_restarted_export_resumes_after_its_last_committed_chunk_and_its_file_holds_every_row_once()
    {
        var client = _portal.CreateTokenClient(await _portal.CreateTokenAsync(PortalHost.Kim));
        var (id, executionId) = await _portal.RequestExportAsync(client, """{"dataset":"orders","format":"csv"}""");

        // Two chunks commit; the process then fails right after the second one.
        _gate.ReleaseOne();
        _gate.Fail(new TimeoutException("The database did not answer in time"));
        Assert.Equal(JobStatus.Failed, (await _portal.WaitForJobAsync(executionId, JobStatus.Failed, JobStatus.Completed)).Status);
        var failed = await client.GetFromJsonAsync<JsonElement>($"/api/exports/{id}");
        Assert.Equal("Failed", failed.GetProperty("status").GetString());
        Assert.Equal("Internal", failed.GetProperty("failure").GetString());
        Assert.DoesNotContain("TimeoutException", failed.GetProperty("error").GetString());
        Assert.Equal(2 * ChunkRows, failed.GetProperty("rowsProcessed").GetInt64());

        _gate.ReleaseAll();
        var jobs = _portal.Services.GetRequiredService<IJobOperator>();
        await jobs.RestartAsync(executionId);
        Assert.Equal(JobStatus.Completed, (await _portal.WaitForJobAsync(executionId, JobStatus.Completed, JobStatus.Failed)).Status);

        var total = _portal.ScalarAsLong("SELECT COUNT(*) FROM Orders o JOIN Partners p ON p.Id = o.PartnerId WHERE p.Code = 'HANBIT'");
        var export = await client.GetFromJsonAsync<JsonElement>($"/api/exports/{id}");
        Assert.Equal("Completed", export.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, export.GetProperty("error").ValueKind);
        Assert.Equal(total, export.GetProperty("rowCount").GetInt64());
        Assert.Equal(total, export.GetProperty("rowsProcessed").GetInt64());

        var path = _downloads.File("orders.csv");
        await File.WriteAllBytesAsync(path, await client.GetByteArrayAsync($"/api/exports/{id}/file?reason=test"));
        var ids = ExportFiles.ReadCsv(path).Skip(1).Select(r => long.Parse(r[0], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(total, ids.Count);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());

        // The two chunks committed before the failure were not written again: the partition committed each block once.
        var partition = (await jobs.GetAsync(executionId))!.Steps.Single(s => s.PartitionName is not null);
        Assert.Equal(total / ChunkRows + 1, partition.CommitCount);
    }

    [Fact]
    public async Task An_export_an_operator_stops_reads_stopped_by_an_operator_waits_for_its_file_and_completes_when_restarted()
    {
        var client = _portal.CreateTokenClient(await _portal.CreateTokenAsync(PortalHost.Kim));
        var (id, executionId) = await _portal.RequestExportAsync(client, """{"dataset":"orders","format":"csv"}""");
        var jobs = _portal.Services.GetRequiredService<IJobOperator>();

        // Held after its first chunk, the operator stops it; it ends at that chunk boundary.
        Assert.Equal(JobStatus.Stopping, (await jobs.StopAsync(executionId)).Status);
        _gate.ReleaseOne();
        Assert.Equal(JobStatus.Stopped, (await _portal.WaitForJobAsync(executionId, JobStatus.Stopped, JobStatus.Failed, JobStatus.Completed)).Status);
        var stopped = await client.GetFromJsonAsync<JsonElement>($"/api/exports/{id}");
        Assert.Equal("Stopped", stopped.GetProperty("status").GetString());
        Assert.True(stopped.GetProperty("byOperator").GetBoolean());
        Assert.Equal(JsonValueKind.Null, stopped.GetProperty("error").ValueKind);
        // It may still get its file: not yet, rather than never.
        Assert.Equal(System.Net.HttpStatusCode.Conflict, (await client.GetAsync($"/api/exports/{id}/file?reason=test")).StatusCode);

        _gate.ReleaseAll();
        await jobs.RestartAsync(executionId);
        Assert.Equal(JobStatus.Completed, (await _portal.WaitForJobAsync(executionId, JobStatus.Completed, JobStatus.Failed)).Status);
        var completed = await client.GetFromJsonAsync<JsonElement>($"/api/exports/{id}");
        Assert.Equal("Completed", completed.GetProperty("status").GetString());
        Assert.False(completed.GetProperty("byOperator").GetBoolean());
    }
}
