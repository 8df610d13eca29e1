using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.Baa;

/// <summary>A request's conversation with the customer and the reviewers' internal notes, oldest first.</summary>
public static class RequestThreads
{
    /// <summary>Questions and answers: the customer sees these.</summary>
    public static Task<List<BaaConversationEntry>> ConversationAsync<TMessage>(AppDbContext db, Guid id) where TMessage : RequestMessage =>
        db.Set<TMessage>().AsNoTracking().Where(m => m.RequestId == id).OrderBy(m => m.CreatedAtUtc)
            .Select(m => new BaaConversationEntry(m.FromCustomer, m.AuthorName, m.Text, m.CreatedAtUtc)).ToListAsync();

    /// <summary>Internal notes: read only on the reviewer's page, never on any customer path.</summary>
    public static Task<List<BaaNoteView>> NotesAsync<TNote>(AppDbContext db, Guid id) where TNote : RequestNote =>
        db.Set<TNote>().AsNoTracking().Where(n => n.RequestId == id).OrderBy(n => n.CreatedAtUtc)
            .Select(n => new BaaNoteView(n.AuthorName, n.Text, n.CreatedAtUtc)).ToListAsync();
}
