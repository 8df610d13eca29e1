using System.IO.Compression;

namespace TrustPortal.Documents.Untrusted;

/// <summary>
/// A bounded, iterative look at a PDF's syntax before any recursive parser sees it. PDF parsers (PDFsharp, PdfPig)
/// recurse into nested arrays and dictionaries and walk the page tree by following references; a small hostile file
/// with 20,000 nested arrays or a page tree that points back at itself overflows the stack, which no catch block can
/// stop. This scan never recurses: it tracks nesting depth with a counter, looks inside compressed object streams
/// (where the same nesting could hide) with a cap on the inflated size, counts objects, and refuses cycles in the
/// page tree's /Kids and /Parent links. Anything it cannot read with certainty is refused.
/// </summary>
public static class PdfStructureGuard
{
    /// <summary>Real PDFs nest a handful of levels (a page's resources, a font's widths); 64 leaves wide margin.</summary>
    public const int MaxDepth = 64;
    public const int MaxObjects = 500_000;
    public const long MaxInflatedBytes = 64L * 1024 * 1024;

    public static PdfStructureVerdict Check(ReadOnlySpan<byte> pdf)
    {
        if (!pdf.StartsWith("%PDF-"u8))
        {
            return PdfStructureVerdict.Refuse("The file is not a PDF.");
        }
        var scan = new Scan();
        var error = scan.Run(pdf, topLevel: true);
        if (error is null)
        {
            foreach (var stream in scan.ObjectStreams)
            {
                error = ScanObjectStream(scan, stream);
                if (error is not null)
                {
                    break;
                }
            }
        }
        error ??= scan.Objects > MaxObjects ? $"The file holds more than {MaxObjects:N0} objects." : null;
        error ??= PageTreeCycle(scan.Kids) ?? PageTreeCycle(scan.Parents);
        return error is null ? PdfStructureVerdict.Safe : PdfStructureVerdict.Refuse(error);
    }

    private static string? ScanObjectStream(Scan scan, ObjectStreamData stream)
    {
        byte[] data;
        if (stream.Filter is null)
        {
            data = stream.Data;
        }
        else if (stream.Filter == "/FlateDecode" && !stream.HasDecodeParms)
        {
            var inflated = Inflate(stream.Data, MaxInflatedBytes - scan.InflatedBytes);
            if (inflated is null)
            {
                return "A compressed part of the file is damaged or too large.";
            }
            data = inflated;
        }
        else
        {
            return "The file uses a compression this check does not accept for object streams.";
        }
        scan.InflatedBytes += data.Length;
        // Each object in the stream is scanned on its own, so the /Kids and /Parent links know their owner.
        var header = new Scan();
        if (header.Run(data.AsSpan(0, (int)Math.Min(stream.First, data.Length)), topLevel: false, keepNumbers: true) is { } headerError)
        {
            return headerError;
        }
        var numbers = header.Numbers;
        if (stream.First > data.Length || numbers.Count % 2 != 0)
        {
            return "An object stream's header is damaged.";
        }
        scan.Objects += numbers.Count / 2;
        for (var i = 0; i < numbers.Count; i += 2)
        {
            var start = stream.First + numbers[i + 1];
            var end = i + 3 < numbers.Count ? stream.First + numbers[i + 3] : data.Length;
            if (start < stream.First || end < start || end > data.Length)
            {
                return "An object stream's header is damaged.";
            }
            scan.CurrentObject = numbers[i];
            if (scan.Run(data.AsSpan((int)start, (int)(end - start)), topLevel: false) is { } error)
            {
                return error;
            }
        }
        return null;
    }

    private static byte[]? Inflate(byte[] data, long limit)
    {
        try
        {
            using var input = new ZLibStream(new MemoryStream(data, writable: false), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                if (output.Length + read > limit)
                {
                    return null;
                }
                output.Write(buffer, 0, read);
            }
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Finds a cycle in the links with an explicit stack (no recursion); null when there is none.</summary>
    private static string? PageTreeCycle(Dictionary<long, List<long>> links)
    {
        const byte visiting = 1, done = 2;
        var state = new Dictionary<long, byte>(links.Count);
        var stack = new Stack<(long Node, int Next)>();
        foreach (var root in links.Keys)
        {
            if (state.ContainsKey(root))
            {
                continue;
            }
            stack.Push((root, 0));
            state[root] = visiting;
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                var targets = links.TryGetValue(node, out var list) ? list : [];
                if (next < targets.Count)
                {
                    stack.Push((node, next + 1));
                    var target = targets[next];
                    if (!state.TryGetValue(target, out var seen))
                    {
                        state[target] = visiting;
                        stack.Push((target, 0));
                    }
                    else if (seen == visiting)
                    {
                        return "The file's page tree refers back to itself.";
                    }
                }
                else
                {
                    state[node] = done;
                }
            }
        }
        return null;
    }

    internal sealed record ObjectStreamData(byte[] Data, long First, string? Filter, bool HasDecodeParms);

    /// <summary>One pass of the tokenizer over a run of PDF syntax; collects what the checks above need.</summary>
    private sealed class Scan
    {
        public long Objects;
        public long InflatedBytes;
        public long CurrentObject = -1;
        public readonly List<long> Numbers = [];
        public readonly List<ObjectStreamData> ObjectStreams = [];
        public readonly Dictionary<long, List<long>> Kids = [];
        public readonly Dictionary<long, List<long>> Parents = [];

        // The dictionary of the current object, as far as the object-stream check needs it.
        private bool isObjectStream;
        private string? filter;
        private bool hasDecodeParms;
        private long first = -1;
        private string? lastName;
        private string? pendingKey;
        private int kidsDepth = -1;
        private bool parentPending;
        private bool objectStart;

        /// <param name="topLevel">The file itself (streams to skip) rather than an object stream's contents.</param>
        /// <param name="keepNumbers">Keep every number seen (an object stream's header), not only the last two.</param>
        public string? Run(ReadOnlySpan<byte> pdf, bool topLevel, bool keepNumbers = false)
        {
            var depth = 0;
            // An object stream's objects start at once; a file's start after "N G obj".
            ResetObject();
            objectStart = !topLevel;
            var i = 0;
            while (i < pdf.Length)
            {
                var c = pdf[i];
                if (IsWhite(c))
                {
                    i++;
                    continue;
                }
                var startsObject = objectStart;
                objectStart = false;
                switch (c)
                {
                    case (byte)'%':
                        while (i < pdf.Length && pdf[i] != '\n' && pdf[i] != '\r')
                        {
                            i++;
                        }
                        continue;
                    case (byte)'(':
                        i = SkipLiteralString(pdf, i);
                        Value();
                        continue;
                    case (byte)'<' when i + 1 < pdf.Length && pdf[i + 1] == '<':
                    case (byte)'[':
                        if (++depth > MaxDepth)
                        {
                            return $"The file nests arrays or dictionaries more than {MaxDepth} levels deep.";
                        }
                        // A /Kids array, or an object that is itself an array (which a /Kids may point to).
                        if (c == '[' && (pendingKey == "/Kids" || (startsObject && depth == 1)))
                        {
                            kidsDepth = depth;
                        }
                        pendingKey = null;
                        lastName = null;
                        i += c == '[' ? 1 : 2;
                        continue;
                    case (byte)'>' when i + 1 < pdf.Length && pdf[i + 1] == '>':
                    case (byte)']':
                        if (c == ']' && depth == kidsDepth)
                        {
                            kidsDepth = -1;
                        }
                        depth = Math.Max(0, depth - 1);
                        Value();
                        i += c == ']' ? 1 : 2;
                        continue;
                    case (byte)'<':
                        var close = pdf[i..].IndexOf((byte)'>');
                        i = close < 0 ? pdf.Length : i + close + 1;
                        Value();
                        continue;
                    case (byte)'/':
                        var nameEnd = i + 1;
                        while (nameEnd < pdf.Length && IsRegular(pdf[nameEnd]))
                        {
                            nameEnd++;
                        }
                        Name(System.Text.Encoding.ASCII.GetString(pdf[i..nameEnd]));
                        i = nameEnd;
                        continue;
                }
                var end = i;
                while (end < pdf.Length && IsRegular(pdf[end]))
                {
                    end++;
                }
                if (end == i)
                {
                    i++; // a stray delimiter such as ')' or '}': not our business
                    continue;
                }
                var token = pdf[i..end];
                i = end;
                if (token.SequenceEqual("obj"u8))
                {
                    Objects++;
                    if (Numbers.Count >= 2)
                    {
                        CurrentObject = Numbers[^2];
                    }
                    Numbers.Clear();
                    ResetObject();
                    depth = 0;
                    objectStart = true;
                    continue;
                }
                else if (token.SequenceEqual("endobj"u8))
                {
                    depth = 0;
                }
                else if (token.SequenceEqual("R"u8))
                {
                    Reference();
                }
                else if (token.SequenceEqual("stream"u8) && topLevel)
                {
                    var (next, error) = SkipStream(pdf, i);
                    if (error is not null)
                    {
                        return error;
                    }
                    i = next;
                    depth = 0;
                }
                else if (long.TryParse(token, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number))
                {
                    Numbers.Add(number);
                    if (!keepNumbers && Numbers.Count > 2)
                    {
                        Numbers.RemoveAt(0);
                    }
                    if (pendingKey == "/First" && first < 0)
                    {
                        first = number;
                    }
                    if (pendingKey != "/Kids" && !parentPending)
                    {
                        pendingKey = null;
                    }
                    continue;
                }
                else
                {
                    Value();
                    Numbers.Clear();
                }
            }
            return null;
        }

        private void ResetObject()
        {
            isObjectStream = false;
            filter = null;
            hasDecodeParms = false;
            first = -1;
            lastName = null;
            pendingKey = null;
            kidsDepth = -1;
            parentPending = false;
        }

        private void Name(string name)
        {
            if (lastName == "/Type" && name == "/ObjStm")
            {
                isObjectStream = true;
            }
            if (lastName == "/Filter")
            {
                filter = name;
            }
            if (name == "/DecodeParms")
            {
                hasDecodeParms = true;
            }
            parentPending = name == "/Parent";
            pendingKey = name;
            lastName = name;
        }

        private void Value()
        {
            pendingKey = null;
            lastName = null;
            parentPending = false;
        }

        private void Reference()
        {
            if (Numbers.Count >= 2 && CurrentObject >= 0)
            {
                var target = Numbers[^2];
                if (kidsDepth > 0 || pendingKey == "/Kids")
                {
                    Link(Kids, CurrentObject, target);
                }
                else if (parentPending)
                {
                    Link(Parents, CurrentObject, target);
                }
            }
            Numbers.Clear();
            if (kidsDepth <= 0)
            {
                pendingKey = null;
                parentPending = false;
            }
        }

        private static void Link(Dictionary<long, List<long>> links, long from, long to)
        {
            if (!links.TryGetValue(from, out var list))
            {
                links[from] = list = [];
            }
            list.Add(to);
        }

        /// <summary>Skips a stream's bytes (found by its endstream keyword) and keeps an object stream's for later.</summary>
        private (int Next, string? Error) SkipStream(ReadOnlySpan<byte> pdf, int i)
        {
            if (i < pdf.Length && pdf[i] == '\r')
            {
                i++;
            }
            if (i < pdf.Length && pdf[i] == '\n')
            {
                i++;
            }
            var end = pdf[i..].IndexOf("endstream"u8);
            if (end < 0)
            {
                return (pdf.Length, isObjectStream ? "An object stream is cut off." : null);
            }
            if (isObjectStream)
            {
                var data = pdf.Slice(i, end);
                // The EOL before endstream is not part of the data; zlib ignores trailing bytes anyway.
                ObjectStreams.Add(new ObjectStreamData(data.ToArray(), Math.Max(0, first), filter, hasDecodeParms));
                if (first < 0)
                {
                    return (pdf.Length, "An object stream has no /First entry.");
                }
            }
            ResetObject();
            return (i + end + "endstream"u8.Length, null);
        }

        /// <summary>Literal strings nest balanced parentheses and escape with a backslash; counted, not recursed.</summary>
        private static int SkipLiteralString(ReadOnlySpan<byte> pdf, int i)
        {
            var open = 0;
            for (; i < pdf.Length; i++)
            {
                switch (pdf[i])
                {
                    case (byte)'\\':
                        i++;
                        break;
                    case (byte)'(':
                        open++;
                        break;
                    case (byte)')':
                        if (--open == 0)
                        {
                            return i + 1;
                        }
                        break;
                }
            }
            return pdf.Length;
        }

        private static bool IsWhite(byte c) => c is 0 or 9 or 10 or 12 or 13 or 32;

        private static bool IsRegular(byte c) => !IsWhite(c) && c is not ((byte)'(' or (byte)')' or (byte)'<' or (byte)'>'
            or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%');
    }
}

/// <summary>Whether a PDF may be handed to a parser, and why not.</summary>
public sealed record PdfStructureVerdict(bool IsSafe, string? Reason)
{
    public static readonly PdfStructureVerdict Safe = new(true, null);

    public static PdfStructureVerdict Refuse(string reason) => new(false, reason);
}
