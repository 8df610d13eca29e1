namespace TrustPortal.Web.Features.Agreements;

/// <summary>Reads the "file" field of a verification upload, refusing anything that is not a PDF within the limit.</summary>
public static class VerifyUpload
{
    /// <summary>The whole request may be a little larger than the file: multipart headers and boundaries.</summary>
    public const long RequestLimit = 11 * 1024 * 1024;

    public static async Task<(byte[]? Content, UploadError? Error)> ReadAsync(HttpRequest request, int maxBytes)
    {
        if (!request.HasFormContentType)
        {
            return (null, new UploadError(400, "Send the PDF as multipart/form-data in a field named \"file\"."));
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (Exception exception) when (exception is InvalidDataException or BadHttpRequestException or IOException)
        {
            // Kestrel reports a body over the size limit as a bad request with status 413.
            var status = exception is BadHttpRequestException { StatusCode: 413 } ? 413 : 400;
            return (null, new UploadError(status, $"The upload could not be read. Send one PDF of at most {maxBytes / 1024 / 1024} MB."));
        }
        var file = form.Files.GetFile("file");
        if (file is null)
        {
            return (null, new UploadError(400, "Choose a PDF file to verify (field \"file\")."));
        }
        if (file.Length > maxBytes)
        {
            return (null, new UploadError(413, $"The file is larger than {maxBytes / 1024 / 1024} MB; executed agreements are far smaller."));
        }
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var content = buffer.ToArray();
        if (content.Length == 0)
        {
            return (null, new UploadError(400, "The file is empty."));
        }
        if (!content.AsSpan().StartsWith(DocumentVerifier.PdfMagic))
        {
            return (null, new UploadError(415, "Only PDF files can be verified."));
        }
        return (content, null);
    }
}

public sealed record UploadError(int StatusCode, string Message);
