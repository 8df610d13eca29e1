namespace TrustPortal.Web.Features.Answers.Questionnaires;

/// <summary>
/// A questionnaire file read as text: every row of its sheet in order (blank rows as empty lists), each a list of cell
/// texts from the first column. <see cref="SheetName"/> is the worksheet's name for a workbook.
/// </summary>
public sealed record QuestionnaireSheet(IReadOnlyList<IReadOnlyList<string>> Rows, string? SheetName = null);

/// <summary>A file that cannot be read as a questionnaire; the message says why, in words staff can act on.</summary>
public sealed class QuestionnaireFileException(string message) : Exception(message);

/// <summary>The answers to write into the file: the row (zero-based) and its text.</summary>
public sealed record AnswerCell(int Row, string Text);
