using System.CommandLine;
using Rapport.Cli.Hosting;
using Rapport.Cli.Output;
using Rapport.Memory;

namespace Rapport.Cli.Commands;

/// <summary><c>rapport outcome</c>: records whether an intervention helped.</summary>
internal sealed class OutcomeCommand : CliCommand
{
    private readonly Option<string> Id = new("--id")
    {
        Description = "The intervention's id (printed by remember), or a unique start or end of it (6+ hex digits)",
        Required = true,
    };
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
        var given = parse.GetValue(Id);
        var outcome = InterventionOutcomeText.Parse(parse.GetValue(Outcome));
        var rating = MemoryLimits.ValidateRating(parse.GetValue(Rating));
        // 6-31 lowercase hex digits are a short id; anything else is checked as a whole id (bad characters exit 2).
        var isShort = given is { Length: >= Storage.IRecordIdLookup.MinimumFragment and < 32 } && given.All(char.IsAsciiHexDigitLower);
        if (!isShort)
        {
            MemoryIds.ValidateRecordId(given, "--id");
        }

        RequireExistingStore(host);
        var id = !isShort ? given! : await ShortIds.ResolveAsync(host.Store, given!, cancellationToken).ConfigureAwait(false);
        var updated = await host.Memory.SetOutcomeAsync(id, outcome, rating, cancellationToken).ConfigureAwait(false);
        if (updated is null && host.OpenedRedis is { PendingWrites: > 0 })
        {
            // Redis is down: the outcome waits in the outbox (the notice after the command says so) and is applied, if an
            // intervention has this id, when Redis answers. It is not "not found".
            if (parse.GetValue(Context.Global.Json))
            {
                Console.WriteJson(new OutcomeQueuedJson(id, outcome.ToText(), rating), CliJson.Output.OutcomeQueuedJson);
            }
            else
            {
                Console.Output.WriteLine($"{id} {outcome.ToText()}{(rating is { } queuedRating ? $" rating {queuedRating}" : "")} (queued)");
            }

            return ExitCodes.Success;
        }

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
