namespace TrustPortal.Web.Infrastructure;

/// <summary>The folder that holds the SQLite database, mail pickup files and generated keys.</summary>
public sealed class DataDirectory(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string Resolve(string relativeOrAbsolute) =>
        System.IO.Path.IsPathRooted(relativeOrAbsolute) ? relativeOrAbsolute : System.IO.Path.Combine(Path, relativeOrAbsolute);

    public static DataDirectory FromConfiguration(IHostApplicationBuilder builder)
    {
        var configured = builder.Configuration["Storage:DataDirectory"] ?? "data";
        var full = System.IO.Path.IsPathRooted(configured)
            ? configured
            : System.IO.Path.Combine(builder.Environment.ContentRootPath, configured);
        Directory.CreateDirectory(full);
        return new DataDirectory(full);
    }
}
