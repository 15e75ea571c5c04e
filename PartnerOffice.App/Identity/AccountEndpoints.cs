using Microsoft.AspNetCore.Antiforgery;

namespace PartnerOffice.App.Identity;

/// <summary>The browser-side account endpoint that is not a page: sign-out, a form POST with an antiforgery token.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", SignOutAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, CookieSignIn signIn)
    {
        // The form carries no other field, so nothing binds a form and the check is made here rather than by the framework.
        if (!await antiforgery.IsRequestValidAsync(http)) return TypedResults.BadRequest();
        await signIn.SignOutAsync(http);
        return TypedResults.LocalRedirect(AuthenticationSetup.LoginPath);
    }
}
