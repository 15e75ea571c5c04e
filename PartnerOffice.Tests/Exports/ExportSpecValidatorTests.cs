using PartnerOffice.Exports;
using PartnerOffice.Exports.Datasets;
using PartnerOffice.Exports.Formats;

namespace PartnerOffice.Tests.Exports;

public class ExportSpecValidatorTests
{
    private static ExportSpecValidation Validate(string? dataset, string? format, params (string Key, string? Value)[] filters) =>
        ExportSpecValidator.Validate(new ExportRequestSpec(dataset, format, filters.ToDictionary(f => f.Key, f => f.Value)), new ExportLimits(MaxRangeDays: 366));

    private static IEnumerable<string> Fields(ExportSpecValidation result) => result.Errors.Select(e => e.Field);

    private static ExportError ErrorOn(ExportSpecValidation result, string field) => Assert.Single(result.Errors, e => e.Field == field);

    [Fact]
    public void A_valid_request_becomes_a_typed_spec()
    {
        var result = Validate("Orders", "XLSX", ("from", "2026-01-01"), ("to", "2026-03-31"), ("status", "shipped"));

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        var spec = result.Spec!;
        Assert.Same(ExportDatasets.Orders, spec.Dataset);
        Assert.Same(ExportFormat.Xlsx, spec.Format);
        Assert.Equal(new ExportFilters(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), "Shipped"), spec.Filters);
        Assert.Equal("orders|xlsx|from=2026-01-01&status=Shipped&to=2026-03-31", spec.CanonicalKey);
    }

    [Fact]
    public void Equal_requests_have_equal_canonical_keys_however_they_are_spelled()
    {
        var a = Validate("orders", "csv", ("status", "Delivered"), ("from", "2026-02-01"), ("to", ""));
        var b = Validate(" ORDERS ", "Csv", ("From", " 2026-02-01 "), ("STATUS", "delivered"));
        var other = Validate("orders", "csv", ("status", "Delivered"), ("from", "2026-02-02"));

        Assert.Equal(a.Spec!.CanonicalKey, b.Spec!.CanonicalKey);
        Assert.NotEqual(a.Spec.CanonicalKey, other.Spec!.CanonicalKey);
        Assert.Equal(a.Spec.CanonicalKey, Validate(a.Spec.ToRequest().Dataset, a.Spec.ToRequest().Format,
            a.Spec.ToRequest().Filters!.Select(f => (f.Key, f.Value)).ToArray()).Spec!.CanonicalKey);
    }

    [Fact]
    public void Category_values_are_escaped_in_the_canonical_key()
    {
        var spec = Validate("products", "json", ("category", "패션&a=b")).Spec!;

        Assert.Equal("products|json|category=" + Uri.EscapeDataString("패션&a=b"), spec.CanonicalKey);
    }

    [Theory]
    [InlineData("customers", "xlsx", "dataset", ExportErrorKind.UnknownDataset, "customers")]
    [InlineData(null, "xlsx", "dataset", ExportErrorKind.MissingDataset, null)]
    [InlineData("orders", "pdf", "format", ExportErrorKind.UnknownFormat, "pdf")]
    [InlineData("orders", "", "format", ExportErrorKind.MissingFormat, null)]
    public void Unknown_or_missing_dataset_and_format_are_refused_with_the_choices(string? dataset, string? format, string field,
        ExportErrorKind kind, string? value)
    {
        var result = Validate(dataset, format);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal((field, kind, value), (error.Field, error.Kind, error.Value));
        Assert.Equal(field == "dataset" ? ExportDatasets.All.Select(d => d.Name) : ExportFormat.All.Select(f => f.Name), error.Allowed);
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("01/02/2026")]
    [InlineData("yesterday")]
    public void Unparsable_dates_are_refused_on_their_field(string value)
    {
        var result = Validate("orders", "csv", ("to", value));

        var error = ErrorOn(result, "filters.to");
        Assert.Equal((ExportErrorKind.NotADate, value), (error.Kind, error.Value));
    }

    [Fact]
    public void From_after_to_is_refused()
    {
        var result = Validate("members", "csv", ("from", "2026-03-02"), ("to", "2026-03-01"));

        Assert.Equal(ExportErrorKind.FromAfterTo, Assert.Single(result.Errors, e => e.Field == "filters.from").Kind);
        Assert.Equal(["filters.from"], Fields(result));
    }

    [Fact]
    public void The_range_may_span_the_configured_maximum_of_days_and_no_more()
    {
        Assert.True(Validate("orders", "csv", ("from", "2025-01-01"), ("to", "2026-01-01")).IsValid); // 366 days
        var tooLong = Validate("orders", "csv", ("from", "2025-01-01"), ("to", "2026-01-02"));

        var error = ErrorOn(tooLong, "filters.to");
        Assert.Equal((ExportErrorKind.RangeTooLong, 366), (error.Kind, error.Limit));
        var strict = ExportSpecValidator.Validate(new ExportRequestSpec("orders", "csv",
            new Dictionary<string, string?> { ["from"] = "2026-01-01", ["to"] = "2026-01-31" }), new ExportLimits(MaxRangeDays: 30));
        Assert.Equal(30, ErrorOn(strict, "filters.to").Limit);
    }

    [Theory]
    [InlineData("from", "0001-01-01")]
    [InlineData("from", "1999-12-31")]
    [InlineData("to", "9999-12-31")]
    [InlineData("to", "2027-12-03")]
    public void Dates_at_the_far_ends_of_the_calendar_are_refused_naming_the_dates_allowed(string key, string date)
    {
        var today = new DateOnly(2026, 12, 2);
        var result = ExportSpecValidator.Validate(new ExportRequestSpec("orders", "csv", new Dictionary<string, string?> { [key] = date }),
            new ExportLimits(MaxRangeDays: int.MaxValue, Today: today));

        var error = ErrorOn(result, "filters." + key);
        Assert.Equal((ExportErrorKind.DateOutOfRange, date), (error.Kind, error.Value));
        Assert.Equal(["2000-01-01", "2027-12-02"], error.Allowed);
    }

    [Fact]
    public void A_range_open_at_one_end_runs_to_or_from_today_for_the_limit()
    {
        var limits = new ExportLimits(MaxRangeDays: 366, Today: new DateOnly(2026, 12, 2));
        ExportSpecValidation Open(string key, string date) =>
            ExportSpecValidator.Validate(new ExportRequestSpec("orders", "csv", new Dictionary<string, string?> { [key] = date }), limits);

        Assert.True(Open("from", "2025-12-02").IsValid); // 366 days with today
        Assert.Equal(ExportErrorKind.RangeTooLong, ErrorOn(Open("from", "2025-12-01"), "filters.from").Kind);
        Assert.True(Open("to", "2026-06-30").IsValid);
        Assert.Equal(ExportErrorKind.RangeTooLong, ErrorOn(Open("to", "2024-01-31"), "filters.to").Kind);
        // Read again later (no today), a stored request stays valid however old it grew.
        Assert.True(ExportSpecValidator.Validate(new ExportRequestSpec("orders", "csv", new Dictionary<string, string?> { ["from"] = "2020-01-01" }),
            new ExportLimits(MaxRangeDays: 366)).IsValid);
    }

    [Fact]
    public void Unknown_filters_and_filters_the_dataset_lacks_are_refused()
    {
        var colour = ErrorOn(Validate("orders", "csv", ("colour", "red")), "filters.colour");
        Assert.Equal((ExportErrorKind.UnknownFilter, "colour"), (colour.Kind, colour.Value));
        Assert.Equal(["from", "to", "status"], colour.Allowed);
        Assert.Equal(ExportErrorKind.UnknownFilter, ErrorOn(Validate("products", "csv", ("from", "2026-01-01")), "filters.from").Kind);
        Assert.Equal(ExportErrorKind.UnknownFilter, ErrorOn(Validate("orders", "csv", ("category", "패션")), "filters.category").Kind);
    }

    [Fact]
    public void Status_must_be_one_of_the_datasets_values()
    {
        var result = Validate("settlements", "xlsx", ("status", "Shipped"));

        var error = ErrorOn(result, "filters.status");
        Assert.Equal((ExportErrorKind.UnknownStatus, "Shipped"), (error.Kind, error.Value));
        Assert.Equal(["Pending", "Paid"], error.Allowed);
        Assert.Equal("Paid", Validate("settlements", "xlsx", ("status", "PAID")).Spec!.Filters.Status);
    }

    [Fact]
    public void A_category_longer_than_the_limit_is_refused()
    {
        var error = ErrorOn(Validate("products", "csv", ("category", new string('가', 65))), "filters.category");

        Assert.Equal((ExportErrorKind.CategoryTooLong, 64), (error.Kind, error.Limit));
        Assert.True(Validate("products", "csv", ("category", new string('가', 64))).IsValid);
    }

    [Fact]
    public void All_errors_are_reported_together()
    {
        var result = Validate("orders", "doc", ("from", "x"), ("status", "Lost"));

        Assert.Equal(["filters.from", "filters.status", "format"], Fields(result).Order());
    }
}
