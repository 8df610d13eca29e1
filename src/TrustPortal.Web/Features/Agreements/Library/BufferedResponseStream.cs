namespace TrustPortal.Web.Features.Agreements.Library;

/// <summary>
/// A write-only stream that lets ZipArchive write to an HTTP response without synchronous I/O, which Kestrel
/// refuses. ZipArchive still writes synchronously in places (an entry's Dispose flushes its deflater and writes the
/// data descriptor), so every write lands in a small buffer, and the buffer goes to the destination asynchronously
/// when it grows past a threshold or when the caller drains it. Memory is bounded by one entry's tail, not the ZIP.
/// </summary>
internal sealed class BufferedResponseStream(Stream destination, int threshold = 64 * 1024) : Stream
{
    private readonly MemoryStream pending = new();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Sends everything buffered so far to the destination and flushes it.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        if (pending.Length > 0)
        {
            await destination.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), cancellationToken);
            // Keeps the capacity: the next entry reuses the same buffer.
            pending.SetLength(0);
        }
        await destination.FlushAsync(cancellationToken);
    }

    public override void Write(byte[] buffer, int offset, int count) => pending.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => pending.Write(buffer);

    public override void WriteByte(byte value) => pending.WriteByte(value);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        pending.Write(buffer.Span);
        if (pending.Length >= threshold)
        {
            await DrainAsync(cancellationToken);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Synchronous flushes (from ZipArchive's own disposal) keep the bytes for the next DrainAsync.
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => DrainAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            pending.Dispose();
        }
        base.Dispose(disposing);
    }
}
