using MudBlazor;

namespace TrustPortal.Web.Components.Layout;

/// <summary>The one palette and type scale of the portal, light and dark.</summary>
public static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d4ed8",
            Secondary = "#475569",
            AppbarBackground = "#0f172a",
            AppbarText = "#f8fafc",
            Background = "#f8fafc",
            Surface = "#ffffff",
            // Darker than MudBlazor's defaults so secondary text passes WCAG AA contrast (axe checks it in E2E).
            TextPrimary = "#1e293b",
            TextSecondary = "#475569",
            Success = "#15803d",
            Warning = "#b45309",
            Error = "#b91c1c",
            Info = "#0369a1",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#93b4ff",
            Secondary = "#94a3b8",
            AppbarBackground = "#020617",
            AppbarText = "#e2e8f0",
            Background = "#0b1120",
            Surface = "#111a2e",
            TextPrimary = "#e2e8f0",
            TextSecondary = "#a8b5c8",
            Success = "#4ade80",
            Warning = "#fbbf24",
            Error = "#f87171",
            Info = "#38bdf8",
        },
        Typography = new Typography
        {
            // System fonts: nothing to download, and they match the reader's platform.
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
    };
}
