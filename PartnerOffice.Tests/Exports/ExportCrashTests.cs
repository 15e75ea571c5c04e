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
            var id = await first.RequestExportAsync(token);
            Assert.Equal(1, id);
            await PortalProcessExports.WaitUntilAsync(() => StepStatus("merge") == "Running", first);
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
        await using var proxy = new HoldingProxy(new Uri(s3.ServiceUrl), start => start.StartsWith("PUT ", StringComparison.Ordinal) && start.Contains("/exports/"));
        foreach (var (key, value) in S3rverFixture.ProcessSettings(store, proxy.Address)) settings[key] = value;
        var token = await PrepareAsync();

        using (var first = await PortalProcess.StartAsync(settings))
        {
            Assert.Equal(1, await first.RequestExportAsync(token));
            var upload = await proxy.Held.WaitAsync(TimeSpan.FromMinutes(1));
            Assert.Contains("/exports/", upload);
            // A merge that takes a while shows as Running (a tasklet is stored once it has run a second).
            await PortalProcessExports.WaitUntilAsync(() => StepStatus("merge") == "Running", first);
            first.Kill();
        }
        proxy.PassThrough();

        using var second = await PortalProcess.StartAsync(settings);
        await AssertFinishedAsAnUninterruptedExportAsync(second, token);
    }

    /// <summary>Export 1 completes on <paramref name="portal"/> with the same bytes as the same export requested anew there, every row once.</summary>
    private async Task AssertFinishedAsAnUninterruptedExportAsync(PortalProcess portal, string token)
    {
        Assert.Equal("Completed", (await portal.WaitForExportAsync(token, 1)).GetProperty("status").GetString());
        var again = await portal.RequestExportAsync(token);
        Assert.Equal("Completed", (await portal.WaitForExportAsync(token, again)).GetProperty("status").GetString());
        var crashedFile = await portal.DownloadAsync(token, 1);
        Assert.Equal(await portal.DownloadAsync(token, again), crashedFile);
        Assert.Equal(Scalar("SELECT COUNT(*) FROM Orders WHERE PartnerId = (SELECT Id FROM Partners WHERE Code = 'HANBIT')") + 1,
            Encoding.UTF8.GetString(crashedFile).Count(c => c == '\n'));
    }

    public void Dispose() => data.Dispose();

    /// <summary>Demo data (its users among it) and an API token for Kim of HANBIT, made with the operator commands.</summary>
    private async Task<string> PrepareAsync()
    {
        await PortalProcess.RunCommandAsync(settings, "seed", "--orders", "30000");
        return await PortalProcessExports.KimsTokenAsync(settings);
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

    private static void Run(string command, params string[] arguments)
    {
        using var process = Process.Start(command, arguments);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
