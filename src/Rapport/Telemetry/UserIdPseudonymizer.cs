using System.Security.Cryptography;
using System.Text;

namespace Rapport.Telemetry;

/// <summary>Turns a user id into a keyed hash for spans (<c>rapport.user.hash</c>), so traces can be deleted per user
/// without carrying the id.</summary>
/// <remarks>
/// <para>
/// Why keyed: user ids are often guessable (emails, handles), and a plain hash of one can be reversed by hashing
/// candidates. HMAC-SHA256 with a secret key cannot, for anyone without the key; the key stays in the data folder
/// (<c>telemetry.key</c>, readable by its owner only) and is never exported.
/// </para>
/// <para>
/// The tradeoff: the hash is stable for one key, so a trace backend can still link one user's spans together
/// (pseudonymous, not anonymous) — which is exactly what lets the local trace store delete them on forget.
/// Rotating the key (deleting the file) unlinks old traces from new ones, and from forget.
/// </para>
/// <para>Thread-safe and immutable.</para>
/// </remarks>
public sealed class UserIdPseudonymizer
{
    /// <summary>The smallest accepted key.</summary>
    public const int MinKeyBytes = 16;

    /// <summary>The file name of the key inside the data folder.</summary>
    public const string KeyFileName = "telemetry.key";

    private const int KeyBytes = 32;
    private readonly byte[] _key;

    /// <summary>Creates a pseudonymizer with a key.</summary>
    /// <exception cref="ArgumentException">The key is shorter than <see cref="MinKeyBytes"/>.</exception>
    public UserIdPseudonymizer(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinKeyBytes)
        {
            throw new ArgumentException($"The key has {key.Length} bytes; use at least {MinKeyBytes} random bytes.", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>Creates a pseudonymizer with a random key that lives as long as the process (hashes do not survive it).</summary>
    public static UserIdPseudonymizer CreateEphemeral() => new(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>Loads the key from <c>&lt;home&gt;/telemetry.key</c>, creating the file (owner-only) on first use.</summary>
    /// <remarks>When the folder cannot be written, falls back to <see cref="CreateEphemeral"/>: spans still carry no id, but
    /// forgetting a user then cannot find the spans of earlier processes.</remarks>
    public static UserIdPseudonymizer ForHome(string home)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(home);
        var path = Path.Combine(home, KeyFileName);
        try
        {
            return new UserIdPseudonymizer(LoadOrCreateKey(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return CreateEphemeral();
        }
    }

    /// <summary>Returns the hash of a user id: 32 lowercase hex characters (the first 128 bits of HMAC-SHA256).</summary>
    public string Pseudonymize(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(userId), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    private static byte[] LoadOrCreateKey(string path)
    {
        if (File.Exists(path))
        {
            return Read(path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // First starts of several processes at once must agree on one key, and File.Move without overwrite is a check
        // then a rename on some file systems: the creation runs under an exclusive lock file (flock on Unix), and whoever
        // holds it checks again. The lock file is removed once the key exists; a late waiter on the removed file then
        // finds the key and only reads it.
        var lockPath = path + ".lock";
        using var held = AcquireLock(lockPath);
        try
        {
            return File.Exists(path) ? Read(path) : CreateKey(path);
        }
        finally
        {
            File.Delete(lockPath);
        }
    }

    private static FileStream AcquireLock(string lockPath)
    {
        var deadline = Environment.TickCount64 + 10_000;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (Environment.TickCount64 < deadline)
            {
                Thread.Sleep(5);
            }
        }
    }

    private static byte[] CreateKey(string path)
    {
        var key = RandomNumberGenerator.GetBytes(KeyBytes);

        // Atomic: the key is written and synced under a temporary name, then renamed into place, so a kill or a full disk
        // at first start leaves no key file (the next start makes one), never an empty or short one that breaks every start.
        var temporary = $"{path}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var file = new FileStream(temporary, options))
            {
                file.Write(key);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first (one that does not take the lock): use theirs, so both hash alike.
            return Read(path);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static byte[] Read(string path)
    {
        var key = File.ReadAllBytes(path);
        return key.Length >= MinKeyBytes
            ? key
            : throw new InvalidOperationException(
                $"The telemetry key '{path}' is damaged ({key.Length} bytes; a key has {KeyBytes}). Delete that file and a new key " +
                "is made at the next start; traces written with the old key then no longer match forget, so delete traces.db too.");
    }
}
