using System.Security.Cryptography;
using System.Text;

namespace ThreadingKoans.Engine.Report;

/// <summary>
/// A digest of the learner's koan files (every <c>Koans/*.cs</c>, names and contents): when it is what the
/// last walk saw, nothing the learner wrote has changed since, so that walk's verdict still holds.
/// </summary>
internal static class KoansFingerprint
{
    /// <summary>The fingerprint of the koan files of <paramref name="layout"/> as they are now.</summary>
    public static string Of(RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (!Directory.Exists(layout.Koans))
        {
            return "no-koans";
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(layout.Koans, "*.cs").Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
