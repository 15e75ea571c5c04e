using PartnerOffice.Jobs.Database;
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

    [Theory]
    [InlineData("Oracle", "PartnerOffice:Database:Provider is 'Oracle'; it must be one of Sqlite, PostgreSql, SqlServer.")]
    [InlineData("PostgreSql", "PartnerOffice:Database:Provider is PostgreSql: set ConnectionStrings:PartnerOffice")]
    public void A_database_setting_the_portal_cannot_use_is_refused_naming_the_setting(string provider, string message)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration["PartnerOffice:DataDirectory"] = _temp.Path;
        builder.Configuration["PartnerOffice:Database:Provider"] = provider;

        var refused = Assert.Throws<InvalidDatabaseSettingException>(() => DatabaseSetup.ResolveDatabase(builder.Configuration, builder.Environment));

        Assert.StartsWith(message, refused.Message);
    }

    [Fact]
    public void The_provider_is_read_in_any_case_and_sqlite_without_a_connection_string_is_a_file_in_the_data_directory()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration["PartnerOffice:DataDirectory"] = _temp.Path;
        Assert.Equal(DatabaseConnection.Sqlite(SqliteDatabase.ConnectionStringFor(DatabaseFile)), DatabaseSetup.ResolveDatabase(builder.Configuration, builder.Environment));

        builder.Configuration["PartnerOffice:Database:Provider"] = "postgresql";
        builder.Configuration["ConnectionStrings:PartnerOffice"] = "Host=127.0.0.1;Database=po;Password=secret";
        var server = DatabaseSetup.ResolveDatabase(builder.Configuration, builder.Environment);
        Assert.Equal(DatabaseProvider.PostgreSql, server.Provider);
        Assert.DoesNotContain("secret", server.ToString());
    }

    public void Dispose() => _temp.Dispose();
}
