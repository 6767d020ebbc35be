using System.CommandLine;
using Rapport.Cli.Hosting;
using Rapport.Cli.Output;
using Rapport.Memory;

namespace Rapport.Cli.Commands;

/// <summary><c>rapport outcome</c>: records whether an intervention helped.</summary>
internal sealed class OutcomeCommand : CliCommand
{
    private readonly Option<string> Id = new("--id") { Description = "The intervention's id (printed by remember)", Required = true };
    private readonly Option<string?> Outcome = MemoryOptions.Outcome("helped or not-helped", required: true);
    private readonly Option<int?> Rating = MemoryOptions.Rating();

    public OutcomeCommand(CliContext context)
        : base("outcome", "Record whether an intervention helped", context)
    {
        Options.Add(Id);
        Options.Add(Outcome);
        Options.Add(Rating);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken)
    {
        var id = MemoryIds.ValidateRecordId(parse.GetValue(Id));
        var outcome = InterventionOutcomeText.Parse(parse.GetValue(Outcome));
        var rating = MemoryLimits.ValidateRating(parse.GetValue(Rating));
        var updated = await host.Memory.SetOutcomeAsync(id, outcome, rating, cancellationToken).ConfigureAwait(false);
        if (updated is null)
        {
            Console.Error($"No intervention with id '{id}' (it may have expired or been forgotten).");
            return ExitCodes.NotFound;
        }

        if (parse.GetValue(Context.Global.Json))
        {
            Console.WriteJson(InterventionJson.From(updated), CliJson.Output.InterventionJson);
        }
        else
        {
            Console.Output.WriteLine($"{updated.Id} {updated.Outcome.ToText()}{(updated.Rating is { } r ? $" rating {r}" : "")}");
        }

        return ExitCodes.Success;
    }
}
