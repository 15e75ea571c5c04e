using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerOffice.App.Components.Shared;

namespace PartnerOffice.Tests.Components;

public class ConfirmDialogTests : PortalComponentTest
{
    [Fact]
    public async Task Confirming_answers_true_keeping_answers_false_and_only_a_destructive_move_is_red()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();

        var kept = provider.InvokeAsync(() => dialogs.ConfirmAsync("Cancel export 7?", "The file will not be made.", "Cancel export", "Keep running", destructive: true));
        Assert.Equal("Cancel export 7?", provider.Find("[role=dialog] h6").TextContent);
        Assert.Contains("mud-button-filled-error", provider.Find("[data-testid=confirm-yes]").ClassName);
        provider.Find("[data-testid=confirm-keep]").Click();
        Assert.False(await kept);

        var confirmed = provider.InvokeAsync(() => dialogs.ConfirmAsync("Restart 7?", "It runs again.", "Restart", "Back"));
        Assert.DoesNotContain("mud-button-filled-error", provider.Find("[data-testid=confirm-yes]").ClassName);
        provider.Find("[data-testid=confirm-yes]").Click();
        Assert.True(await confirmed);
    }
}
