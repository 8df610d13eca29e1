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
    return 0;
}
// "load [users] [seconds]": the portal under concurrent users; exits 1 on any error or lost submission.
if (args is ["load", ..])
{
    // WebApplicationFactory reads its content-root manifest from the working directory.
    Directory.SetCurrentDirectory(AppContext.BaseDirectory);
    var users = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200;
    var seconds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 60;
    return await LoadRun.RunAsync(users, TimeSpan.FromSeconds(seconds));
}
// "executor [signers] [seconds] [warm-up seconds]": DPA executions per second and latency with N concurrent signers.
if (args is ["executor", ..])
{
    Directory.SetCurrentDirectory(AppContext.BaseDirectory);
    var signers = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50;
    var seconds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 30;
    var warmUp = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 20;
    return await ExecutorRun.RunAsync(signers, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmUp));
}
// "executor-rate [arrivals per second] [seconds] [warm-up seconds]": the same executions arriving at a fixed rate (open loop).
if (args is ["executor-rate", ..])
{
    Directory.SetCurrentDirectory(AppContext.BaseDirectory);
    var rate = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 60;
    var seconds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 30;
    var warmUp = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 20;
    return await ExecutorRun.RunOpenAsync(rate, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmUp));
}
// "scale [organizations] [agreements]": Legal's workspace over a large seeded book; exits 1 if a target is missed.
if (args is ["scale", ..])
{
    Directory.SetCurrentDirectory(AppContext.BaseDirectory);
    var organizations = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
    var agreements = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 300_000;
    return await ScaleRun.RunAsync(organizations, agreements);
}
// "scaleout <published portal folder> [users] [seconds] [kill at seconds] [links]": two instances behind nginx, one killed.
if (args is ["scaleout", var web, ..])
{
    Directory.SetCurrentDirectory(AppContext.BaseDirectory);
    int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    return await TrustPortal.Benchmarks.ScaleOut.ScaleOutRun.RunAsync(web, Arg(2, 200), TimeSpan.FromSeconds(Arg(3, 60)), TimeSpan.FromSeconds(Arg(4, 30)), Arg(5, 1500));
}
BenchmarkSwitcher.FromAssembly(typeof(AgreementBenchmarks).Assembly).Run(args);
return 0;
