using PartnerOffice.Jobs.Database;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PartnerOffice.App.Hosting;
using PartnerOffice.App.Identity;
using PartnerOffice.Identity;
using PartnerOffice.Retail;

namespace PartnerOffice.Tests.Support;

/// <summary>A demo user the portal host seeds (the same ones Development gets).</summary>
public sealed record PortalUser(string Email, string Password, UserRole Role, string? PartnerCode, string Name);

/// <summary>
/// The real portal on Kestrel at <c>http://127.0.0.1:&lt;free port&gt;</c>, in the Development environment, with its
/// own temporary data directory (SQLite file, keys) holding a small demo data set and the demo users.
/// Share one per test class with <c>IClassFixture&lt;PortalHost&gt;</c>; start a differently configured one with
/// <see cref="StartAsync"/>. Stops and deletes its data when disposed.
/// </summary>
public partial class PortalHost : IAsyncLifetime, IAsyncDisposable
{
    public static readonly PortalUser Admin = DemoUser(UserRole.Admin, null);
    /// <summary>김민준, a partner user of HANBIT (한빛상사).</summary>
    public static readonly PortalUser Kim = DemoUser(UserRole.PartnerUser, "HANBIT");
    /// <summary>이서연, a partner user of BADA (바다마켓).</summary>
    public static readonly PortalUser Lee = DemoUser(UserRole.PartnerUser, "BADA");

    /// <summary>A valid cron whose first fire is decades away.</summary>
    public const string NeverInATest = "0 0 0 1 1 ? 2099";

    /// <summary>Orders in the demo set: enough for every partner to have some, small enough to seed in a blink.</summary>
    public const int DemoOrders = 300;

    private readonly TempDirectory data = new();
    private readonly Action<WebApplicationBuilder>? configure;
    private readonly Action<IEndpointRouteBuilder>? mapTestEndpoints;
    private readonly int orders;
    private readonly DatabaseProvider engine;
    private TestDatabase? serverDatabase;
    private WebApplication? app;

    public PortalHost() : this(null, null, DemoOrders, DatabaseProvider.Sqlite) { }

    /// <summary>A class fixture of the portal on another database engine (<see cref="PostgreSqlPortalHost"/>).</summary>
    protected PortalHost(DatabaseProvider engine) : this(null, null, DemoOrders, engine) { }

    private PortalHost(Action<WebApplicationBuilder>? configure, Action<IEndpointRouteBuilder>? mapTestEndpoints, int orders, DatabaseProvider engine) =>
        (this.configure, this.mapTestEndpoints, this.orders, this.engine) = (configure, mapTestEndpoints, orders, engine);

    /// <summary>
    /// Starts a host of its own: with other settings (<c>builder.Configuration[...] = ...</c>, replaced services),
    /// endpoints only the test needs (one that throws, say), mapped after the portal's own, and as many demo orders
    /// as the test needs (HANBIT gets about 60 % of them, see <see cref="RetailDataSeeder.DemoPartners"/>).
    /// </summary>
    public static async Task<PortalHost> StartAsync(Action<WebApplicationBuilder>? configure = null, Action<IEndpointRouteBuilder>? mapTestEndpoints = null,
        int orders = DemoOrders, DatabaseProvider engine = DatabaseProvider.Sqlite)
    {
        var host = new PortalHost(configure, mapTestEndpoints, orders, engine);
        await host.InitializeAsync();
        return host;
    }

    /// <summary>Where the portal listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>The running app's services (UserAccounts, ApiTokens, the DbContext factory, …).</summary>
    public IServiceProvider Services => app?.Services ?? throw new InvalidOperationException("The portal is not started.");

    /// <summary>The portal's data folder: a temporary one of its own unless the test configured another.</summary>
    public string DataDirectory => app?.Configuration[$"{PartnerOfficeOptions.Section}:DataDirectory"] ?? data.Path;

    public string DatabaseFile => Path.Combine(DataDirectory, "partneroffice.db");

    /// <summary>The portal's database (a file in the data folder on SQLite, a database of its own on a server engine).</summary>
    public DatabaseConnection Database => Services.GetRequiredService<DatabaseConnection>();

    public async Task InitializeAsync()
    {
        if (engine != DatabaseProvider.Sqlite) serverDatabase = await TestDatabase.CreateAsync(engine);
        app = PartnerOfficeApp.Build(
            new WebApplicationOptions { EnvironmentName = Environments.Development, ContentRootPath = AppContext.BaseDirectory },
            builder =>
            {
                builder.WebHost.UseUrls("http://127.0.0.1:0");
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    [$"{PartnerOfficeOptions.Section}:DataDirectory"] = data.Path,
                    [$"{PartnerOfficeOptions.Section}:SeedDemoData"] = "false",
                    ["Logging:LogLevel:Default"] = "Warning",
                    ["Logging:LogLevel:Microsoft.AspNetCore"] = "Error",
                    // The weekday ingest fires every minute of office hours on the real clock; tests that want it say so.
                    ["PartnerOffice:Ingest:Cron"] = NeverInATest,
                });
                if (serverDatabase is not null)
                {
                    builder.Configuration[DatabaseSetup.ProviderKey] = serverDatabase.Provider.ToString();
                    builder.Configuration[$"ConnectionStrings:{DatabaseSetup.ConnectionName}"] = serverDatabase.Connection.ConnectionString;
                }
                configure?.Invoke(builder);
            });
        await app.PrepareDatabaseAsync();
        await SeedDemoDataAsync();
        app.MapPartnerOffice();
        mapTestEndpoints?.Invoke(app);
        await app.StartAsync();
        BaseAddress = new Uri(app.Urls.Single().TrimEnd('/') + "/");
    }

    private async Task SeedDemoDataAsync()
    {
        await RetailDataSeeder.SeedAsync(app!.Services.GetRequiredService<DatabaseConnection>(), new DemoDataVolume(orders, ProductsPerPartner: 20));
        await app.Services.GetRequiredService<DemoDataStartup>().SeedUsersAsync(CancellationToken.None);
    }

    /// <summary>A client for this host that keeps cookies and does not follow redirects (so tests can see them).</summary>
    public HttpClient CreateClient(string? acceptLanguage = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };
        if (acceptLanguage is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        return client;
    }

    /// <summary>A client that calls the API with <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    public HttpClient CreateTokenClient(string bearerToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        return client;
    }

    /// <summary>A client signed in through the login form, holding the sign-in cookie.</summary>
    public async Task<HttpClient> SignInAsync(PortalUser user, string? acceptLanguage = null)
    {
        var client = CreateClient(acceptLanguage);
        var response = await PostLoginFormAsync(client, user.Email, user.Password);
        if (response.StatusCode != HttpStatusCode.Found)
            throw new InvalidOperationException($"Signing in as {user.Email} answered {(int)response.StatusCode}, not a redirect.");
        return client;
    }

    /// <summary>Fills in and posts the login form like a browser (antiforgery token included); returns the raw answer.</summary>
    public static async Task<HttpResponseMessage> PostLoginFormAsync(HttpClient client, string email, string password, string returnUrl = "/")
    {
        var loginPath = $"account/login?returnUrl={Uri.EscapeDataString(returnUrl)}";
        var form = await client.GetStringAsync(loginPath);
        return await client.PostAsync(loginPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>The antiforgery token a rendered form carries.</summary>
    public static string AntiforgeryToken(string html) =>
        AntiforgeryField().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("The page has no antiforgery token.");

    /// <summary>Creates a personal API token for a user directly (as the token page would) and returns its secret.</summary>
    public async Task<string> CreateTokenAsync(PortalUser user, string name = "test token")
    {
        var id = await UserIdAsync(user);
        return (await Services.GetRequiredService<ApiTokens>().CreateAsync(id, name)).Secret;
    }

    public async Task<int> UserIdAsync(PortalUser user)
    {
        var dbFactory = Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PartnerOffice.Data.PartnerOfficeDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        var normalized = UserAccounts.Normalize(user.Email);
        return db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).Single();
    }

    /// <summary>How many orders a partner has in the portal's database: the rows an unfiltered orders export holds.</summary>
    public async Task<int> OrderCountAsync(string partnerCode)
    {
        var dbFactory = Services.GetRequiredService<IDbContextFactory<PartnerOffice.Data.PartnerOfficeDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        var partner = await db.Partners.Where(p => p.Code == partnerCode).Select(p => p.Id).SingleAsync();
        return await db.Orders.CountAsync(o => o.PartnerId == partner);
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }
        if (serverDatabase is not null) await serverDatabase.DisposeAsync();
        serverDatabase = null;
        data.Dispose();
    }

    private static PortalUser DemoUser(UserRole role, string? partner)
    {
        var (email, password, _, _, name) = DemoDataStartup.DemoUsers.First(u => u.Role == role && u.Partner == partner);
        return new PortalUser(email, password, role, partner, name);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

/// <summary>The portal on a database of its own on the run's PostgreSQL server, as a class fixture.</summary>
public sealed class PostgreSqlPortalHost() : PortalHost(DatabaseProvider.PostgreSql);
