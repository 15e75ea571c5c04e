using System.Globalization;
using Microsoft.AspNetCore.Localization;
using PartnerOffice.App.Hosting;

namespace PartnerOffice.App.Localization;

/// <summary>
/// The shipped languages: adding one is adding its .resx files and its name here. The browser's Accept-Language picks one; the switch in the shell, the profile page and
/// signing in (with the language stored on the user) set the culture cookie, which wins from then on. Culture and UI culture are the same, so dates and numbers follow
/// the language.
/// </summary>
public static class PortalCultures
{
    public const string English = "en";
    public const string Korean = "ko";
    public static readonly IReadOnlyList<string> Supported = [English, Korean];

    public static bool IsKorean(CultureInfo culture) => culture.TwoLetterISOLanguageName == Korean;

    public static WebApplicationBuilder AddPortalLocalization(this WebApplicationBuilder builder)
    {
        // Strings live in .resx files beside the components that show them (Foo.resx English, Foo.ko.resx Korean).
        builder.Services.AddLocalization();
        builder.Services.AddTransient<MudBlazor.MudLocalizer, MudBlazorText>();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(English).AddSupportedCultures([.. Supported]).AddSupportedUICultures([.. Supported]);
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return builder;
    }

    /// <summary>
    /// <c>GET /culture?name=ko&amp;returnUrl=/exports</c> remembers the language for a year and goes back. Open to
    /// anonymous users so that the login page can switch too; only local return URLs are followed. It is a GET that
    /// other sites can make the browser send, so it changes this browser's cookie only: the language stored on the user
    /// (applied at sign-in) is changed on the profile page, by an antiforgery-checked form.
    /// </summary>
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture", (HttpContext http, string name, string? returnUrl) =>
        {
            if (!IsSupported(name)) return Results.BadRequest();
            Remember(http.Response, name);
            return Results.LocalRedirect(LocalUrl.OrHome(returnUrl));
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    public static bool IsSupported(string? name) => name is not null && Supported.Contains(name);

    /// <summary>Sets the culture cookie, which the next request's localization reads; a supported name only.</summary>
    public static void Remember(HttpResponse response, string name) =>
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(name)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });

    /// <summary>The switch's link for a language, coming back to the page it was clicked on.</summary>
    public static string SwitchUrl(string name, string returnUrl) =>
        $"/culture?name={Uri.EscapeDataString(name)}&returnUrl={Uri.EscapeDataString(returnUrl)}";
}
