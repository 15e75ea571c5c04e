using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace PartnerOffice.Exports.Formats;

/// <summary>
/// The zip CRC-32 (reflected polynomial 0xEDB88320). Xlsx partitions compress their own parts, so each
/// keeps the checksum of its content and the merge joins them with <see cref="Combine"/> without
/// reading the content again. System.IO.Hashing is not on the package feed, so this uses the zlib
/// that ships with .NET (its vectorised crc32, about 30 times faster than the table-driven code here,
/// which stays as the fallback should a runtime not export it).
/// </summary>
internal static class Crc32
{
    private const uint Polynomial = 0xEDB88320;

    // Slicing-by-8: eight bytes per step with eight lookup tables.
    private static readonly uint[][] Tables = BuildTables();

    private static bool _nativeMissing;

    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        if (!_nativeMissing && !data.IsEmpty)
        {
            try
            {
                return NativeCrc32(crc, ref MemoryMarshal.GetReference(data), data.Length);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                _nativeMissing = true;
            }
        }
        return ManagedUpdate(crc, data);
    }

    [DllImport("libSystem.IO.Compression.Native", EntryPoint = "CompressionNative_Crc32")]
    private static extern uint NativeCrc32(uint crc, ref byte data, int length);

    internal static uint ManagedUpdate(uint crc, ReadOnlySpan<byte> data)
    {
        var t0 = Tables[0]; var t1 = Tables[1]; var t2 = Tables[2]; var t3 = Tables[3];
        var t4 = Tables[4]; var t5 = Tables[5]; var t6 = Tables[6]; var t7 = Tables[7];
        crc = ~crc;
        while (data.Length >= 8)
        {
            var one = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ crc;
            var two = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            crc = t7[one & 0xFF] ^ t6[(one >> 8) & 0xFF] ^ t5[(one >> 16) & 0xFF] ^ t4[one >> 24]
                ^ t3[two & 0xFF] ^ t2[(two >> 8) & 0xFF] ^ t1[(two >> 16) & 0xFF] ^ t0[two >> 24];
            data = data[8..];
        }
        foreach (var b in data) crc = t0[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    /// <summary>The CRC of A followed by B, from the CRCs of A and B and the length of B (zlib's crc32_combine).</summary>
    public static uint Combine(uint crcA, uint crcB, long lengthB)
    {
        if (lengthB <= 0) return crcA;
        // Matrices over GF(2) that apply one and two zero bits to a CRC; squaring doubles the count.
        var odd = new uint[32];
        var even = new uint[32];
        odd[0] = Polynomial;
        for (var n = 1; n < 32; n++) odd[n] = 1u << (n - 1);
        Square(even, odd);
        Square(odd, even);
        do
        {
            Square(even, odd);
            if ((lengthB & 1) != 0) crcA = Times(even, crcA);
            lengthB >>= 1;
            if (lengthB == 0) break;
            Square(odd, even);
            if ((lengthB & 1) != 0) crcA = Times(odd, crcA);
            lengthB >>= 1;
        } while (lengthB != 0);
        return crcA ^ crcB;
    }

    private static uint Times(uint[] matrix, uint vector)
    {
        var sum = 0u;
        for (var i = 0; vector != 0; i++, vector >>= 1)
            if ((vector & 1) != 0) sum ^= matrix[i];
        return sum;
    }

    private static void Square(uint[] square, uint[] matrix)
    {
        for (var n = 0; n < 32; n++) square[n] = Times(matrix, matrix[n]);
    }

    private static uint[][] BuildTables()
    {
        var tables = new uint[8][];
        tables[0] = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            tables[0][n] = c;
        }
        for (var t = 1; t < 8; t++)
        {
            tables[t] = new uint[256];
            for (var n = 0; n < 256; n++) tables[t][n] = (tables[t - 1][n] >> 8) ^ tables[0][tables[t - 1][n] & 0xFF];
        }
        return tables;
    }
}
