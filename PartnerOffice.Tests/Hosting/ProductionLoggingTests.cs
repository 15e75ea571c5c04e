using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using PartnerOffice.App.Hosting;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Hosting;

public class ProductionLoggingTests
{
    [Fact]
    public async Task In_production_each_log_entry_is_one_json_line_even_when_a_value_holds_line_breaks()
    {
        using var data = new TempDirectory();
        await using var app = PartnerOfficeApp.Build(
            new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory },
            builder => builder.Configuration[$"{PartnerOfficeOptions.Section}:DataDirectory"] = data.Path);

        var options = app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        Assert.Equal(ConsoleFormatterNames.Json, options.FormatterName);
        var json = app.Services.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Json);

        // What an attacker sends as a path, hoping for a line of its own in the log.
        const string forged = "/api/x\nfail: PartnerOffice.Identity[0] Admin signed in from 10.0.0.1";
        using var output = new StringWriter();
        json.Write(new LogEntry<string>(LogLevel.Error, "PartnerOffice.App.Api", new EventId(1), $"Unhandled exception in GET {forged}", null, (s, _) => s),
            new LoggerExternalScopeProvider(), output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains("\\nfail: PartnerOffice.Identity", lines[0]);
    }

    [Fact]
    public async Task An_operator_command_writes_only_its_output_to_standard_output_and_its_log_lines_to_standard_error()
    {
        using var data = new TempDirectory();
        var settings = new Dictionary<string, string>
        {
            [$"{PartnerOfficeOptions.Section}:DataDirectory"] = data.Path,
            // Every database command is logged: plenty of lines that must not reach what a script captures.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Information",
        };
        await PortalProcess.RunCommandAsync(settings, "seed", "--orders", "10");

        var output = await PortalProcess.RunCommandAsync(settings, "token", "create", "--user", PortalHost.Kim.Email);

        var lines = output.TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("Created token", lines[0]);
        Assert.StartsWith("po_", lines[1]);
    }
}
