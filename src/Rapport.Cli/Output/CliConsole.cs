using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Rapport.Cli.Output;

/// <summary>All output of the CLI goes through here: data to stdout (rendered or JSON), messages to stderr.</summary>
/// <remarks>Commands never write to <see cref="Console"/> directly, so tests can capture everything and
/// <c>--json</c> output stays clean of decoration.</remarks>
internal sealed class CliConsole
{
    private readonly TextWriter _error;

    /// <summary>Creates a console over the given writers.</summary>
    public CliConsole(TextWriter output, TextWriter error, bool interactive, TextReader? input = null)
    {
        Output = output;
        _error = error;
        Input = input ?? TextReader.Null;
        IsInteractive = interactive;
        Out = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive)
        {
            Out.Profile.Width = 160;
        }
    }

    /// <summary>Gets the console of the process: interactive when stdin and stdout are terminals.</summary>
    public static CliConsole ForProcess() =>
        new(Console.Out, Console.Error, !Console.IsInputRedirected && !Console.IsOutputRedirected, Console.In);

    /// <summary>Gets the Spectre.Console surface for tables, trees, progress and prompts.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Gets the raw standard output.</summary>
    public TextWriter Output { get; }

    /// <summary>Gets standard input.</summary>
    public TextReader Input { get; }

    /// <summary>Gets whether a person is at a terminal (prompts and progress bars are allowed).</summary>
    public bool IsInteractive { get; }

    /// <summary>Writes <paramref name="value"/> as indented JSON on stdout.</summary>
    public void WriteJson<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        Output.WriteLine(JsonSerializer.Serialize(value, typeInfo));
        Output.Flush();
    }

    /// <summary>Writes a plain line on stdout.</summary>
    public void WriteLine(string text = "") => Out.WriteLine(text);

    /// <summary>Writes markup (Spectre syntax) on stdout.</summary>
    public void WriteMarkup(string markup) => Out.MarkupLine(markup);

    /// <summary>Renders a table, tree or other renderable on stdout.</summary>
    public void Write(IRenderable renderable) => Out.Write(renderable);

    /// <summary>Writes a one-line error on stderr, prefixed by <c>rapport: </c>.</summary>
    public void Error(string message)
    {
        _error.WriteLine($"rapport: {OneLine(message)}");
        _error.Flush();
    }

    /// <summary>Writes a warning or notice on stderr.</summary>
    public void Notice(string message)
    {
        _error.WriteLine($"rapport: {Neutralise(message)}");
        _error.Flush();
    }

    private static string OneLine(string message) => Neutralise(message.ReplaceLineEndings(" ").Trim());

    // Messages echo input (a user id, a store path) that may carry terminal escape sequences: each control character is
    // shown as its \uXXXX code, so no message can move the cursor, retitle the window or hide what came before it.
    private static string Neutralise(string message)
    {
        if (!message.Any(char.IsControl))
        {
            return message;
        }

        var text = new System.Text.StringBuilder(message.Length + 16);
        foreach (var c in message)
        {
            if (c == '\n')
            {
                text.Append(c);
            }
            else if (char.IsControl(c))
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
