using PartnerOffice.App.Identity;
using PartnerOffice.Identity;

namespace PartnerOffice.App.Api;

public sealed record PartnerSummary(int Id, string Code, string Name);

public sealed record MeResponse(int Id, string Email, string Name, UserRole Role, PartnerSummary? Partner, string TimeZone);

/// <summary>Who the caller is: lets a script check its token before doing anything else.</summary>
public static class AccountApi
{
    public static RouteGroupBuilder MapAccountApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me", GetMe).WithName("GetMe").WithTags("Account").WithSummary("The signed-in user or the owner of the API token.");
        return api;
    }

    private static MeResponse GetMe(CurrentUser user) => new(
        user.Id, user.Email, user.Name, user.Role,
        user.PartnerId is { } id ? new PartnerSummary(id, user.PartnerCode!, user.PartnerName!) : null,
        user.TimeZone);
}
