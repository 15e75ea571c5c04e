using MudBlazor;

namespace PartnerOffice.App.Components.Layout;

/// <summary>The portal's look: one palette whose text colours meet 4.5:1 on their backgrounds, and a font stack with Korean glyphs.</summary>
public static class PortalTheme
{
    private static readonly string[] FontFamily =
        ["Pretendard", "Noto Sans KR", "Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic", "system-ui", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#5c6bc0",
            AppbarBackground = "#283593",
            Success = "#1b5e20",
            Error = "#b71c1c",
            Warning = "#8a4b00",
            Info = "#0d47a1",
            TextSecondary = "#4b5058",
            DrawerBackground = "#ffffff",
            Background = "#f6f7fb",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontFamily },
            H4 = new H4Typography { FontFamily = FontFamily, FontSize = "1.6rem", FontWeight = "500" },
            H5 = new H5Typography { FontFamily = FontFamily, FontSize = "1.25rem", FontWeight = "500" },
            H6 = new H6Typography { FontFamily = FontFamily, FontSize = "1.05rem", FontWeight = "500" },
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "232px" },
    };
}
