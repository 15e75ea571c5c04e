using PartnerOffice.App.Hosting;
using PartnerOffice.Data;
using PartnerOffice.Jobs.Database;

WebApplication app;
try
{
    app = PartnerOfficeApp.Build(new() { Args = args });
}
catch (InvalidDatabaseSettingException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 2;
}
if (OperatorCommands.IsCommand(args))
    return await OperatorCommands.RunAsync(app, args);

try
{
    await app.PrepareDatabaseAsync();
}
catch (IncompatibleDatabaseException e)
{
    // The message says what to do; a stack trace would only bury it.
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 1;
}
app.MapPartnerOffice();
await app.RunAsync();
return 0;
