using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using PartnerOffice.App.Hosting;
using PartnerOffice.Data;
using PartnerOffice.Jobs.Sqlite;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Hosting;

public sealed class DatabaseSetupTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string DatabaseFile => _temp.File("partneroffice.db");

    private WebApplication BuildApp()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration["PartnerOffice:DataDirectory"] = _temp.Path;
        builder.Logging.ClearProviders();
        builder.AddPartnerOfficeServices();
        return builder.Build();
    }

    [Fact]
    public async Task Start_up_refuses_a_database_of_the_previous_version_and_says_what_to_do()
    {
        var connectionString = SqliteDatabase.ConnectionStringFor(DatabaseFile);
        PreviousVersionDatabase.Create(connectionString);

        await using var app = BuildApp();
        var refused = await Assert.ThrowsAsync<IncompatibleDatabaseException>(() => app.PrepareDatabaseAsync());

        Assert.Contains(DatabaseFile, refused.Message);
        Assert.Contains("another version", refused.Message);
        Assert.Contains("Move or delete that file", refused.Message);
        Assert.Equal(PreviousVersionDatabase.BusinessMigrations, refused.UnknownMigrations);
        Assert.Equal(PreviousVersionDatabase.BusinessMigrations, PreviousVersionDatabase.History(connectionString));
    }

    [Fact]
    public async Task An_operator_command_on_a_database_of_the_previous_version_prints_the_message_alone_and_fails()
    {
        PreviousVersionDatabase.Create(SqliteDatabase.ConnectionStringFor(DatabaseFile));

        await using var app = BuildApp();
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await OperatorCommands.RunAsync(app, ["partner", "list"], output, error);

        Assert.Equal(1, code);
        var lines = error.ToString().TrimEnd().Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("error: The database ", lines[0]);
        Assert.Contains("Move or delete that file", lines[0]);
    }

    public void Dispose() => _temp.Dispose();
}
