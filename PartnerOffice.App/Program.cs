using Microsoft.Data.Sqlite;
using PartnerOffice.App.Hosting;

var app = PartnerOfficeApp.Build(new() { Args = args });
if (OperatorCommands.IsCommand(args))
    return await OperatorCommands.RunAsync(app, args);

var database = new SqliteConnectionStringBuilder(DatabaseSetup.ResolveConnectionString(app.Configuration, app.Environment)).DataSource;
app.Logger.LogInformation("Migrating the database at {Database}", database);
await app.PrepareDatabaseAsync();
app.MapPartnerOffice();
await app.RunAsync();
return 0;
