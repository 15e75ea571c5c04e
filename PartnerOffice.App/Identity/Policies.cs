namespace PartnerOffice.App.Identity;

/// <summary>Authorization policies beyond "signed in" (which the fallback policy demands everywhere).</summary>
public static class Policies
{
    /// <summary>Platform operators only; partner users get 403. Use <c>[Authorize(Policy = Policies.AdminOnly)]</c> or <c>RequireAuthorization(Policies.AdminOnly)</c>.</summary>
    public const string AdminOnly = nameof(AdminOnly);
}
