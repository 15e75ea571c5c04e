using System.Net;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.App.Hosting;
using PartnerOffice.App.Hosting.DataProtection;
using PartnerOffice.Jobs.Sqlite;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Identity;

/// <summary>
/// Two portal nodes on one database (a shared SQLite file), each with a data directory of its own as each container
/// has: a browser that a load balancer sends to either must stay signed in, and its forms must post.
/// </summary>
public sealed class SignInAcrossNodesTests : IAsyncLifetime
{
    private readonly TempDirectory sharedDatabase = new();
    private PortalHost a = default!;
    private PortalHost b = default!;

    public async Task InitializeAsync()
    {
        var connectionString = SqliteDatabase.ConnectionStringFor(sharedDatabase.File("partneroffice.db"));
        a = await PortalHost.StartAsync(configure: builder => builder.Configuration[$"ConnectionStrings:{DatabaseSetup.ConnectionName}"] = connectionString);
        b = await PortalHost.StartAsync(configure: builder => builder.Configuration[$"ConnectionStrings:{DatabaseSetup.ConnectionName}"] = connectionString);
    }

    public async Task DisposeAsync()
    {
        await b.DisposeAsync();
        await a.DisposeAsync();
        sharedDatabase.Dispose();
    }

    // One client for both nodes: cookies do not tell ports apart, so the browser's cookies go to either node as they
    // would to one address behind a load balancer.
    [Fact]
    public async Task A_sign_in_cookie_made_by_one_node_is_accepted_by_the_other()
    {
        using var client = await a.SignInAsync(PortalHost.Kim);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(b.BaseAddress, "account/api-tokens"))).StatusCode);

        var keysOfA = a.Services.GetRequiredService<IKeyManager>().GetAllKeys().Select(k => $"key-{k.KeyId}").ToList();
        Assert.NotEmpty(keysOfA);
        await using var scope = b.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<DataProtectionKeysDbContext>().DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync();
        Assert.Subset(stored.OfType<string>().ToHashSet(), keysOfA.ToHashSet());
    }

    [Fact]
    public async Task A_node_on_another_database_does_not_accept_the_cookie()
    {
        await using var elsewhere = await PortalHost.StartAsync();
        using var client = await a.SignInAsync(PortalHost.Kim);

        var answer = await client.GetAsync(new Uri(elsewhere.BaseAddress, "account/api-tokens"));

        Assert.Equal(HttpStatusCode.Found, answer.StatusCode);
        Assert.Equal("/account/login", PathOfRedirect(elsewhere, answer));
    }

    [Fact]
    public async Task A_form_token_rendered_by_one_node_is_accepted_by_the_other()
    {
        using var client = a.CreateClient();
        const string loginPath = "account/login?returnUrl=%2F";
        var loginForm = await client.GetStringAsync(loginPath);

        var signedIn = await client.PostAsync(new Uri(b.BaseAddress, loginPath), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = PortalHost.AntiforgeryToken(loginForm),
            ["Input.Email"] = PortalHost.Kim.Email,
            ["Input.Password"] = PortalHost.Kim.Password,
        }));
        Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
        Assert.Equal("/", PathOfRedirect(b, signedIn));

        var home = await (await client.GetAsync("")).ReadPageAsync();
        var signedOut = await client.PostAsync(new Uri(b.BaseAddress, "account/logout"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalHost.AntiforgeryToken(home),
        }));
        Assert.Equal(HttpStatusCode.Found, signedOut.StatusCode);
        Assert.Equal("/account/login", PathOfRedirect(b, signedOut));
    }

    private static string PathOfRedirect(PortalHost node, HttpResponseMessage answer) => new Uri(node.BaseAddress, answer.Headers.Location!).AbsolutePath;
}
