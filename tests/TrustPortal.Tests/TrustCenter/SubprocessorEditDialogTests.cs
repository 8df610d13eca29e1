using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TrustPortal.Web.Features.TrustCenter.Subscriptions;

namespace TrustPortal.Tests.TrustCenter;

public sealed class SubprocessorEditDialogTests : PortalComponentTest
{
    public SubprocessorEditDialogTests()
    {
        // The dialog checks the fields itself before it calls the service, so these tests never reach it.
        Services.AddSingleton(new SubprocessorAdminService(null!, null!, null!, null!, null!, null!, null!, null!, null!, TimeProvider.System));
    }

    [Fact]
    public async Task AddDialog_OnOpening_ShowsNoErrors()
    {
        var provider = await OpenAsync();

        Assert.Empty(provider.FindAll(".mud-input-error"));
        Assert.DoesNotContain("Required", provider.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Enter the", provider.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddDialog_SaveWithEmptyFields_ShowsAMessageAtEachRequiredField_AndStaysOpen()
    {
        var provider = await OpenAsync();

        await provider.InvokeAsync(() => provider.FindAll("button").Single(b => b.TextContent.Contains("Save draft", StringComparison.Ordinal)).Click());

        var errors = provider.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(
            ["Enter the name (2 characters or more).", "Enter the purpose (2 characters or more).",
             "Enter the location (2 characters or more).", "Enter the categories of data (2 characters or more)."],
            errors);
        Assert.NotEmpty(provider.FindAll(".mud-dialog"));
    }

    [Fact]
    public async Task AddDialog_ChangingOneField_ShowsOnlyThatFieldsMessage()
    {
        var provider = await OpenAsync();

        await provider.InvokeAsync(() => provider.FindAll("input")[0].Change("x"));

        var errors = provider.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["Enter the name (2 characters or more)."], errors);
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<SubprocessorEditDialog>("Add a subprocessor",
            new DialogParameters<SubprocessorEditDialog> { { d => d.Input, new SubprocessorInput() } }));
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll(".mud-dialog")));
        return provider;
    }
}
