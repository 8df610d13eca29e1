using System.Diagnostics;
using MimeKit;
using netDumbster.smtp;
using TrustPortal.Testing;

namespace TrustPortal.Benchmarks.ScaleOut;

/// <summary>
/// The signatories' mailboxes: the code emails the run's SMTP server received, by recipient, in the order they arrived.
/// Each received message is parsed once, whichever signatory is waiting, so many waiting signatories cost no more than one.
/// netDumbster keeps messages in a ConcurrentBag, whose order is not arrival order: messages are told apart by reference,
/// and "newest" is the one this mailbox saw last (it looks every 100 ms while anyone waits).
/// </summary>
public sealed class ScaleOutMailbox(SimpleSmtpServer smtp)
{
    private readonly Lock sync = new();
    private readonly Dictionary<string, List<string>> codes = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<SmtpMessage> seen = new(ReferenceEqualityComparer.Instance);

    /// <summary>How many code emails <paramref name="to"/> has received so far.</summary>
    public int CodeCount(string to)
    {
        lock (sync)
        {
            Refresh();
            return codes.TryGetValue(to, out var received) ? received.Count : 0;
        }
    }

    /// <summary>
    /// The code in the newest code email to <paramref name="to"/>, once it has more than <paramref name="before"/> of
    /// them; null if none more came within <paramref name="timeout"/>.
    /// </summary>
    public async Task<string?> NewestCodeAsync(string to, int before, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            lock (sync)
            {
                Refresh();
                if (codes.TryGetValue(to, out var received) && received.Count > before)
                {
                    return received[^1];
                }
            }
            if (waited.Elapsed > timeout)
            {
                return null;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// What the server holds now. netDumbster copies its bag without a lock, so a message arriving during the copy makes
    /// the copy throw: then copy again.
    /// </summary>
    private SmtpMessage[] Received()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return smtp.ReceivedEmail;
            }
            catch (Exception exception) when (exception is IndexOutOfRangeException or ArgumentException && attempt < 100)
            {
                Thread.Yield();
            }
        }
    }

    private void Refresh()
    {
        foreach (var smtpMessage in Received())
        {
            if (!seen.Add(smtpMessage))
            {
                continue;
            }
            var message = MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(smtpMessage.Data)));
            if (!(message.Subject ?? "").Contains(SignatoryCodeEmails.Subject, StringComparison.Ordinal))
            {
                continue;
            }
            string code;
            try
            {
                code = SignatoryCodeEmails.CodeIn(message.TextBody ?? "");
            }
            catch (InvalidOperationException)
            {
                // Not readable back from what netDumbster stores: its signatory waits in vain, and the run reports it.
                continue;
            }
            foreach (var to in message.To.Mailboxes)
            {
                if (!codes.TryGetValue(to.Address, out var list))
                {
                    codes[to.Address] = list = [];
                }
                list.Add(code);
            }
        }
    }
}
