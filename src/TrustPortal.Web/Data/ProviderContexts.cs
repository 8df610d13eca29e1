using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Features.Audit;

namespace TrustPortal.Web.Data;

/// <summary>The portal's model on SQLite; its migrations live in Data/Migrations/Sqlite.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, AuditChainWriter? auditChain = null)
    : AppDbContext(options, auditChain);

/// <summary>The portal's model on PostgreSQL; its migrations live in Data/Migrations/Postgres.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options, AuditChainWriter? auditChain = null)
    : AppDbContext(options, auditChain);
