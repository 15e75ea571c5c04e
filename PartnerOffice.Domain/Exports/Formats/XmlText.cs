using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace PartnerOffice.Exports.Formats;

/// <summary>
/// Writes UTF-8 text as the content of a SpreadsheetML text element. Markup characters become
/// entities; characters XML cannot carry (most controls) and CR (which XML parsers turn into LF) use
/// OOXML's <c>_xHHHH_</c> escape, which Excel and LibreOffice decode; a literal <c>_xHHHH_</c> in the
/// data has its underscore escaped so it is not decoded. The non-characters U+FFFE and U+FFFF (not
/// allowed in XML) become U+FFFD. All of these are found byte-wise: they are ASCII, or start with 0xEF.
/// </summary>
internal static class XmlText
{
    private static readonly SearchValues<byte> Special = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c != '\t' && c != '\n').Select(c => (byte)c), (byte)'<', (byte)'>', (byte)'&', (byte)'_', 0xEF]);

    public static void Write(Utf8Buffer output, string text) => Write(output, Encoding.UTF8.GetBytes(text));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write(Utf8Buffer output, ReadOnlySpan<byte> utf8)
    {
        for (var i = utf8.IndexOfAny(Special); i >= 0; i = utf8.IndexOfAny(Special))
        {
            output.Write(utf8[..i]);
            utf8 = utf8[(i + WriteEscaped(output, utf8[i..]))..];
        }
        output.Write(utf8);
    }

    /// <summary>Writes the special byte at the start of <paramref name="text"/>; returns how many bytes it stood for.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int WriteEscaped(Utf8Buffer output, ReadOnlySpan<byte> text)
    {
        switch (text[0])
        {
            case (byte)'<': output.Write("&lt;"u8); return 1;
            case (byte)'>': output.Write("&gt;"u8); return 1;
            case (byte)'&': output.Write("&amp;"u8); return 1;
            case (byte)'_':
                output.Write(StartsEscape(text[1..]) ? "_x005F_"u8 : "_"u8);
                return 1;
            case 0xEF when text.Length >= 3 && text[1] == 0xBF && text[2] is 0xBE or 0xBF:
                output.Write("\uFFFD"u8);
                return 3;
            case 0xEF:
                output.Write(0xEF);
                return 1;
            default:
                output.Write("_x00"u8);
                output.WriteFormatted(text[0], "X2");
                output.Write((byte)'_');
                return 1;
        }
    }

    /// <summary>True when the text after an underscore is <c>xHHHH_</c>.</summary>
    private static bool StartsEscape(ReadOnlySpan<byte> rest) =>
        rest.Length >= 6 && rest[0] == 'x' && rest[5] == '_' && char.IsAsciiHexDigit((char)rest[1]) && char.IsAsciiHexDigit((char)rest[2])
        && char.IsAsciiHexDigit((char)rest[3]) && char.IsAsciiHexDigit((char)rest[4]);
}
