using PartnerOffice.Exports.Formats;

namespace PartnerOffice.Tests.Exports;

public class Crc32Tests
{
    [Fact]
    public void Computes_the_zip_checksum_and_combines_checksums_of_consecutive_data()
    {
        Assert.Equal(0xCBF43926u, Crc32.Update(0, "123456789"u8));
        var data = new byte[100_003];
        new Random(7).NextBytes(data);
        var whole = Crc32.Update(0, data);

        Assert.Equal(whole, Crc32.Update(Crc32.Update(0, data.AsSpan(0, 40_001)), data.AsSpan(40_001)));
        Assert.Equal(whole, Crc32.Combine(Crc32.Update(0, data.AsSpan(0, 40_001)), Crc32.Update(0, data.AsSpan(40_001)), data.Length - 40_001));
        Assert.Equal(whole, Crc32.Combine(whole, Crc32.Update(0, []), 0));
        Assert.Equal(whole, Crc32.ManagedUpdate(0, data));
        Assert.Equal(0xCBF43926u, Crc32.ManagedUpdate(0, "123456789"u8));
    }
}
