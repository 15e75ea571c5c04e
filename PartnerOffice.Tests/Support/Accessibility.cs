using System.Text.Json;
using Microsoft.Playwright;

namespace PartnerOffice.Tests.Support;

/// <summary>
/// Runs axe-core (from npm, installed under .tools/ by scripts/install-test-deps.sh) in a page and reports what a
/// screen-reader or keyboard user would trip over: violations of WCAG 2.1 A and AA rated critical or serious.
/// </summary>
public static class Accessibility
{
    private static readonly Lazy<string> Script = new(() =>
    {
        var path = Path.Combine(S3rverFixture.FindRepositoryRoot(), ".tools", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path) ? File.ReadAllText(path)
            : throw new InvalidOperationException("axe-core is not installed: run scripts/install-test-deps.sh.");
    });

    /// <summary>The critical and serious violations on the page as it is now, one line each: rule, impact, the elements.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
            await page.EvaluateAsync(Script.Value); // evaluated through the driver: the page's CSP rightly refuses injected scripts
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
                const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
                return r.violations
                    .filter(v => v.impact === 'critical' || v.impact === 'serious')
                    .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
            }
            """);
        return result.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    /// <summary>
    /// Words in Latin letters on a page that should be all Korean: text inside <c>translate="no"</c> (what users typed,
    /// codes, e-mail addresses, job names, cron expressions, file names) and the words listed below are left out.
    /// </summary>
    public static async Task<IReadOnlyList<string>> EnglishWordsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("""
            () => {
                // Product and format names, units and protocol words that Korean text writes in Latin letters too.
                const allowed = new Set(['PartnerOffice', 'API', 'XLSX', 'CSV', 'JSON', 'xlsx', 'csv', 'json', 'Excel', 'UTC', 'English', 'ID',
                    'KB', 'MB', 'GB', 'CI', 'HTTP', 'Authorization', 'Bearer']);
                // Words shown as data (translate="no") may recur in labels that name them, e.g. "Revoke nightly-script".
                for (const data of document.querySelectorAll('[translate="no"]'))
                    for (const word of data.textContent.match(/[A-Za-z]{2,}/g) ?? []) allowed.add(word);
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                const words = new Set();
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    const element = node.parentElement;
                    if (!element || element.closest('[translate="no"], script, style, #blazor-error-ui, [hidden]')) continue;
                    if (!element.checkVisibility()) continue;
                    for (const word of node.textContent.match(/[A-Za-z]{2,}/g) ?? [])
                        if (!allowed.has(word)) words.add(word);
                }
                const labels = [...document.querySelectorAll('[aria-label], [title], [placeholder]')]
                    .filter(e => !e.closest('[translate="no"]'))
                    .flatMap(e => ['aria-label', 'title', 'placeholder'].map(a => e.getAttribute(a) ?? ''));
                for (const label of labels)
                    for (const word of label.match(/[A-Za-z]{2,}/g) ?? [])
                        if (!allowed.has(word)) words.add(word);
                return [...words];
            }
            """);
}
