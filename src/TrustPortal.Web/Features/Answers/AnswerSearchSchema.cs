namespace TrustPortal.Web.Features.Answers;

/// <summary>
/// The full-text index of each provider, created by the migrations outside the EF model (so the model stays the same on
/// both). On SQLite a later migration that rebuilds the Answers table drops its triggers: it must run
/// <see cref="SqliteTriggers"/> again and rebuild the index (<c>INSERT INTO "AnswersSearch"("AnswersSearch") VALUES('rebuild')</c>).
/// </summary>
public static class AnswerSearchSchema
{
    /// <summary>An FTS5 table over Answers' columns (external content: the text is stored once), Porter-stemmed.</summary>
    public const string SqliteTable = """
        CREATE VIRTUAL TABLE "AnswersSearch" USING fts5("Question", "Body", "Tags", content='Answers', content_rowid='Id', tokenize='porter unicode61 remove_diacritics 2');
        """;

    /// <summary>Keep the FTS5 table in step with every insert, update and delete, in the writer's own transaction.</summary>
    public const string SqliteTriggers = """
        CREATE TRIGGER "Answers_Search_Insert" AFTER INSERT ON "Answers" BEGIN
            INSERT INTO "AnswersSearch"(rowid, "Question", "Body", "Tags") VALUES (new."Id", new."Question", new."Body", new."Tags");
        END;
        CREATE TRIGGER "Answers_Search_Delete" AFTER DELETE ON "Answers" BEGIN
            INSERT INTO "AnswersSearch"("AnswersSearch", rowid, "Question", "Body", "Tags") VALUES ('delete', old."Id", old."Question", old."Body", old."Tags");
        END;
        CREATE TRIGGER "Answers_Search_Update" AFTER UPDATE ON "Answers" BEGIN
            INSERT INTO "AnswersSearch"("AnswersSearch", rowid, "Question", "Body", "Tags") VALUES ('delete', old."Id", old."Question", old."Body", old."Tags");
            INSERT INTO "AnswersSearch"(rowid, "Question", "Body", "Tags") VALUES (new."Id", new."Question", new."Body", new."Tags");
        END;
        """;

    public const string SqliteDrop = """
        DROP TRIGGER IF EXISTS "Answers_Search_Insert";
        DROP TRIGGER IF EXISTS "Answers_Search_Delete";
        DROP TRIGGER IF EXISTS "Answers_Search_Update";
        DROP TABLE IF EXISTS "AnswersSearch";
        """;

    /// <summary>A stored tsvector (question weighs most, then tags, then the answer) with a GIN index.</summary>
    public const string PostgresColumn = """
        ALTER TABLE "Answers" ADD "SearchVector" tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('english', coalesce("Question", '')), 'A') ||
            setweight(to_tsvector('english', coalesce("Tags", '')), 'B') ||
            setweight(to_tsvector('english', coalesce("Body", '')), 'C')) STORED;
        CREATE INDEX "IX_Answers_SearchVector" ON "Answers" USING GIN ("SearchVector");
        """;

    public const string PostgresDrop = """
        DROP INDEX IF EXISTS "IX_Answers_SearchVector";
        ALTER TABLE "Answers" DROP COLUMN IF EXISTS "SearchVector";
        """;
}
