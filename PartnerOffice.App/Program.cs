using PartnerOffice.App.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPartnerOfficeServices();

var app = builder.Build();
if (OperatorCommands.IsCommand(args))
    return await OperatorCommands.RunAsync(app, args);

await app.PrepareDatabaseAsync();
app.MapPartnerOffice();
await app.RunAsync();
return 0;
