using Microsoft.Extensions.Logging.Console;

namespace PartnerOffice.App.Hosting;

/// <summary>Builds the one application that Program.cs runs and the tests host on a loopback port.</summary>
public static class PartnerOfficeApp
{
    /// <param name="configure">Lets a test host replace settings before the services are registered.</param>
    public static WebApplication Build(WebApplicationOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        // Tests run under another entry assembly; the static web asset manifests and Razor components are found by this name.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = options.Args,
            EnvironmentName = options.EnvironmentName,
            ContentRootPath = options.ContentRootPath,
            WebRootPath = options.WebRootPath,
            ApplicationName = options.ApplicationName ?? typeof(PartnerOfficeApp).Assembly.GetName().Name,
        });
        configure?.Invoke(builder);
        builder.AddPartnerOfficeServices();
        // A command's standard output is what a script captures (TOKEN=$(… token create …)); its log lines go to standard error.
        if (OperatorCommands.IsCommand(options.Args ?? []))
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        return builder.Build();
    }
}
