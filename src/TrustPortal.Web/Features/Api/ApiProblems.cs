namespace TrustPortal.Web.Features.Api;

/// <summary>The API's error answers: JSON problem details with a sentence that says what to change.</summary>
public static class ApiProblems
{
    public static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail);

    /// <summary>Also the answer for another organization's record: it does not exist for this caller.</summary>
    public static IResult NotFound(string what) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No {what} with this id.");
}
