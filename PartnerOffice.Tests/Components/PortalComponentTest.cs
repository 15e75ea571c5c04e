using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using PartnerOffice.App.Localization;

namespace PartnerOffice.Tests.Components;

/// <summary>
/// A bUnit context with what the portal's components expect: MudBlazor's services, the portal's string tables, and
/// a UI culture of the test's choosing. MudBlazor registers services that are only asynchronously disposable, so the
/// context is disposed asynchronously (xunit calls <see cref="DisposeAsync"/>).
/// </summary>
public abstract class PortalComponentTest : BunitContext, IAsyncLifetime
{
    private readonly CultureInfo callerCulture = CultureInfo.CurrentCulture;
    private readonly CultureInfo callerUiCulture = CultureInfo.CurrentUICulture;

    protected PortalComponentTest(string culture = "en")
    {
        UseCulture(culture);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
        Services.AddTransient<MudLocalizer, MudBlazorText>();
    }

    protected static void UseCulture(string name)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        CultureInfo.CurrentCulture = callerCulture;
        CultureInfo.CurrentUICulture = callerUiCulture;
        await base.DisposeAsync();
    }
}
