using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.Email;

/// <summary>Hands finished messages to the outside world, a batch at a time.</summary>
public interface IMailTransport
{
    /// <summary>Opens a batch; SMTP sends the whole batch over one connection, opened on the first message.</summary>
    Task<IMailBatch> OpenBatchAsync(CancellationToken cancellationToken);
}

/// <summary>Messages sent one after another; disposing it closes what the batch opened.</summary>
public interface IMailBatch : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

public sealed class SmtpMailTransport(IOptions<EmailOptions> options) : IMailTransport
{
    public Task<IMailBatch> OpenBatchAsync(CancellationToken cancellationToken) => Task.FromResult<IMailBatch>(new SmtpBatch(options.Value.Smtp));

    /// <summary>
    /// One connection per batch instead of one per message: connecting costs several times what sending does. A failed
    /// send drops the connection, so the next message starts on a fresh one.
    /// </summary>
    private sealed class SmtpBatch(SmtpOptions smtp) : IMailBatch
    {
        private SmtpClient? client;

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            try
            {
                client ??= await ConnectAsync(cancellationToken);
                await client.SendAsync(message, cancellationToken);
            }
            catch
            {
                client?.Dispose();
                client = null;
                throw;
            }
        }

        private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
        {
            var connecting = new SmtpClient { Timeout = 30_000 };
            try
            {
                await connecting.ConnectAsync(smtp.Host ?? throw new InvalidOperationException("Email:Smtp:Host is not set."), smtp.Port,
                    Enum.Parse<SecureSocketOptions>(smtp.Security, ignoreCase: true), cancellationToken);
                if (!string.IsNullOrEmpty(smtp.Username))
                {
                    await connecting.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
                }
                return connecting;
            }
            catch
            {
                connecting.Dispose();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (client is null)
            {
                return;
            }
            try
            {
                await client.DisconnectAsync(quit: true);
            }
            catch (Exception ex) when (ex is IOException or MailKit.ProtocolException or MailKit.CommandException or OperationCanceledException)
            {
                // Every message of the batch is already accepted or failed; a lost goodbye changes nothing.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}

/// <summary>Writes each message as an .eml file: the default when no SMTP server is configured.</summary>
public sealed class PickupDirectoryMailTransport(IOptions<EmailOptions> options, DataDirectory dataDirectory) : IMailTransport, IMailBatch
{
    public Task<IMailBatch> OpenBatchAsync(CancellationToken cancellationToken) => Task.FromResult<IMailBatch>(this);

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var directory = dataDirectory.Resolve(options.Value.PickupDirectory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{message.MessageId}.eml");
        await message.WriteToAsync(path, cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
