using System.Text;

namespace Rapport.Storage.Conformance;

/// <summary>Searches every byte of every file under a folder for strings that must be gone (a forgotten user's words and ids).</summary>
public static class ResidueScan
{
    /// <summary>Returns "file: string" for each string found (as UTF-8 or UTF-16) in any file under <paramref name="folder"/>.</summary>
    public static List<string> Find(string folder, params string[] secrets)
    {
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }

            foreach (var secret in secrets)
            {
                if (bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) >= 0)
                {
                    found.Add($"{Path.GetRelativePath(folder, file)}: {secret}");
                }
            }
        }

        return found;
    }
}
