using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;

namespace Rapport.Server.Dashboard.Html;

/// <summary>Builds a page: interpolated holes are HTML-encoded unless they are <see cref="RawHtml"/>, so user text can never become markup.</summary>
internal sealed class HtmlWriter
{
    private readonly StringBuilder _text = new(8192);

    /// <summary>Appends markup with encoded holes.</summary>
    public HtmlWriter Add([InterpolatedStringHandlerArgument("")] ref HtmlHandler html)
    {
        _ = html;
        return this;
    }

    /// <summary>Appends trusted markup as is.</summary>
    public HtmlWriter Raw(string markup)
    {
        _text.Append(markup);
        return this;
    }

    /// <summary>Appends encoded text.</summary>
    public HtmlWriter Text(string? text)
    {
        _text.Append(HtmlEncoder.Default.Encode(text ?? ""));
        return this;
    }

    internal StringBuilder Builder => _text;

    /// <inheritdoc />
    public override string ToString() => _text.ToString();

    /// <summary>Encodes a value the way holes are encoded.</summary>
    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");
}

/// <summary>Markup that is trusted as is (built by the dashboard itself, never from stored text).</summary>
/// <param name="Value">The markup.</param>
internal readonly record struct RawHtml(string Value);

/// <summary>The interpolation handler of <see cref="HtmlWriter.Add"/>: literals as is, values encoded.</summary>
[InterpolatedStringHandler]
internal readonly ref struct HtmlHandler
{
    private readonly StringBuilder _text;

    public HtmlHandler(int literalLength, int formattedCount, HtmlWriter writer)
    {
        _ = literalLength + formattedCount;
        _text = writer.Builder;
    }

    public void AppendLiteral(string literal) => _text.Append(literal);

    public void AppendFormatted(RawHtml markup) => _text.Append(markup.Value);

    public void AppendFormatted(string? value) => _text.Append(HtmlEncoder.Default.Encode(value ?? ""));

    public void AppendFormatted<T>(T value, string? format = null)
    {
        var text = value is IFormattable f ? f.ToString(format, CultureInfo.InvariantCulture) : value?.ToString();
        _text.Append(HtmlEncoder.Default.Encode(text ?? ""));
    }
}
