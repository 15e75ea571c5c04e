using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerOffice.App.Hosting;
using PartnerOffice.Data;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Hosting;

/// <summary>The demo set a start in Development seeds, and what the start tells the person who ran it.</summary>
public sealed class DemoDataStartupTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly RecordingLoggerProvider _log = new();

    private WebApplication BuildApp(string demoOrders) => PartnerOfficeApp.Build(
        new WebApplicationOptions { EnvironmentName = Environments.Development, ContentRootPath = AppContext.BaseDirectory },
        builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{PartnerOfficeOptions.Section}:DataDirectory"] = _data.Path,
                [$"{PartnerOfficeOptions.Section}:DemoOrders"] = demoOrders,
            });
            builder.Logging.ClearProviders().AddProvider(_log);
        });

    /// <summary>Prepares the database and starts the portal as Program.cs does, then stops it; returns its address.</summary>
    private async Task<string> StartAndStopAsync(WebApplication app)
    {
        await app.PrepareDatabaseAsync();
        app.MapPartnerOffice();
        await app.StartAsync();
        var address = app.Urls.Single();
        await app.StopAsync();
        return address;
    }

    [Fact]
    public async Task A_first_start_seeds_the_configured_number_of_orders_and_says_how_to_sign_in()
    {
        await using var app = BuildApp("500");
        var address = await StartAndStopAsync(app);

        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PartnerOfficeDbContext>>().CreateDbContextAsync())
            Assert.Equal(500, await db.Orders.CountAsync());
        Assert.Contains(_log.Messages, m => m.StartsWith("Seeding demo data: 500 orders"));
        Assert.Contains(_log.Messages, m => m.StartsWith("Seeded demo data: 500 orders"));
        var ready = Assert.Single(_log.Messages, m => m.StartsWith("PartnerOffice is ready at"));
        Assert.Equal($"PartnerOffice is ready at {address} — sign in as admin@partneroffice.example / Admin!2345 (demo users in README)", ready);
    }

    [Fact]
    public async Task A_later_start_seeds_nothing_more_and_still_says_how_to_sign_in()
    {
        await using (var first = BuildApp("500")) await StartAndStopAsync(first);
        _log.Messages.Clear();

        await using var second = BuildApp("800");
        await StartAndStopAsync(second);

        await using (var db = await second.Services.GetRequiredService<IDbContextFactory<PartnerOfficeDbContext>>().CreateDbContextAsync())
            Assert.Equal(500, await db.Orders.CountAsync());
        Assert.DoesNotContain(_log.Messages, m => m.StartsWith("Seed"));
        Assert.Single(_log.Messages, m => m.StartsWith("PartnerOffice is ready at"));
    }

    [Fact]
    public void A_negative_number_of_demo_orders_is_refused()
    {
        using var app = BuildApp("-1");
        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<PartnerOfficeOptions>>().Value);
        Assert.Contains("PartnerOffice:DemoOrders", error.Message);
    }

    public void Dispose() => _data.Dispose();

    /// <summary>Keeps every formatted log message, from any category.</summary>
    private sealed class RecordingLoggerProvider : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Enqueue(formatter(state, exception));

        public void Dispose() { }
    }
}
