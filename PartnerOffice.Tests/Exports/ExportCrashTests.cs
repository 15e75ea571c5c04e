using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Exports;

/// <summary>
/// A portal process killed with SIGKILL in the middle of an export's last step, and another process on the same data
/// taking the export over once the dead one's lease runs out: the file it finishes is the file an uninterrupted
/// export makes.
/// </summary>
public sealed class ExportCrashTests : IClassFixture<S3rverFixture>, IDisposable
{
    private const string OrdersCsv = """{"dataset":"orders","format":"csv"}""";
    private readonly S3rverFixture s3;
    private readonly TempDirectory data = new();
    private readonly Dictionary<string, string> settings;

    public ExportCrashTests(S3rverFixture s3)
    {
        this.s3 = s3;
        settings = new()
        {
            ["PartnerOffice:DataDirectory"] = data.Path,
            ["PartnerOffice:Exports:ChunkRows"] = "2000",
            // A dead process's executions come back after a lease of 3 s, checked on every poll.
            ["PartnerOffice:Jobs:LeaseDuration"] = "00:00:03",
            ["PartnerOffice:Jobs:HeartbeatInterval"] = "00:00:01",
            ["PartnerOffice:Jobs:PollInterval"] = "00:00:00.200",
        };
    }

    [Fact]
    public async Task An_export_killed_during_its_merge_is_finished_by_the_next_process_with_the_file_an_uninterrupted_export_makes()
    {
        var token = await PrepareAsync();
        // The merge will open its output and wait there: a named pipe nobody reads from holds the step where it is.
        var work = Directory.CreateDirectory(Path.Combine(data.Path, "work", "export-1")).FullName;
        var merged = Path.Combine(work, "merged.csv");
        Run("mkfifo", merged);

        using (var first = await PortalProcess.StartAsync(settings))
        {
            var id = await RequestAsync(first, token, OrdersCsv);
            Assert.Equal(1, id);
            await WaitUntilAsync(() => StepStatus("merge") == "Running", first);
            first.Kill();
        }
        File.Delete(merged);
        Assert.Equal("Running", StepStatus("merge"));

        using var second = await PortalProcess.StartAsync(settings);
        await AssertFinishedAsAnUninterruptedExportAsync(second, token);
        Assert.Equal(2L, Scalar("SELECT RunCount FROM JobExecutions WHERE Id = (SELECT JobExecutionId FROM ExportRequests WHERE Id = 1)"));
    }

    [Fact]
    public async Task An_export_killed_while_uploading_its_file_to_s3_is_finished_by_the_next_process_with_the_whole_file()
    {
        var store = s3.StorageOptions($"crash-{Guid.NewGuid():N}/");
        // Between the portal and the S3 server: the first upload of an export file is caught there, unanswered.
        await using var proxy = new HoldingProxy(new Uri(store.ServiceUrl), start => start.StartsWith("PUT ", StringComparison.Ordinal) && start.Contains("/exports/"));
        var section = PartnerOffice.App.Hosting.ExportsSetup.FileStoreSection;
        settings[$"{section}:Kind"] = "S3";
        settings[$"{section}:S3:ServiceUrl"] = proxy.Address.ToString();
        settings[$"{section}:S3:Region"] = store.Region;
        settings[$"{section}:S3:Bucket"] = store.Bucket;
        settings[$"{section}:S3:AccessKey"] = store.AccessKey;
        settings[$"{section}:S3:SecretKey"] = store.SecretKey;
        settings[$"{section}:S3:ForcePathStyle"] = "true";
        settings[$"{section}:S3:UseChunkEncoding"] = "false";
        settings[$"{section}:S3:Prefix"] = store.Prefix;
        var token = await PrepareAsync();

        using (var first = await PortalProcess.StartAsync(settings))
        {
            Assert.Equal(1, await RequestAsync(first, token, OrdersCsv));
            var upload = await proxy.Held.WaitAsync(TimeSpan.FromMinutes(1));
            Assert.Contains("/exports/", upload);
            Assert.Equal("Running", StepStatus("merge"));
            first.Kill();
        }
        proxy.PassThrough();

        using var second = await PortalProcess.StartAsync(settings);
        await AssertFinishedAsAnUninterruptedExportAsync(second, token);
    }

    /// <summary>Export 1 completes on <paramref name="portal"/> with the same bytes as the same export requested anew there, every row once.</summary>
    private async Task AssertFinishedAsAnUninterruptedExportAsync(PortalProcess portal, string token)
    {
        Assert.Equal("Completed", (await WaitForExportAsync(portal, token, 1)).GetProperty("status").GetString());
        var again = await RequestAsync(portal, token, OrdersCsv);
        Assert.Equal("Completed", (await WaitForExportAsync(portal, token, again)).GetProperty("status").GetString());
        var crashedFile = await DownloadAsync(portal, token, 1);
        Assert.Equal(await DownloadAsync(portal, token, again), crashedFile);
        Assert.Equal(Scalar("SELECT COUNT(*) FROM Orders WHERE PartnerId = (SELECT Id FROM Partners WHERE Code = 'HANBIT')") + 1,
            Encoding.UTF8.GetString(crashedFile).Count(c => c == '\n'));
    }

    public void Dispose() => data.Dispose();

    /// <summary>Demo data (its users among it) and an API token for Kim of HANBIT, made with the operator commands.</summary>
    private async Task<string> PrepareAsync()
    {
        await PortalProcess.RunCommandAsync(settings, "seed", "--orders", "30000");
        return (await PortalProcess.RunCommandAsync(settings, "token", "create", "--user", PortalHost.Kim.Email)).TrimEnd().Split('\n')[^1];
    }

    private static HttpClient Client(PortalProcess portal, string token) => new()
    {
        BaseAddress = portal.BaseAddress,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };

    private static async Task<long> RequestAsync(PortalProcess portal, string token, string body)
    {
        using var client = Client(portal, token);
        var response = await client.PostAsync("api/exports", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<JsonElement> WaitForExportAsync(PortalProcess portal, string token, long id)
    {
        using var client = Client(portal, token);
        JsonElement export = default;
        await WaitUntilAsync(async () =>
        {
            export = await client.GetFromJsonAsync<JsonElement>($"api/exports/{id}");
            return export.GetProperty("status").GetString() is not ("Queued" or "Running");
        }, portal);
        return export;
    }

    private static async Task<byte[]> DownloadAsync(PortalProcess portal, string token, long id)
    {
        using var client = Client(portal, token);
        return await client.GetByteArrayAsync($"api/exports/{id}/file?reason=test");
    }

    private string? StepStatus(string step) =>
        Scalar<string>($"SELECT Status FROM StepExecutions WHERE StepName = '{step}' AND JobExecutionId = (SELECT JobExecutionId FROM ExportRequests WHERE Id = 1)");

    private long? Scalar(string sql) => Scalar<long?>(sql);

    private T? Scalar<T>(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "partneroffice.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T));
    }

    private static Task WaitUntilAsync(Func<bool> condition, PortalProcess portal) => WaitUntilAsync(() => Task.FromResult(condition()), portal);

    /// <summary>Checks again every 50 ms, for up to a minute: the other side is a process of its own, with no event to wait for.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, PortalProcess portal)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > TimeSpan.FromMinutes(1)) throw new TimeoutException($"Waited a minute in vain. The portal wrote:\n{portal.Output}");
            await Task.Delay(50);
        }
    }

    private static void Run(string command, params string[] arguments)
    {
        using var process = Process.Start(command, arguments);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
