using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PartnerOffice.Tests.Support;

/// <summary>
/// Layout checks for a row of a data grid in the browser context's viewport (<see cref="BrowserFixture.Laptop"/> unless the
/// test chose another size), with the portal's sidebar open.
/// </summary>
public static class GridLayout
{
    /// <summary>
    /// The whole row can be read without scrolling sideways: the grid holding <paramref name="row"/> does not scroll
    /// sideways, none of the row's cells cuts its content off, and each of <paramref name="inView"/> (the last column's
    /// title, the row's actions, …) lies wholly in the viewport.
    /// </summary>
    public static async Task AssertRowFitsAsync(ILocator row, params ILocator[] inView)
    {
        // The grid's scroll container around its table.
        var grid = row.Locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' mud-table-container ')][1]");
        var widths = await grid.EvaluateAsync<int[]>("grid => [grid.scrollWidth, grid.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the grid scrolls sideways: {widths[0]} px of content in {widths[1]} px");
        var cutOff = await row.Locator("td").EvaluateAllAsync<string[]>(
            "cells => cells.filter(cell => cell.scrollWidth > cell.clientWidth).map(cell => cell.textContent.trim())");
        Assert.True(cutOff.Length == 0, $"cells cut off: {string.Join(" | ", cutOff)}");
        foreach (var element in inView)
            await Expect(element).ToBeInViewportAsync(new() { Ratio = 1 });
    }

    /// <summary>The title of each of these columns ends where its value in <paramref name="row"/> ends (to the pixel).</summary>
    public static async Task AssertTitlesEndWithValuesAsync(ILocator row, params string[] titles)
    {
        foreach (var title in titles)
        {
            var ends = await row.EvaluateAsync<double[]?>("""
                (row, title) => {
                    const headers = [...row.closest('table').querySelectorAll('thead th')];
                    const index = headers.findIndex(th => th.textContent.trim() === title);
                    if (index < 0) return null;
                    const value = document.createRange();
                    value.selectNodeContents(row.children[index]);
                    // The title's text without its sort and option icons (a data grid's), or all the cell holds (a simple table's).
                    const heading = document.createRange();
                    heading.selectNodeContents(headers[index].querySelector('.sortable-column-header, .column-header') ?? headers[index]);
                    return [heading.getBoundingClientRect().right, value.getBoundingClientRect().right];
                }
                """, title);
            if (ends is null) Assert.Fail($"no column titled {title}");
            Assert.True(Math.Abs(ends[0] - ends[1]) < 1, $"the title {title} ends at {ends[0]} px, its value at {ends[1]} px");
        }
    }
}
