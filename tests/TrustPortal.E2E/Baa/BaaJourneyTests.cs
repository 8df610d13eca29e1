using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrustPortal.E2E.Pages;
using TrustPortal.Testing;

namespace TrustPortal.E2E.Baa;

/// <summary>Customer, Sales and Legal in three browsers take a BAA from request to executed, sealed PDF.</summary>
public sealed partial class BaaJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task RequestQuestionAnswerApproveSignCountersign_BothSidesDownloadAValidPdf()
    {
        var customer = await Session.SignInAsync(fixture, "customer@acme.example");
        var sales = await Session.SignInAsync(fixture, "sales@trustportal.local");
        var legal = await Session.SignInAsync(fixture, "legal@trustportal.local");

        // The customer describes the use case.
        await customer.OpenAsync("/baa/new");
        await customer.GetByLabel("Registered address").FillAsync("1 Roadrunner Way, Phoenix, AZ");
        await customer.GetByLabel("Country").FillAsync("Unit");
        await customer.Locator(".mud-popover-open .mud-list-item").GetByText("United States", new() { Exact = true }).ClickAsync();
        await customer.GetByLabel("Chat Completions API").CheckAsync();
        await customer.GetByLabel("Clinical notes and diagnoses").CheckAsync();
        await customer.GetByLabel("Intended go-live").FillAsync(DateTime.UtcNow.AddDays(45).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await customer.GetByLabel("Intended go-live").PressAsync("Tab");
        await customer.GetByLabel("How PHI reaches the API").FillAsync("Our backend sends visit notes; browsers never call the API.");
        await customer.GetByLabel("Contact name").FillAsync("Casey Customer");
        await customer.GetByLabel("Contact email").FillAsync("casey@acme.example");
        await customer.ClickButtonAsync("Submit for review");
        await customer.WaitForURLAsync(RequestUrl());
        var requestUrl = new Uri(customer.Url).AbsolutePath;
        var id = requestUrl.Split('/')[^1];

        // Sales takes it and asks a question.
        await sales.OpenAsync($"/sales/baa/{id}");
        await sales.ClickButtonAsync("Assign to me");
        await Assertions.Expect(sales.GetByText("Sam Sales").First).ToBeVisibleAsync();
        await sales.GetByLabel("Question for the customer").FillAsync("Do browsers ever send PHI directly?");
        await sales.ClickButtonAsync("Send question");
        await Assertions.Expect(sales.Locator("body")).ToContainTextAsync("Information requested");

        // The customer answers.
        await customer.OpenAsync(requestUrl);
        await Assertions.Expect(customer.Locator("body")).ToContainTextAsync("Do browsers ever send PHI directly?");
        await customer.GetByLabel("Your answer").FillAsync("No: only our backend, over TLS.");
        await customer.ClickButtonAsync("Send answer");
        await Assertions.Expect(customer.Locator("body")).ToContainTextAsync("Our team is reviewing your use case");

        // Sales completes the checklist and approves.
        await sales.OpenAsync($"/sales/baa/{id}");
        await Assertions.Expect(sales.Locator("body")).ToContainTextAsync("No: only our backend, over TLS.");
        await sales.GetByLabel("Every requested service is BAA-eligible").CheckAsync();
        await sales.GetByLabel("The use case relies on no feature the BAA excludes").CheckAsync();
        await sales.ClickButtonAsync("Save checklist");
        await sales.ClickButtonAsync("Approve…");
        await sales.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Approve request" }).ClickAsync();
        await Assertions.Expect(sales.Locator("body")).ToContainTextAsync("Approved");

        // The customer signs.
        await customer.OpenAsync(requestUrl);
        await customer.GetByLabel("Signatory's title").FillAsync("Chief Operating Officer");
        await customer.GetByLabel("Type your full name to sign").FillAsync("Casey Customer");
        await customer.GetByLabel("I have read the Business Associate Agreement", new() { Exact = false }).CheckAsync();
        await customer.ClickButtonAsync("Sign the BAA");
        await Assertions.Expect(customer.Locator("body")).ToContainTextAsync("Our legal team countersigns next");

        // Legal countersigns.
        await legal.OpenAsync("/legal/countersign");
        await legal.GetByRole(AriaRole.Button, new() { Name = "Countersign the BAA for Acme Corporation" }).ClickAsync();
        await legal.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Countersign" }).ClickAsync();
        await Assertions.Expect(legal.GetByText("Nothing to countersign")).ToBeVisibleAsync();

        // Both sides download the executed BAA.
        await customer.OpenAsync(requestUrl);
        await customer.GetByRole(AriaRole.Link, new() { Name = "View and download the BAA" }).ClickAsync();
        await customer.WaitForURLAsync(AgreementUrl());
        var agreementUrl = new Uri(customer.Url).AbsolutePath;
        var fromCustomer = await DownloadAsync(customer);
        await legal.OpenAsync(agreementUrl);
        var fromLegal = await DownloadAsync(legal);

        Assert.Equal(fromCustomer, fromLegal);
        var report = PdfTools.Pdfsig(fromCustomer);
        Assert.Contains("Signature is Valid", report, StringComparison.Ordinal);
        Assert.Contains("Total document signed", report, StringComparison.Ordinal);
        var text = PdfTools.Text(fromCustomer);
        Assert.Contains("Business Associate Agreement", text, StringComparison.Ordinal);
        Assert.Contains("Lee Legal", text, StringComparison.Ordinal);
        Assert.Contains("Approved by Sam Sales", text, StringComparison.Ordinal);
    }

    private async Task<byte[]> DownloadAsync(IPage page)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download PDF" }).ClickAsync());
        var path = Path.Combine(fixture.Portal.DataDirectory, $"{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(path);
        return await File.ReadAllBytesAsync(path);
    }

    [GeneratedRegex(@"/baa/[0-9a-f\-]{36}$")]
    private static partial Regex RequestUrl();

    [GeneratedRegex(@"/agreements/[0-9a-f\-]{36}$")]
    private static partial Regex AgreementUrl();
}
