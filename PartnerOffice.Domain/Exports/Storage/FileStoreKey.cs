using System.Buffers;

namespace PartnerOffice.Exports.Storage;

/// <summary>
/// The rule for store keys, the same for every store: relative, '/'-separated segments of letters,
/// digits, '.', '-' and '_', no '.' or '..' segments. Keys are made by the application, so the rule can
/// be strict; it makes path traversal out of a local store's folder impossible.
/// </summary>
public static class FileStoreKey
{
    public const int MaxLength = 512;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_");

    /// <summary>Returns the key when valid; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static string Validate(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength)
            throw new ArgumentException($"A store key has 1 to {MaxLength} characters.", nameof(key));
        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0 || segment is "." or ".." || segment.AsSpan().ContainsAnyExcept(Allowed))
                throw new ArgumentException($"'{key}' is not a store key: use relative '/'-separated names of letters, digits, '.', '-' and '_'.", nameof(key));
        }
        return key;
    }

    /// <summary>Returns the prefix when it is "" or a key, or a key followed by '/'; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static string ValidatePrefix(string prefix)
    {
        if (prefix.Length > 0) Validate(prefix.EndsWith('/') ? prefix[..^1] : prefix);
        return prefix;
    }
}
