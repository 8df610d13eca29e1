using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrustPortal.E2E.Pages;
using TrustPortal.Testing;

namespace TrustPortal.E2E.DataRetention;

/// <summary>Customer, Sales and Legal take a zero-data-retention request from the form to a sealed amendment.</summary>
public sealed partial class DataRetentionJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task RequestQuestionAnswerApproveSignCountersign_EndsInAValidZeroDataRetentionAmendment()
    {
        var customer = await Session.SignInAsync(fixture, "customer@acme.example");
        var sales = await Session.SignInAsync(fixture, "sales@trustportal.local");
        var legal = await Session.SignInAsync(fixture, "legal@trustportal.local");

        // The customer describes the request; a first submit without endpoints shows the message at the field.
        await customer.OpenAsync("/portal/data-retention/new");
        await customer.GetByLabel("Registered address").FillAsync("1 Roadrunner Way, Phoenix, AZ");
        await customer.GetByLabel("Country").FillAsync("Unit");
        await customer.Locator(".mud-popover-open .mud-list-item").GetByText("United States", new() { Exact = true }).ClickAsync();
        await customer.GetByLabel("Health information").CheckAsync();
        await customer.GetByLabel("Why you need this retention").FillAsync("Our hospital contracts forbid any copy of patient notes outside our systems.");
        await customer.ClickButtonAsync("Submit for review");
        await Assertions.Expect(customer.GetByText("Choose at least one API endpoint.")).ToBeVisibleAsync();
        await Screenshots(customer, "request-form");
        await customer.GetByLabel("Messages (chat completions)").CheckAsync();
        await customer.ClickButtonAsync("Submit for review");
        await customer.WaitForURLAsync(RequestUrl());
        var requestUrl = new Uri(customer.Url).AbsolutePath;
        var id = requestUrl.Split('/')[^1];

        // It waits in the one request queue beside BAAs; the old queue's address preselects its type.
        await sales.OpenAsync("/sales/requests");
        await Assertions.Expect(sales.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^BAA-R-") }).First).ToBeVisibleAsync();
        await Assertions.Expect(sales.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^DR-R-") })).ToHaveCountAsync(1);
        await Screenshots(sales, "queue-all");
        await sales.GetByLabel("Search").FillAsync("Acme");
        await Assertions.Expect(sales.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^BAA-R-") })).ToHaveCountAsync(0);
        var acmeRetention = sales.GetByRole(AriaRole.Row).Filter(new() { HasText = "Data retention" }).Filter(new() { HasText = "Acme Corporation" });
        await Assertions.Expect(acmeRetention).ToHaveCountAsync(1);
        await Assertions.Expect(acmeRetention).ToContainTextAsync("Submitted");
        await Screenshots(sales, "queue");
        await sales.OpenAsync("/sales/data-retention");
        await sales.WaitForURLAsync(new Regex(@"/sales/requests\?type=data-retention$"));
        await Assertions.Expect(sales.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^DR-R-") })).ToHaveCountAsync(1);
        await Assertions.Expect(sales.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^BAA-R-") })).ToHaveCountAsync(0);
        await sales.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^DR-R-") }).ClickAsync();
        await sales.WaitForURLAsync(new Regex($"/sales/data-retention/{id}$"));

        // Sales takes it and asks a question; the customer answers.
        await sales.ClickButtonAsync("Assign to me");
        await Assertions.Expect(sales.Locator("body")).ToContainTextAsync("In review");
        await sales.GetByLabel("Question for the customer").FillAsync("Do you also upload files?");
        await sales.ClickButtonAsync("Send question");
        await Assertions.Expect(sales.Locator("body")).ToContainTextAsync("Information requested");
        await customer.OpenAsync(requestUrl);
        await customer.GetByLabel("Your answer").FillAsync("No, only chat messages.");
        await customer.ClickButtonAsync("Send answer");
        await Assertions.Expect(customer.Locator("body")).ToContainTextAsync("Our team is reviewing your request");

        // Sales checks and approves.
        await sales.OpenAsync($"/sales/data-retention/{id}");
        await Assertions.Expect(sales.Locator("body")).ToContainTextAsync("No, only chat messages.");
        await sales.GetByLabel("Every endpoint named supports this retention").CheckAsync();
        await sales.GetByLabel("The retention can be configured for this organization").CheckAsync();
        await sales.GetByLabel("No feature the customer uses needs stored data").CheckAsync();
        await sales.ClickButtonAsync("Save checklist");
        await Assertions.Expect(sales.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true })).ToBeEnabledAsync();
        await sales.GetByLabel("Internal note (never shown to the customer)").FillAsync("Checked with the platform team: Messages keeps no logs in this region.");
        await sales.ClickButtonAsync("Add note");
        await Assertions.Expect(sales.GetByRole(AriaRole.List, new() { Name = "Internal notes" })).ToContainTextAsync("keeps no logs in this region");
        await Screenshots(sales, "review");
        await sales.ClickButtonAsync("Approve");
        await Assertions.Expect(sales.Locator("body")).ToContainTextAsync("decided by Sam Sales");

        // The customer signs; Legal countersigns.
        await customer.OpenAsync(requestUrl);
        await Assertions.Expect(customer.Locator("body")).Not.ToContainTextAsync("keeps no logs in this region");
        await customer.GetByLabel("Signatory's title").FillAsync("Chief Operating Officer");
        await customer.GetByLabel("Type your full name to sign").FillAsync("Casey Customer");
        await customer.GetByLabel("I have read the data retention amendment", new() { Exact = false }).CheckAsync();
        await Screenshots(customer, "sign");
        await customer.ClickButtonAsync("Sign the amendment");
        await Assertions.Expect(customer.Locator("body")).ToContainTextAsync("Our legal team countersigns next");
        await legal.OpenAsync("/legal/countersign");
        await Assertions.Expect(legal.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Acme Corporation" })).ToContainTextAsync("Zero Data Retention Amendment");
        await Screenshots(legal, "countersign");
        await legal.GetByRole(AriaRole.Button, new() { Name = "Countersign the retention amendment for Acme Corporation" }).ClickAsync();
        await legal.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Countersign" }).ClickAsync();
        await Assertions.Expect(legal.GetByText("Nothing to countersign")).ToBeVisibleAsync();

        // The customer downloads the sealed amendment, and Legal's matrix shows it.
        await customer.OpenAsync(requestUrl);
        await Screenshots(customer, "executed");
        await customer.GetByRole(AriaRole.Link, new() { Name = "View and download the amendment" }).ClickAsync();
        await customer.WaitForURLAsync(AgreementUrl());
        var download = await customer.RunAndWaitForDownloadAsync(() => customer.GetByRole(AriaRole.Link, new() { Name = "Download PDF" }).ClickAsync());
        var path = Path.Combine(fixture.Portal.DataDirectory, $"{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(path);
        var pdf = await File.ReadAllBytesAsync(path);
        Assert.True(PdfTools.IsValidlySealed(pdf), PdfTools.Pdfsig(pdf));
        Assert.Contains("Zero Data Retention Amendment", PdfTools.Text(pdf), StringComparison.Ordinal);
        await legal.OpenAsync("/legal/attestations");
        await Assertions.Expect(legal.Locator("body")).ToContainTextAsync("Zero data retention since");
        await Screenshots(legal, "matrix");
    }

    private static async Task Screenshots(IPage page, string name)
    {
        foreach (var width in new[] { 1366, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.EvaluateAsync("window.scrollTo(0, 0)");
            await page.ScreenshotAsync(new() { Path = Layout.LayoutTests.ScreenshotPath("retention", width, name), FullPage = true });
        }
        await page.SetViewportSizeAsync(1366, 900);
    }

    [GeneratedRegex(@"/portal/data-retention/[0-9a-f\-]{36}$")]
    private static partial Regex RequestUrl();

    [GeneratedRegex(@"/agreements/[0-9a-f\-]{36}$")]
    private static partial Regex AgreementUrl();
}
