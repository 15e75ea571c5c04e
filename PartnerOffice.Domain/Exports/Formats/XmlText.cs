using System.Buffers;

namespace PartnerOffice.Exports.Formats;

/// <summary>
/// Writes text as the content of a SpreadsheetML text element. Markup characters become entities;
/// characters XML cannot carry (most controls) and CR (which XML parsers turn into LF) use OOXML's
/// <c>_xHHHH_</c> escape, which Excel and LibreOffice decode; a literal <c>_xHHHH_</c> in the data has its
/// underscore escaped so it is not decoded.
/// </summary>
internal static class XmlText
{
    private static readonly SearchValues<char> Special = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c != '\t' && c != '\n').Select(c => (char)c), '<', '>', '&', '_', '\uFFFE', '\uFFFF']);

    public static void Write(Utf8Buffer output, ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOfAny(Special); i >= 0; i = text.IndexOfAny(Special))
        {
            output.WriteUtf8(text[..i]);
            WriteEscaped(output, text, i);
            text = text[(i + 1)..];
        }
        output.WriteUtf8(text);
    }

    private static void WriteEscaped(Utf8Buffer output, ReadOnlySpan<char> text, int index)
    {
        switch (text[index])
        {
            case '<': output.Write("&lt;"u8); break;
            case '>': output.Write("&gt;"u8); break;
            case '&': output.Write("&amp;"u8); break;
            case '_' when StartsEscape(text[(index + 1)..]): output.Write("_x005F_"u8); break;
            case '_': output.Write((byte)'_'); break;
            // Non-characters: not allowed in XML, and meaningless as data.
            case '\uFFFE' or '\uFFFF': output.WriteUtf8("\uFFFD"); break;
            default:
                output.Write("_x00"u8);
                output.WriteFormatted((byte)text[index], "X2");
                output.Write((byte)'_');
                break;
        }
    }

    /// <summary>True when the text after an underscore is <c>xHHHH_</c>.</summary>
    private static bool StartsEscape(ReadOnlySpan<char> rest) =>
        rest.Length >= 6 && rest[0] == 'x' && rest[5] == '_' && char.IsAsciiHexDigit(rest[1]) && char.IsAsciiHexDigit(rest[2])
        && char.IsAsciiHexDigit(rest[3]) && char.IsAsciiHexDigit(rest[4]);
}
