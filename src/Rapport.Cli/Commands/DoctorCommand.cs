using System.CommandLine;
using Rapport.Cli.Doctor;
using Rapport.Cli.Hosting;
using Rapport.Cli.Output;
using Spectre.Console;

namespace Rapport.Cli.Commands;

/// <summary><c>rapport doctor</c>: the configuration in effect (data folder, store, embedder, model), each part checked, with a fix for each failure.</summary>
internal sealed class DoctorCommand : CliCommand
{
    public DoctorCommand(CliContext context)
        : base("doctor", "Show the configuration in effect and check each part (exit 1 when something is broken)", context)
    {
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken)
    {
        var checks = await DoctorChecks.RunAsync(host, cancellationToken).ConfigureAwait(false);
        var healthy = checks.All(c => c.Status != DoctorStatus.Fail);
        if (parse.GetValue(Context.Global.Json))
        {
            Console.WriteJson(
                new DoctorJson(healthy, [.. checks.Select(c => new DoctorCheckJson(c.Name, c.Status.ToString().ToLowerInvariant(), c.Detail, c.Fix))]),
                CliJson.Output.DoctorJson);
        }
        else
        {
            var table = new Table().AddColumns("check", "status", "detail");
            foreach (var check in checks)
            {
                var status = check.Status switch { DoctorStatus.Ok => "[green]ok[/]", DoctorStatus.Warn => "[yellow]warn[/]", _ => "[red]FAIL[/]" };
                table.AddRow(new Text(check.Name), new Markup(status), new Text(check.Fix is null ? check.Detail : $"{check.Detail}\nfix: {check.Fix}"));
            }

            Console.Write(table);
        }

        return healthy ? ExitCodes.Success : ExitCodes.Failure;
    }
}
