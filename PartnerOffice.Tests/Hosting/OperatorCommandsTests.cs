using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Data.Sqlite;
using PartnerOffice.App.Hosting;
using PartnerOffice.App.Identity;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Hosting;

public sealed class OperatorCommandsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private WebApplication BuildApp(string dataDirectory)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration["PartnerOffice:DataDirectory"] = dataDirectory;
        builder.Logging.ClearProviders();
        builder.AddPartnerOfficeServices();
        return builder.Build();
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => await RunInAsync(_temp.Path, args);

    private async Task<(int ExitCode, string Output, string Error)> RunInAsync(string dataDirectory, params string[] args)
    {
        await using var app = BuildApp(dataDirectory);
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
        Assert.Equal(Fingerprint(first), Fingerprint(second));
    }

    private static string Fingerprint(string dataDirectory)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "partneroffice.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT group_concat(Id || OrderNumber || OrderedAt || Status || TotalAmount, '|') FROM Orders)
                || (SELECT group_concat(Id || OrderId || ProductId || Amount, '|') FROM OrderLines)
                || (SELECT group_concat(Id || Email || Status, '|') FROM Members)
            """;
        return (string)command.ExecuteScalar()!;
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

    [Theory]
    [InlineData("user", "create", "--email", "a@b.example", "--password", "long-enough-1", "--role", "Owner")]
    [InlineData("user", "create", "--email", "a@b.example", "--password", "long-enough-1", "--role", "PartnerUser")]
    [InlineData("user", "create", "--email", "a@b.example", "--password", "short", "--role", "Admin")]
    [InlineData("user", "create", "--email", "a@b.example", "--role", "Admin")]
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

        await using var app = BuildApp(_temp.Path);
        var user = await app.Services.GetRequiredService<ApiTokens>().AuthenticateAsync(token);
        Assert.Equal("ops@acme.example", user?.Email);
    }

    [Fact]
    public async Task Job_list_run_status_and_restart_answer_with_exit_codes_a_script_can_trust()
    {
        var listed = await RunAsync("job", "list");
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("export-cleanup           export-cleanup: 0 0 * * * ? (UTC)", listed.Output);

        var run = await RunAsync("job", "run", "export-cleanup");
        Assert.Equal(0, run.ExitCode);
        var id = long.Parse(System.Text.RegularExpressions.Regex.Match(run.Output, @"Queued execution (\d+)").Groups[1].Value);
        // No portal runs it here: it waits in the queue.
        var waiting = await RunAsync("job", "status", id.ToString());
        Assert.Equal((OperatorCommands.NotEndedYet, $"Execution {id} (export-cleanup): Queued"), (waiting.ExitCode, waiting.Output.Trim()));
        var early = await RunAsync("job", "restart", id.ToString());
        Assert.Equal(1, early.ExitCode);
        Assert.Contains("is Queued", early.Output);

        // As a worker that met a dead remote system would leave it.
        SetStatus(id, "Failed", "IOException: the disk is gone");
        var failed = await RunAsync("job", "status", id.ToString());
        Assert.Equal((1, $"Execution {id} (export-cleanup): Failed — IOException: the disk is gone"), (failed.ExitCode, failed.Output.Trim()));
        var restarted = await RunAsync("job", "restart", id.ToString());
        Assert.Equal((0, $"Execution {id} (export-cleanup) is Queued again."), (restarted.ExitCode, restarted.Output.Trim()));

        SetStatus(id, "Completed", null);
        Assert.Equal(0, (await RunAsync("job", "status", id.ToString())).ExitCode);
    }

    private void SetStatus(long execution, string status, string? error)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_temp.Path, "partneroffice.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE JobExecutions SET Status = $status, Error = $error, EndedAt = CURRENT_TIMESTAMP WHERE Id = $id";
        command.Parameters.AddWithValue("$status", status);
        command.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
        command.Parameters.AddWithValue("$id", execution);
        command.ExecuteNonQuery();
    }

    public void Dispose() => _temp.Dispose();
}
