using System.Buffers.Binary;
using System.IO.Compression;
using SkiaSharp;

namespace SupportBot.Bot.Overview;

/// <summary>
/// Re-encodes a chart as an 8-bit palette PNG. A chart has a handful of flat colours plus anti-aliased text edges, so
/// 256 colours keep it visually identical while a quarter of the bytes per pixel keeps it inside a Teams message
/// (a full-colour PNG of the same chart is about 20 KB, too much once base64-encoded into a 28 KB card).
/// </summary>
internal static class IndexedPng
{
    private const int MaxColours = 256;
    private static readonly byte[] s_signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly uint[] s_crcTable = CreateCrcTable();

    /// <summary>The image's most frequent 256 colours become the palette; the rare rest map to their nearest entry.</summary>
    public static byte[] Encode(SKBitmap bitmap)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        int width = bitmap.Width, height = bitmap.Height;
        var pixels = new uint[width * height];
        var counts = new Dictionary<uint, int>();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                // Charts are drawn on an opaque background: only red, green and blue matter.
                var colour = (uint)bitmap.GetPixel(x, y) & 0x00FFFFFF;
                pixels[(y * width) + x] = colour;
                counts[colour] = counts.GetValueOrDefault(colour) + 1;
            }
        }

        var palette = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Take(MaxColours).Select(c => c.Key).ToArray();
        var index = new Dictionary<uint, byte>(counts.Count);
        for (var i = 0; i < palette.Length; i++)
        {
            index[palette[i]] = (byte)i;
        }

        // Each row: filter type 0, then one palette index per pixel.
        var raw = new byte[height * (width + 1)];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var colour = pixels[(y * width) + x];
                if (!index.TryGetValue(colour, out var entry))
                {
                    entry = Nearest(palette, colour);
                    index[colour] = entry;
                }

                raw[(y * (width + 1)) + 1 + x] = entry;
            }
        }

        using var output = new MemoryStream();
        output.Write(s_signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bits per index
        header[9] = 3; // colour type: palette
        WriteChunk(output, "IHDR", header);
        WriteChunk(output, "PLTE", [.. palette.SelectMany(c => new[] { (byte)(c >> 16), (byte)(c >> 8), (byte)c })]);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                zlib.Write(raw);
            }

            WriteChunk(output, "IDAT", compressed.ToArray());
        }

        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    private static byte Nearest(uint[] palette, uint colour)
    {
        var best = 0;
        var bestDistance = long.MaxValue;
        for (var i = 0; i < palette.Length; i++)
        {
            long dr = (int)((palette[i] >> 16) & 0xFF) - (int)((colour >> 16) & 0xFF);
            long dg = (int)((palette[i] >> 8) & 0xFF) - (int)((colour >> 8) & 0xFF);
            long db = (int)(palette[i] & 0xFF) - (int)(colour & 0xFF);
            var distance = (dr * dr) + (dg * dg) + (db * db);
            if (distance < bestDistance)
            {
                best = i;
                bestDistance = distance;
            }
        }

        return (byte)best;
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        output.Write(number);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        var crc = Crc(Crc(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(number, crc);
        output.Write(number);
    }

    private static uint Crc(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            crc = s_crcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] CreateCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
