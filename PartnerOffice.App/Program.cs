using PartnerOffice.App.Hosting;

var app = PartnerOfficeApp.Build(new() { Args = args });
if (OperatorCommands.IsCommand(args))
    return await OperatorCommands.RunAsync(app, args);

await app.PrepareDatabaseAsync();
app.MapPartnerOffice();
await app.RunAsync();
return 0;
