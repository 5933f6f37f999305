using SupportBot.Storage.State;
using SupportBot.Storage.Tables;

namespace SupportBot.Tests.Storage;

public class ValueChunkerTests
{
    public static TheoryData<int, int[]> Boundaries => new()
    {
        { 0, [] },
        { 1, [1] },
        { ValueChunker.ChunkBytes - 1, [ValueChunker.ChunkBytes - 1] },
        { ValueChunker.ChunkBytes, [ValueChunker.ChunkBytes] },
        { ValueChunker.ChunkBytes + 1, [ValueChunker.ChunkBytes, 1] },
        { 3 * ValueChunker.ChunkBytes, [ValueChunker.ChunkBytes, ValueChunker.ChunkBytes, ValueChunker.ChunkBytes] },
        { ValueChunker.MaxValueBytes, [.. Enumerable.Repeat(ValueChunker.ChunkBytes, 11), 16_000] },
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void Split_Boundaries_GivesPiecesOfAtMostOneChunkInOrder(int length, int[] expectedSizes)
    {
        var data = Pattern(length);

        var chunks = ValueChunker.Split(data);

        Assert.Equal(expectedSizes, chunks.Select(c => c.Length));
        Assert.Equal(data, ValueChunker.Join(chunks));
    }

    [Fact]
    public void Split_TheMaximum_FitsTheChunkCount()
    {
        Assert.Equal(ValueChunker.MaxChunks, ValueChunker.Split(Pattern(ValueChunker.MaxValueBytes)).Count);
        Assert.Equal(12, ValueChunker.MaxChunks);
    }

    [Fact]
    public void Split_OneByteOverTheMaximum_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ValueChunker.Split(new byte[ValueChunker.MaxValueBytes + 1]));
    }

    [Fact]
    public void Limits_StayUnderTableStorageLimits()
    {
        // 64 KiB per binary property (64 KB decimal as enforced); an entity of 1 MiB, binary sent as base64.
        Assert.True(ValueChunker.ChunkBytes <= 64_000);
        Assert.True((ValueChunker.MaxValueBytes + 2) / 3 * 4 < 1_000_000);
    }

    [Fact]
    public void Join_NoPieces_IsEmpty()
    {
        Assert.Empty(ValueChunker.Join([]));
    }

    private static byte[] Pattern(int length)
    {
        var data = new byte[length];
        for (var i = 0; i < length; i++)
        {
            data[i] = (byte)(i * 7 + (i >> 8));
        }

        return data;
    }
}
