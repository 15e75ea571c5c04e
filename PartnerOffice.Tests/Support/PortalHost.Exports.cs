using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Events;
using PartnerOffice.Jobs.Launching;

namespace PartnerOffice.Tests.Support;

public partial class PortalHost
{
    /// <summary>
    /// Requests an export through the API (expecting 202 with its Location) and waits until its execution completes;
    /// returns the export as <c>GET /api/exports/{id}</c> shows it.
    /// </summary>
    public async Task<JsonElement> RequestExportAndWaitAsync(HttpClient client, string body)
    {
        var (id, executionId) = await RequestExportAsync(client, body);
        Assert.Equal(JobStatus.Completed, (await WaitForJobAsync(executionId, JobStatus.Completed, JobStatus.Failed, JobStatus.Cancelled)).Status);
        return await client.GetFromJsonAsync<JsonElement>($"/api/exports/{id}");
    }

    /// <summary>
    /// The user's export requested through the API and run by the portal's workers, its file downloaded to
    /// <paramref name="path"/>; returns the export as the API shows it.
    /// </summary>
    public async Task<JsonElement> ExportToFileAsync(PortalUser user, string body, string path)
    {
        var client = CreateTokenClient(await CreateTokenAsync(user));
        var export = await RequestExportAndWaitAsync(client, body);
        await File.WriteAllBytesAsync(path, await client.GetByteArrayAsync($"/api/exports/{export.GetProperty("id").GetInt64()}/file?reason=test"));
        return export;
    }

    /// <summary>Requests an export through the API, expecting 202 with its Location; returns its id and its job execution's.</summary>
    public async Task<(long Id, long ExecutionId)> RequestExportAsync(HttpClient client, string body)
    {
        var response = await client.PostAsync("/api/exports", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal($"/api/exports/{id}", response.Headers.Location?.OriginalString);
        return (id, ScalarAsLong($"SELECT JobExecutionId FROM ExportRequests WHERE Id = {id}"));
    }

    /// <summary>
    /// Waits, on the job engine's events rather than a timer, until the execution is in one of the statuses; the
    /// stored status is read after subscribing, so an event published before the wait began is not missed.
    /// </summary>
    public async Task<JobExecution> WaitForJobAsync(long executionId, params JobStatus[] statuses)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = Services.GetRequiredService<IJobEvents>().Subscribe(e =>
        {
            if (e.ExecutionId == executionId && statuses.Contains(e.Status)) reached.TrySetResult();
        });
        var jobs = Services.GetRequiredService<IJobOperator>();
        if (!Enumerable.Contains(statuses, (await jobs.GetAsync(executionId))!.Execution.Status))
            await reached.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return (await jobs.GetAsync(executionId))!.Execution;
    }
}
