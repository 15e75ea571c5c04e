using MudBlazor;

namespace PartnerOffice.App.Components.Shared;

public static class ConfirmDialogs
{
    /// <summary>Shows <see cref="ConfirmDialog"/>; true when the user confirmed, false when they kept things as they are.</summary>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message, string confirmText, string keepText,
        bool destructive = false)
    {
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Title, title },
            { d => d.Message, message },
            { d => d.ConfirmText, confirmText },
            { d => d.KeepText, keepText },
            { d => d.Destructive, destructive },
        };
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(title, parameters,
            new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseButton = false });
        var result = await dialog.Result;
        return result is { Canceled: false };
    }
}
