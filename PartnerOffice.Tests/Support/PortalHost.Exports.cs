using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Events;

namespace PartnerOffice.Tests.Support;

public sealed partial class PortalHost
{
    /// <summary>
    /// Requests an export through the API (expecting 202 with its Location) and waits, on the job engine's events
    /// rather than a timer, until its execution completes; returns the export as <c>GET /api/exports/{id}</c> shows it.
    /// </summary>
    public async Task<JsonElement> RequestExportAndWaitAsync(HttpClient client, string body)
    {
        var finished = new TaskCompletionSource<JobEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        long? executionOf = null;
        var ended = new List<JobEvent>();
        // Subscribed before the request: the export may end before its execution id is known here.
        using var subscription = Services.GetRequiredService<IJobEvents>().Subscribe(e =>
        {
            if (e.Status is not (JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled)) return;
            lock (ended)
            {
                if (executionOf == e.ExecutionId) finished.TrySetResult(e);
                else ended.Add(e);
            }
        });
        var response = await client.PostAsync("/api/exports", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal($"/api/exports/{id}", response.Headers.Location?.OriginalString);
        var executionId = ScalarAsLong($"SELECT JobExecutionId FROM ExportRequests WHERE Id = {id}");
        lock (ended)
        {
            executionOf = executionId;
            if (ended.FirstOrDefault(e => e.ExecutionId == executionId) is { } early) finished.TrySetResult(early);
        }
        Assert.Equal(JobStatus.Completed, (await finished.Task.WaitAsync(TimeSpan.FromSeconds(60))).Status);
        return await client.GetFromJsonAsync<JsonElement>($"/api/exports/{id}");
    }

    /// <summary>One number from the portal's database, read on a connection of its own.</summary>
    public long ScalarAsLong(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabaseFile}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }
}
