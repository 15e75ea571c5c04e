using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerOffice.Exports.Datasets;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Jobs.Sqlite;
using PartnerOffice.App.Hosting;
using PartnerOffice.App.Identity;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Hosting;

/// <summary>The operator commands, run as the portal's executable runs them, on each database engine.</summary>
public abstract class OperatorCommandsTests(DatabaseProvider engine) : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private readonly Dictionary<string, TestDatabase> _databases = [];

    /// <summary>Each data directory stands for one installation with a database of its own: the file in it, or one on the test server.</summary>
    private async Task<DatabaseConnection> DatabaseOfAsync(string dataDirectory)
    {
        if (engine == DatabaseProvider.Sqlite) return DatabaseConnection.Sqlite(SqliteDatabase.ConnectionStringFor(Path.Combine(dataDirectory, "partneroffice.db")));
        if (!_databases.TryGetValue(dataDirectory, out var database)) _databases[dataDirectory] = database = await TestDatabase.CreateAsync(engine);
        return database.Connection;
    }

    private async Task<WebApplication> BuildAppAsync(string dataDirectory, Action<WebApplicationBuilder>? configure = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration["PartnerOffice:DataDirectory"] = dataDirectory;
        var database = await DatabaseOfAsync(dataDirectory);
        builder.Configuration[DatabaseSetup.ProviderKey] = database.Provider.ToString();
        builder.Configuration[$"ConnectionStrings:{DatabaseSetup.ConnectionName}"] = database.ConnectionString;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.Configuration[key] = value;
        builder.Logging.ClearProviders();
        builder.AddPartnerOfficeServices();
        configure?.Invoke(builder);
        return builder.Build();
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => await RunInAsync(_temp.Path, args);

    private async Task<(int ExitCode, string Output, string Error)> RunInAsync(string dataDirectory, params string[] args) =>
        await RunInAsync(dataDirectory, null, args);

    private async Task<(int ExitCode, string Output, string Error)> RunInAsync(string dataDirectory, Action<WebApplicationBuilder>? configure, params string[] args)
    {
        await using var app = await BuildAppAsync(dataDirectory, configure);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await OperatorCommands.RunAsync(app, args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Seed_prints_the_rate_and_partner_list_counts_the_orders()
    {
        var seeded = await RunAsync("seed", "--orders", "2000");
        Assert.Equal(0, seeded.ExitCode);
        Assert.Contains("2,000 orders", seeded.Output);
        Assert.Contains("orders/s", seeded.Output);

        var listed = await RunAsync("partner", "list");
        Assert.Equal(0, listed.ExitCode);
        var counts = listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToDictionary(f => f[0], f => int.Parse(f[1]));
        Assert.Equal(2000, counts.Values.Sum());
        Assert.True(counts["HANBIT"] > counts.Where(c => c.Key != "HANBIT").Max(c => c.Value), "one partner is much larger than the others");
    }

    [Fact]
    public async Task Seeding_the_same_volume_twice_gives_identical_data()
    {
        var first = Path.Combine(_temp.Path, "first");
        var second = Path.Combine(_temp.Path, "second");
        Assert.Equal(0, (await RunInAsync(first, "seed", "--orders", "500")).ExitCode);
        Assert.Equal(0, (await RunInAsync(second, "seed", "--orders", "500")).ExitCode);
        Assert.Equal(await FingerprintAsync(first), await FingerprintAsync(second));
    }

    private async Task<string> FingerprintAsync(string dataDirectory)
    {
        await using var connection = await (await DatabaseOfAsync(dataDirectory)).OpenAsync();
        var fingerprint = new System.Text.StringBuilder();
        foreach (var sql in new[]
        {
            "SELECT Id, OrderNumber, OrderedAt, Status, TotalAmount FROM Orders ORDER BY Id",
            "SELECT Id, OrderId, ProductId, Amount FROM OrderLines ORDER BY Id",
            "SELECT Id, Email, Status FROM Members ORDER BY Id",
        })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = SqlNames.Quote(sql);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var i = 0; i < reader.FieldCount; i++) fingerprint.Append(reader.GetValue(i)).Append('|');
        }
        Assert.True(fingerprint.Length > 0);
        return fingerprint.ToString();
    }

    [Fact]
    public async Task Partner_create_refuses_a_duplicate_code()
    {
        Assert.Equal(0, (await RunAsync("partner", "create", "--code", "acme", "--name", "Acme Trading")).ExitCode);
        var listed = await RunAsync("partner", "list");
        Assert.Contains("ACME", listed.Output);

        var duplicate = await RunAsync("partner", "create", "--code", "ACME", "--name", "Other");
        Assert.Equal(2, duplicate.ExitCode);
        Assert.Contains("exists already", duplicate.Error);
    }

    [Fact]
    public async Task User_create_without_a_password_prints_the_one_it_chose_once_and_the_user_signs_in_with_it()
    {
        var created = await RunAsync("user", "create", "--email", "ops@acme.example", "--role", "Admin");

        Assert.Equal(0, created.ExitCode);
        var password = created.Output.Split("shown only once: ")[1].Trim();
        await using var app = await BuildAppAsync(_temp.Path);
        var (result, _) = await app.Services.GetRequiredService<UserAccounts>().CheckPasswordAsync("ops@acme.example", password);
        Assert.Equal(SignInResult.Succeeded, result);
    }

    [Theory]
    [InlineData("user", "create", "--email", "a@b.example", "--password", "long-enough-1", "--role", "Owner")]
    [InlineData("user", "create", "--email", "a@b.example", "--password", "long-enough-1", "--role", "PartnerUser")]
    [InlineData("user", "create", "--email", "a@b.example", "--password", "short", "--role", "Admin")]
    [InlineData("partner", "create", "--code", "X")]
    [InlineData("seed", "--orders", "many")]
    [InlineData("token", "create", "--user", "nobody@nowhere.example")]
    [InlineData("partner", "rename")]
    [InlineData("job", "run", "no-such-job")]
    [InlineData("job", "run")]
    [InlineData("job", "run", "export")]
    [InlineData("job", "status", "424242")]
    [InlineData("job", "status", "seven")]
    [InlineData("job", "restart", "424242")]
    [InlineData("job", "rerun", "1")]
    [InlineData("job", "run", "export-cleanup", "--param", "no-equals-sign")]
    public async Task Bad_arguments_exit_with_2_and_say_why(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error);
    }

    [Fact]
    public async Task Token_create_prints_a_working_token_on_its_last_line()
    {
        Assert.Equal(0, (await RunAsync("partner", "create", "--code", "ACME", "--name", "Acme")).ExitCode);
        Assert.Equal(0, (await RunAsync("user", "create", "--email", "ops@acme.example", "--password", "correct-horse", "--role", "PartnerUser", "--partner", "ACME")).ExitCode);
        var created = await RunAsync("token", "create", "--user", "OPS@acme.example", "--name", "ci");
        Assert.Equal(0, created.ExitCode);
        var token = created.Output.TrimEnd().Split('\n').Last();

        await using var app = await BuildAppAsync(_temp.Path);
        var user = await app.Services.GetRequiredService<ApiTokens>().AuthenticateAsync(token);
        Assert.Equal("ops@acme.example", user?.Email);
    }

    [Fact]
    public async Task Job_list_shows_each_schedule_with_its_cron_zone_and_next_fire()
    {
        var listed = await RunAsync("job", "list");
        Assert.Equal(0, listed.ExitCode);
        var nextHour = DateTime.UtcNow.Date.AddHours(DateTime.UtcNow.Hour + 1);
        Assert.Contains($"export-cleanup           export-cleanup: 0 0 * * * ? (UTC) next {nextHour:yyyy-MM-dd HH:mm:ss} +00:00", listed.Output);
        // Not configured here, and scheduled all the same: its runs complete saying so.
        Assert.Matches(@"(?m)^marketplace-ingest\s+marketplace-ingest: 0 0/1 8-18 \? \* MON-FRI \(Asia/Seoul\) next ", listed.Output);
    }

    [Fact]
    public async Task Job_list_shows_the_ingest_schedule_in_its_zone_when_the_feed_is_configured()
    {
        await using var app = await BuildAppAsync(_temp.Path, settings: new Dictionary<string, string> { ["PartnerOffice:Ingest:BaseUrl"] = "http://127.0.0.1:9/" });
        var output = new StringWriter();

        Assert.Equal(0, await OperatorCommands.RunAsync(app, ["job", "list"], output, new StringWriter()));

        Assert.Matches(@"marketplace-ingest\s+marketplace-ingest: 0 0/1 8-18 \? \* MON-FRI \(Asia/Seoul\) next \d{4}-\d\d-\d\d (0[89]|1\d):\d\d:00 \+09:00", output.ToString());
    }

    [Fact]
    public async Task Job_run_runs_the_job_here_printing_its_progress_and_status_restart_answer_with_exit_codes_a_script_can_trust()
    {
        var run = await RunAsync("job", "run", "export-cleanup", "--param", "reason=nightly", "--param=by=ci");
        Assert.Equal(0, run.ExitCode);
        var id = long.Parse(System.Text.RegularExpressions.Regex.Match(run.Output, @"Running execution (\d+) of export-cleanup").Groups[1].Value);
        Assert.Contains("  Running", run.Output);
        Assert.EndsWith($"Execution {id} (export-cleanup): Completed", run.Output.TrimEnd());
        var done = await RunAsync("job", "status", id.ToString());
        Assert.Equal((0, $"Execution {id} (export-cleanup): Completed"), (done.ExitCode, done.Output.Trim()));
        var early = await RunAsync("job", "restart", id.ToString());
        Assert.Equal(1, early.ExitCode);
        Assert.Contains("is Completed", early.Output);

        // As a worker that met a dead remote system would leave it.
        await SetStatusAsync(id, "Failed", "IOException: the disk is gone");
        var failed = await RunAsync("job", "status", id.ToString());
        Assert.Equal((1, $"Execution {id} (export-cleanup): Failed — IOException: the disk is gone"), (failed.ExitCode, failed.Output.Trim()));
        var restarted = await RunAsync("job", "restart", id.ToString());
        Assert.Equal((0, $"Execution {id} (export-cleanup) is Queued again."), (restarted.ExitCode, restarted.Output.Trim()));
        // Queued again, and no portal runs it here: it waits.
        var waiting = await RunAsync("job", "status", id.ToString());
        Assert.Equal((OperatorCommands.NotEndedYet, $"Execution {id} (export-cleanup): Queued"), (waiting.ExitCode, waiting.Output.Trim()));
    }

    [Fact]
    public async Task Job_run_of_a_job_that_fails_exits_1_with_its_error()
    {
        var run = await RunInAsync(_temp.Path, builder => new FailSwitch().AddJobs(builder, "flaky"), "job", "run", "flaky");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("  Failed", run.Output);
        Assert.Matches(@"Execution \d+ \(flaky\): Failed — .*The remote system did not answer", run.Output);
    }

    [Fact]
    public async Task Job_run_of_the_ingest_without_a_marketplace_completes_at_once_saying_it_is_not_configured()
    {
        var run = await RunAsync("job", "run", "marketplace-ingest");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"Execution \d+ \(marketplace-ingest\): Completed — Nothing to do: the marketplace is not configured \(set PartnerOffice:Ingest:BaseUrl\)\.", run.Output);
    }

    private async Task SetStatusAsync(long execution, string status, string? error)
    {
        await using var connection = await (await DatabaseOfAsync(_temp.Path)).OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = SqlNames.Quote("UPDATE JobExecutions SET Status = @status, Error = @error, EndedAt = CURRENT_TIMESTAMP WHERE Id = @id");
        foreach (var (name, value) in new (string, object)[] { ("status", status), ("error", (object?)error ?? DBNull.Value), ("id", execution) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var database in _databases.Values) await database.DisposeAsync();
        _temp.Dispose();
    }
}

public sealed class OperatorCommandsOnSqliteTests() : OperatorCommandsTests(DatabaseProvider.Sqlite);

public sealed class OperatorCommandsOnPostgreSqlTests() : OperatorCommandsTests(DatabaseProvider.PostgreSql);
