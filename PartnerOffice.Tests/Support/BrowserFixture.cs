using Microsoft.Playwright;

namespace PartnerOffice.Tests.Support;

/// <summary>
/// One headless chromium per test class, driven by Playwright. It launches the system's chromium (Debian's
/// package; <c>scripts/install-test-deps.sh</c> installs it) and never downloads a browser of its own.
/// Set <c>PARTNEROFFICE_CHROMIUM</c> to use another executable.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumVariable = "PARTNEROFFICE_CHROMIUM";
    private const string DefaultChromium = "/usr/bin/chromium";

    // Without the background-networking flags chromium keeps calling home, which a closed network refuses noisily.
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } configured ? configured : DefaultChromium;
        if (!File.Exists(executable))
            throw new InvalidOperationException($"No chromium at {executable}: run scripts/install-test-deps.sh or set {ChromiumVariable}.");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true, Args = ChromiumArgs });
    }

    /// <summary>The common laptop, the size every test gets unless it asks for another.</summary>
    public static readonly ViewportSize Laptop = new() { Width = 1280, Height = 800 };

    /// <summary>A small laptop: with the drawer open, about 790 px are left for the page.</summary>
    public static readonly ViewportSize SmallLaptop = new() { Width = 1024, Height = 768 };

    /// <summary>A fresh browser profile (no cookies) pointed at the portal, in the given browser language, at <see cref="Laptop"/> size unless told.</summary>
    public Task<IBrowserContext> NewContextAsync(PortalHost portal, string locale = "en-US", ViewportSize? size = null) =>
        NewContextAsync(portal.BaseAddress, locale, size);

    /// <summary>The same for a portal at any address (a <see cref="PortalProcess"/>, one node of several).</summary>
    public Task<IBrowserContext> NewContextAsync(Uri baseAddress, string locale = "en-US", ViewportSize? size = null) =>
        Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), Locale = locale, ViewportSize = size ?? Laptop });

    /// <summary>The toasts (snackbars) the page shows in its corner.</summary>
    public static ILocator Toasts(IPage page) => page.Locator(".mud-snackbar");

    /// <summary>Waits until the page's circuit is connected, so clicks reach their handlers rather than the prerendered HTML.</summary>
    public static Task WaitUntilInteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("main[data-interactive='true']")).ToBeAttachedAsync();

    /// <summary>Signs in on the login page the browser was sent to (asking for a page while signed out lands there).</summary>
    public static async Task SignInAsync(IPage page, PortalUser user)
    {
        await page.GetByLabel("E-mail").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Opens the exports page in a new tab, signs in there as <paramref name="user"/> and waits until it is interactive.</summary>
    public static Task<IPage> OpenExportsAsync(IBrowserContext context, PortalUser user) => OpenAsync(context, user, "exports", "Exports");

    /// <summary>Opens a page in a new tab, signs in there as <paramref name="user"/>, and waits for its heading and its circuit.</summary>
    public static async Task<IPage> OpenAsync(IBrowserContext context, PortalUser user, string path, string heading)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await SignInAsync(page, user);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
        return page;
    }

    /// <summary>Opens another page of a context that has signed in already and waits until it is interactive.</summary>
    public static async Task<IPage> OpenSignedInAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await WaitUntilInteractiveAsync(page);
        return page;
    }

    /// <summary>
    /// Follows a download link of a file holding personal data: the portal asks why on a page of its own, the reason is
    /// typed in, and the file comes from that page's Download button.
    /// </summary>
    public static async Task<IDownload> DownloadWithReasonAsync(IPage page, ILocator downloadLink, string reason)
    {
        await downloadLink.ClickAsync();
        var field = page.GetByLabel("Reason for the download");
        await field.FillAsync(reason);
        return await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync());
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
    }
}
