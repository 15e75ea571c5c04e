using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace PartnerOffice.App.Identity;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c> with a personal API token. A request without a bearer header is
/// not this scheme's business (no result); a wrong or revoked token fails.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokens tokens,
    UserPrincipalFactory principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    private const string BearerPrefix = "Bearer ";

    public static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!HasBearerToken(Request)) return AuthenticateResult.NoResult();
        var secret = Request.Headers.Authorization.ToString()[BearerPrefix.Length..].Trim();
        var user = await tokens.AuthenticateAsync(secret, Context.RequestAborted);
        if (user is null) return AuthenticateResult.Fail("The API token is unknown or revoked.");
        var principal = await principals.CreateAsync(user, SchemeName, Context.RequestAborted);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        AuthenticationSetup.RespondUnauthorized(Response);
        return Task.CompletedTask;
    }
}
