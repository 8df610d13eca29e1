namespace TrustPortal.Web.Features.Answers.Questionnaires;

/// <summary>How large an uploaded questionnaire may be; each limit has the message staff see when a file exceeds it.</summary>
public static class QuestionnaireLimits
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 2000;
    public const int MaxColumns = 100;
    public const int CellMaxLength = 32_767; // what one Excel cell holds
    public const int DraftMaxLength = 32_767;
    public const int FileNameMaxLength = 200;

    /// <summary>A workbook is a zip: its parts together may unpack to at most this (a zip bomb is refused before parsing).</summary>
    public const long MaxUnpackedBytes = 50L * 1024 * 1024;
    public const int MaxZipEntries = 500;

    public static readonly string TooLarge = $"The file is larger than {MaxBytes / 1024 / 1024} MB. Split the questionnaire into smaller files.";
    public static readonly string TooManyRows = FormattableString.Invariant($"The file has more than {MaxRows:N0} rows. Split the questionnaire into smaller files.");
    public static readonly string TooManyColumns = $"The file has more than {MaxColumns} columns; a questionnaire needs a question column and an answer column.";
    public static readonly string CellTooLong = FormattableString.Invariant($"A cell is longer than {CellMaxLength:N0} characters, more than a spreadsheet cell holds.");
}
