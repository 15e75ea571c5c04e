using System.Diagnostics;
using System.Text;
using Microsoft.Playwright;
using Npgsql;
using PartnerOffice.App.Hosting;
using PartnerOffice.Exports;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnerOffice.Tests.Hosting;

/// <summary>
/// Three portal processes on one PostgreSQL database and one S3 store (the S3-protocol server behind a proxy that can
/// hold an upload), as several nodes behind a load balancer run: a node killed mid-export, a schedule fired once per
/// occurrence, and a page on one node following an export that runs on another.
/// </summary>
public sealed class SeveralNodesTests(S3rverFixture s3, BrowserFixture browser) : IClassFixture<S3rverFixture>, IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);
    private readonly TempDirectory data = new();
    private readonly List<PortalProcess> nodes = [];
    private TestDatabase database = default!;
    private HoldingProxy proxy = default!;
    private Dictionary<string, string> settings = default!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        var store = s3.StorageOptions($"nodes-{Guid.NewGuid():N}/");
        // The first upload of an export file is caught there, unanswered, until the test lets it through.
        proxy = new HoldingProxy(new Uri(s3.ServiceUrl), start => start.StartsWith("PUT ", StringComparison.Ordinal) && start.Contains("/exports/"));
        settings = S3rverFixture.ProcessSettings(store, proxy.Address);
        foreach (var (key, value) in new Dictionary<string, string>
        {
            [DatabaseSetup.ProviderKey] = "PostgreSql",
            [$"ConnectionStrings:{DatabaseSetup.ConnectionName}"] = database.Connection.ConnectionString,
            // One folder for every node, as a shared volume: the export's part files, which a resuming node carries on from.
            ["PartnerOffice:DataDirectory"] = data.Path,
            ["PartnerOffice:Exports:ChunkRows"] = "2000",
            ["PartnerOffice:Jobs:LeaseDuration"] = Lease.ToString(),
            ["PartnerOffice:Jobs:HeartbeatInterval"] = "00:00:01",
            ["PartnerOffice:Jobs:PollInterval"] = "00:00:00.200",
            ["PartnerOffice:Ingest:Cron"] = PortalHost.NeverInATest,
        }) settings[key] = value;
        await PortalProcess.RunCommandAsync(settings, "seed", "--orders", "20000");
    }

    public async Task DisposeAsync()
    {
        foreach (var node in nodes) node.Dispose();
        await proxy.DisposeAsync();
        await database.DisposeAsync();
        data.Dispose();
    }

    private async Task<PortalProcess> StartNodeAsync(params (string Key, string Value)[] more) => await StartNodeAsync("Production", more);

    private async Task<PortalProcess> StartNodeAsync(string environment, params (string Key, string Value)[] more)
    {
        var node = await PortalProcess.StartAsync(more.Aggregate(new Dictionary<string, string>(settings), (all, s) => { all[s.Key] = s.Value; return all; }),
            environment);
        nodes.Add(node);
        return node;
    }

    [Fact]
    public async Task A_node_killed_mid_export_is_taken_over_by_another_within_the_lease_and_the_file_holds_every_row_once()
    {
        var token = await PortalProcessExports.KimsTokenAsync(settings);
        var started = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => StartNodeAsync()));
        var id = await started[0].RequestExportAsync(token);
        await proxy.Held.WaitAsync(TimeSpan.FromMinutes(1));
        var execution = Scalar<long>($"SELECT JobExecutionId FROM ExportRequests WHERE Id = {id}");
        var owner = started.Single(n => Scalar<string>($"SELECT LeaseOwner FROM JobExecutions WHERE Id = {execution}")!.Contains($"/{n.Id}/"));

        owner.Kill();
        var killedAt = Stopwatch.StartNew();
        proxy.PassThrough();
        var survivor = started.First(n => n != owner);
        await PortalProcessExports.WaitUntilAsync(() => Scalar<long>($"SELECT RunCount FROM JobExecutions WHERE Id = {execution}") == 2, survivor);
        var takenOverAfter = killedAt.Elapsed;

        Assert.Equal("Completed", (await survivor.WaitForExportAsync(token, id)).GetProperty("status").GetString());
        // The lease runs out, then the next check of any live node's watcher (every poll) gives it back to the queue.
        Assert.True(takenOverAfter < Lease + TimeSpan.FromSeconds(5), $"taken over after {takenOverAfter}");
        var again = await survivor.RequestExportAsync(token);
        Assert.Equal("Completed", (await survivor.WaitForExportAsync(token, again)).GetProperty("status").GetString());
        var file = await survivor.DownloadAsync(token, id);
        Assert.Equal(await survivor.DownloadAsync(token, again), file);
        var orders = Scalar<long>("SELECT COUNT(*) FROM Orders WHERE PartnerId = (SELECT Id FROM Partners WHERE Code = 'HANBIT')");
        var lines = Encoding.UTF8.GetString(file).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(orders + 1, lines.Length);
        Assert.Equal(orders, lines.Skip(1).Select(l => l.Split(',')[0]).Distinct().Count());
    }

    [Fact]
    public async Task Each_occurrence_of_a_schedule_fires_once_across_three_nodes()
    {
        // Every second, on every node: the three schedulers compete for each occurrence.
        var started = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => StartNodeAsync(("PartnerOffice:Exports:CleanupCron", "* * * * * ?"))));

        await PortalProcessExports.WaitUntilAsync(() => Scalar<long>($"SELECT COUNT(*) FROM JobExecutions WHERE JobName = '{ExportCleanupJob.Name}'") >= 8, started[0]);

        foreach (var node in started) node.Kill();
        var fires = Strings($"SELECT Parameters FROM JobExecutions WHERE JobName = '{ExportCleanupJob.Name}' ORDER BY Id");
        Assert.Equal(fires.Count, fires.Distinct().Count());
        Assert.Equal(0, Scalar<long>($"SELECT COUNT(*) FROM JobExecutions WHERE JobName = '{ExportCleanupJob.Name}' AND Status <> 'Completed' AND Status <> 'Running' AND Status <> 'Queued'"));
    }

    [Fact]
    public async Task A_page_served_by_one_node_follows_an_export_running_on_another_and_says_when_it_is_ready()
    {
        var token = await PortalProcessExports.KimsTokenAsync(settings);
        var working = await StartNodeAsync();
        var serving = await StartNodeAsync("Development", ("PartnerOffice:Jobs:WorkerCount", "0"), ("PartnerOffice:SeedDemoData", "false"));
        await using var context = await browser.NewContextAsync(serving.BaseAddress);
        var page = await BrowserFixture.OpenExportsAsync(context, PortalHost.Kim);

        var id = await working.RequestExportAsync(token);
        await proxy.Held.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Contains($"/{working.Id}/", Scalar<string>($"SELECT LeaseOwner FROM JobExecutions WHERE Id = (SELECT JobExecutionId FROM ExportRequests WHERE Id = {id})"));

        // Requested through the API of the other node after the page was rendered: only the relayed events can show it.
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Running" });
        await Expect(row).ToBeVisibleAsync();
        proxy.PassThrough();
        await Expect(BrowserFixture.Toasts(page)).ToContainTextAsync("export is ready");
    }

    private T? Scalar<T>(string sql)
    {
        using var connection = new NpgsqlConnection(database.Connection.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(PartnerOffice.Exports.Datasets.SqlNames.Quote(sql), connection);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T));
    }

    private List<string> Strings(string sql)
    {
        using var connection = new NpgsqlConnection(database.Connection.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(PartnerOffice.Exports.Datasets.SqlNames.Quote(sql), connection);
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }
}
