using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using PartnerOffice.Identity;

namespace PartnerOffice.App.Identity;

/// <summary>
/// Two ways in: the browser's cookie and a personal API token. A policy scheme picks the token scheme when the
/// request carries a bearer header and the cookie otherwise, so a signed-in browser may read /api too (the history's
/// download links). A change through /api (any method but GET, HEAD, OPTIONS) needs the token: the cookie travels
/// with requests other sites make the browser send, a bearer header never does. The portal's own pages change
/// state over their circuit or antiforgery-checked forms.
/// </summary>
public static class AuthenticationSetup
{
    private const string ActiveCheckedAt = "po.activeCheckedAt";
    private static readonly TimeSpan ActiveCheckInterval = TimeSpan.FromMinutes(1);

    private const string PortalScheme = "Portal";
    public const string LoginPath = "/account/login";

    public static WebApplicationBuilder AddPortalAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<IdentityOptions>(builder.Configuration.GetSection(IdentityOptions.Section));
        builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.Services.AddSingleton<UserAccounts>();
        builder.Services.AddSingleton<ApiTokens>();
        builder.Services.AddSingleton<UserAdministration>();
        builder.Services.AddSingleton<UserPrincipalFactory>();
        builder.Services.AddSingleton<CookieSignIn>();
        builder.Services.AddSingleton<ProfileService>();
        builder.Services.AddCascadingAuthenticationState();

        builder.Services.AddAuthentication(PortalScheme)
            .AddPolicyScheme(PortalScheme, "Cookie or API token", o => o.ForwardDefaultSelector = context =>
                ApiTokenAuthenticationHandler.HasBearerToken(context.Request) || IsApiChange(context.Request)
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddCookie(o =>
            {
                o.Cookie.Name = "PartnerOffice.Auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LoginPath = LoginPath;
                o.ReturnUrlParameter = "returnUrl";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = context =>
                {
                    // Machines calling /api get a status code, never the login page.
                    if (IsApiRequest(context.Request)) RespondUnauthorized(context.Response);
                    else context.Response.Redirect(context.RedirectUri);
                    return Task.CompletedTask;
                };
                // A user an admin locked or removed is signed out within a minute, not when the cookie runs out. The check is
                // made at most once a minute per cookie (its time kept in the cookie), not on every request and static file.
                o.Events.OnValidatePrincipal = async context =>
                {
                    var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                    if (context.Properties.Items.TryGetValue(ActiveCheckedAt, out var last) && DateTimeOffset.TryParse(last,
                            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var checkedAt)
                        && now - checkedAt < ActiveCheckInterval)
                        return;
                    if (CurrentUser.From(context.Principal!) is { } user
                        && !await context.HttpContext.RequestServices.GetRequiredService<UserAccounts>().IsActiveAsync(user.Id, context.HttpContext.RequestAborted))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                        return;
                    }
                    context.Properties.Items[ActiveCheckedAt] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                    context.ShouldRenew = true;
                };
                o.Events.OnRedirectToAccessDenied = context =>
                {
                    // Pages answer 403 as well; the status-code pages render the friendly "no access" page for it.
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.AdminOnly, p => p.RequireAuthenticatedUser().RequireRole(nameof(UserRole.Admin)));
        return builder;
    }

    public static bool IsApiRequest(HttpRequest request) => IsApiPath(request.Path);

    public static bool IsApiPath(PathString path) => path.StartsWithSegments("/api");

    private static bool IsApiChange(HttpRequest request) =>
        IsApiRequest(request) && !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));

    /// <summary>401 with the bearer challenge; the status-code pages add the problem details body.</summary>
    public static void RespondUnauthorized(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = "Bearer";
    }
}
