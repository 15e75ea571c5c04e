using Microsoft.AspNetCore.Http.HttpResults;
using PartnerOffice.App.Identity;
using PartnerOffice.Identity;

namespace PartnerOffice.App.Api;

public sealed record PartnerResponse(int Id, string Code, string Name, int Users, DateTimeOffset CreatedAt);

public sealed record CreatePartnerRequest(string? Code, string? Name);

/// <summary>A user as admins see them; <c>active</c> is false once locked or removed.</summary>
public sealed record UserResponse(int Id, string Email, string DisplayName, string Role, string? Partner, bool Locked, bool Active,
    DateTimeOffset? LockedOutUntil, DateTimeOffset? RemovedAt, DateTimeOffset CreatedAt, int LiveTokens)
{
    public static UserResponse From(UserSummary u) => new(u.Id, u.Email, u.DisplayName, u.Role.ToString(), u.PartnerCode, u.Locked, u.Active,
        ApiTimes.Utc(u.LockedUntil), ApiTimes.Utc(u.RemovedAt), ApiTimes.Utc(u.CreatedAt), u.LiveTokens);
}

/// <summary><c>role</c> is Admin or PartnerUser; a partner user needs <c>partner</c> (a code). Without <c>password</c> the portal chooses one.</summary>
public sealed record CreateUserRequest(string? Email, string? Role, string? Partner, string? DisplayName, string? Password);

/// <summary>The created user, and the password when the portal chose it: shown only in this response.</summary>
public sealed record CreatedUserResponse(int Id, string Email, string Role, string? Partner, string? Password);

public sealed record PasswordResetResponse(int Id, string Password);

public sealed record AdminTokenResponse(int Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// Partners and users for operators' scripts, the same moves as the Users page: create, reset a password, lock, unlock,
/// remove, see and revoke tokens. Taking the last active admin's access away, or one's own, answers 409. Admins only.
/// </summary>
public static class AdminUsersApi
{
    public static RouteGroupBuilder MapAdminUsersApi(this RouteGroupBuilder admin)
    {
        var partners = admin.MapGroup("/partners").WithTags("Admin");
        partners.MapGet("/", async (UserAdministration users, CancellationToken ct) =>
                (await users.PartnersAsync(ct)).Select(p => new PartnerResponse(p.Id, p.Code, p.Name, p.Users, ApiTimes.Utc(p.CreatedAt))).ToList())
            .WithName("ListPartners").WithSummary("Every partner with its count of users.");
        partners.MapPost("/", CreatePartnerAsync).WithName("CreatePartner").WithSummary("A new partner; the code is stored upper-cased and must be unique.");

        var users = admin.MapGroup("/users").WithTags("Admin");
        users.MapGet("/", ListUsersAsync).WithName("ListUsers")
            .WithSummary("Users, admins first; filter by text (e-mail or name) and partner code; removed ones with includeRemoved=true.");
        users.MapPost("/", CreateUserAsync).WithName("CreateUser").WithSummary("A new admin or partner user.");
        users.MapPost("/{id:int}/reset-password", ResetPasswordAsync).WithName("ResetPassword")
            .WithSummary("A new password chosen by the portal, shown once; lifts a lockout from failed sign-ins.");
        users.MapPost("/{id:int}/lock", (int id, CurrentUser user, UserAdministration admins, CancellationToken ct) =>
            ChangeAsync(id, admins.LockAsync(user.AsAuditActor(), id, ct))).WithName("LockUser").WithSummary("No sign-in and no API call until unlocked.");
        users.MapPost("/{id:int}/unlock", (int id, CurrentUser user, UserAdministration admins, CancellationToken ct) =>
            ChangeAsync(id, admins.UnlockAsync(user.AsAuditActor(), id, ct))).WithName("UnlockUser").WithSummary("Lifts an admin's lock and a lockout.");
        users.MapDelete("/{id:int}", async Task<Results<NoContent, ProblemHttpResult>> (int id, CurrentUser user, UserAdministration admins, CancellationToken ct) =>
            await admins.RemoveAsync(user.AsAuditActor(), id, ct) is var result && result == UserChange.Done ? TypedResults.NoContent() : Refused(id, result))
            .WithName("RemoveUser").WithSummary("Removes the user and revokes their tokens; their exports and audit entries keep naming them.");
        users.MapGet("/{id:int}/tokens", TokensAsync).WithName("ListUserTokens").WithSummary("The user's API tokens, revoked ones included.");
        users.MapDelete("/{id:int}/tokens/{tokenId:int}", async Task<Results<NoContent, NotFound>> (int id, int tokenId, CurrentUser user,
                UserAdministration admins, CancellationToken ct) =>
            await admins.RevokeTokenAsync(user.AsAuditActor(), id, tokenId, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("RevokeUserToken").WithSummary("Revokes one of the user's live tokens.");
        return admin;
    }

    private static async Task<Results<Created<PartnerResponse>, ValidationProblem>> CreatePartnerAsync(CreatePartnerRequest request, CurrentUser user,
        UserAdministration admins, CancellationToken cancellationToken)
    {
        var created = await admins.CreatePartnerAsync(user.AsAuditActor(), request.Code, request.Name, cancellationToken);
        if (created.Created is not { } partner) return TypedResults.ValidationProblem(created.Errors);
        return TypedResults.Created($"/api/admin/partners/{partner.Id}", new PartnerResponse(partner.Id, partner.Code, partner.Name, 0, ApiTimes.Utc(partner.CreatedAt)));
    }

    private static async Task<Results<Ok<List<UserResponse>>, ValidationProblem>> ListUsersAsync(UserAdministration admins, string? text, string? partner,
        bool? includeRemoved, CancellationToken cancellationToken)
    {
        int? partnerId = null;
        if (!string.IsNullOrWhiteSpace(partner))
        {
            partnerId = (await admins.PartnersAsync(cancellationToken)).FirstOrDefault(p => string.Equals(p.Code, partner.Trim(), StringComparison.OrdinalIgnoreCase))?.Id;
            if (partnerId is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["partner"] = [$"There is no partner with code '{partner}'."] });
        }
        var found = await admins.UsersAsync(text, partnerId, includeRemoved ?? false, cancellationToken);
        return TypedResults.Ok(found.Select(UserResponse.From).ToList());
    }

    private static async Task<Results<Created<CreatedUserResponse>, ValidationProblem>> CreateUserAsync(CreateUserRequest request, CurrentUser user,
        UserAdministration admins, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<UserRole>(request.Role, ignoreCase: true, out var role) || !Enum.IsDefined(role))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = ["role must be Admin or PartnerUser."] });
        var created = await admins.CreateUserAsync(user.AsAuditActor(), request.Email, role, request.Partner, request.DisplayName, request.Password, cancellationToken);
        if (created.Created is not { } made) return TypedResults.ValidationProblem(created.Errors);
        return TypedResults.Created($"/api/admin/users/{made.Id}",
            new CreatedUserResponse(made.Id, made.Email, made.Role.ToString(), request.Partner?.Trim().ToUpperInvariant(), created.Password));
    }

    private static async Task<Results<Ok<PasswordResetResponse>, ProblemHttpResult>> ResetPasswordAsync(int id, CurrentUser user,
        UserAdministration admins, CancellationToken cancellationToken)
    {
        var (result, password) = await admins.ResetPasswordAsync(user.AsAuditActor(), id, cancellationToken);
        return result == UserChange.Done ? TypedResults.Ok(new PasswordResetResponse(id, password!)) : Refused(id, result);
    }

    private static async Task<Results<Ok, ProblemHttpResult>> ChangeAsync(int id, Task<UserChange> change) =>
        await change is var result && result == UserChange.Done ? TypedResults.Ok() : Refused(id, result);

    private static async Task<Results<Ok<List<AdminTokenResponse>>, NotFound>> TokensAsync(int id, UserAdministration admins, CancellationToken cancellationToken) =>
        await admins.TokensAsync(id, cancellationToken) is { } tokens
            ? TypedResults.Ok(tokens.Select(t => new AdminTokenResponse(t.Id, t.Name, t.Prefix, ApiTimes.Utc(t.CreatedAt), ApiTimes.Utc(t.LastUsedAt), ApiTimes.Utc(t.RevokedAt))).ToList())
            : TypedResults.NotFound();

    /// <summary>404 for an unknown user, 409 naming the rule for a refused change.</summary>
    private static ProblemHttpResult Refused(int id, UserChange result) => result == UserChange.NotFound
        ? TypedResults.Problem($"There is no user {id}.", statusCode: StatusCodes.Status404NotFound)
        : TypedResults.Problem(result switch
        {
            UserChange.Removed => $"User {id} has been removed.",
            UserChange.LastAdmin => $"User {id} is the last active admin: make or unlock another admin first.",
            _ => "Admins cannot lock or remove their own account.",
        }, statusCode: StatusCodes.Status409Conflict);
}
