using System.Collections;
using System.Globalization;
using System.Resources;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using PartnerOffice.App.Localization;

namespace PartnerOffice.Tests.Web;

/// <summary>
/// The portal's string tables (.resx beside the components): every English string has a translation in every other
/// shipped language, and every key the code asks a localizer for exists, so no page shows a bare key or falls back
/// to English.
/// </summary>
public partial class StringTableTests
{
    private static readonly System.Reflection.Assembly App = typeof(PortalCultures).Assembly;

    public static TheoryData<string> Tables() => new(App.GetManifestResourceNames()
        .Where(n => n.EndsWith(".resources", StringComparison.Ordinal))
        .Select(n => n[..^".resources".Length]));

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_string_has_a_translation_in_every_language(string table)
    {
        var english = Strings(table, CultureInfo.InvariantCulture);
        Assert.NotEmpty(english);
        foreach (var language in PortalCultures.Supported.Where(l => l != PortalCultures.English))
        {
            var translated = Strings(table, CultureInfo.GetCultureInfo(language));
            var missing = english.Keys.Where(k => string.IsNullOrWhiteSpace(translated.GetValueOrDefault(k))).ToList();
            Assert.True(missing.Count == 0, $"{table} lacks {language} for: {string.Join(", ", missing)}");
            var unknown = translated.Keys.Except(english.Keys).ToList();
            Assert.True(unknown.Count == 0, $"{table}.{language} has keys English lacks: {string.Join(", ", unknown)}");
            foreach (var (key, text) in english)
                Assert.True(Placeholders(text).SetEquals(Placeholders(translated[key])), $"{table}.{key}: {language} uses other placeholders than English");
        }
    }

    [Fact]
    public void Every_key_the_code_asks_for_is_in_its_table()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "PartnerOffice.App"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"));
        var problems = new List<string>();
        var asked = 0;
        foreach (var file in sources)
        {
            var text = File.ReadAllText(file);
            foreach (Match declaration in LocalizerDeclaration().Matches(text))
            {
                var (marker, variable) = (declaration.Groups["marker"].Value, declaration.Groups["variable"].Value);
                var type = App.GetTypes().SingleOrDefault(t => t.Name == marker);
                if (type is null) { problems.Add($"{Path.GetFileName(file)}: no type {marker}"); continue; }
                var keys = Strings(type.FullName!, CultureInfo.InvariantCulture);
                foreach (Match use in new Regex($@"\b{Regex.Escape(variable)}\[""(?<key>[^""]+)""").Matches(text))
                {
                    asked++;
                    if (!keys.ContainsKey(use.Groups["key"].Value)) problems.Add($"{Path.GetFileName(file)}: {marker} has no {use.Groups["key"].Value}");
                }
            }
        }
        Assert.True(asked > 0, "found no localizer use at all: the pattern no longer matches the code");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static Dictionary<string, string> Strings(string table, CultureInfo culture)
    {
        var set = new ResourceManager(table, App).GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        return set?.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value as string ?? "") ?? [];
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value)];

    private static string RepositoryRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));

    [GeneratedRegex(@"IStringLocalizer<(?<marker>\w+)>\s+(?<variable>\w+)")]
    private static partial Regex LocalizerDeclaration();

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}
