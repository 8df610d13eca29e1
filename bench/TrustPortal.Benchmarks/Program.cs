using BenchmarkDotNet.Running;
using TrustPortal.Benchmarks;
using TrustPortal.Documents;

// "render <path>" writes the sample agreement, sealed with a throw-away certificate, for a look at the layout.
if (args is ["render", var path])
{
    using var certificate = AgreementBenchmarks.SelfSigned();
    File.WriteAllBytes(path, AgreementRenderer.RenderAndSeal(SampleAgreement.Build(), certificate,
        new SealDetails("Sample", "San Francisco", "privacy@meridian-ai.example")));
    Console.WriteLine($"Wrote {path}");
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(AgreementBenchmarks).Assembly).Run(args);
