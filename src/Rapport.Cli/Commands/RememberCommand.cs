using System.CommandLine;
using Rapport.Cli.Hosting;
using Rapport.Cli.Output;
using Rapport.Memory;

namespace Rapport.Cli.Commands;

/// <summary><c>rapport remember</c>: records an intervention and prints its id.</summary>
internal sealed class RememberCommand : CliCommand
{
    private readonly Option<string> User = MemoryOptions.User();
    private readonly Option<string> Situation = new("--situation", "-s") { Description = "What the user said or felt", Required = true };
    private readonly Option<string> Kind = new("--kind", "-k") { Description = "The kind of intervention, e.g. breathing, break, reframe", Required = true };
    private readonly Option<string> Text = new("--text", "-t") { Description = "What the agent said", Required = true };
    private readonly Option<string?> Session = new("--session") { Description = "The session id" };
    private readonly Option<string?> Tool = new("--tool") { Description = "The tool the agent called, if any" };
    private readonly Option<string?> Outcome = MemoryOptions.Outcome("The outcome, if already known: helped or not-helped");
    private readonly Option<int?> Rating = MemoryOptions.Rating();

    public RememberCommand(CliContext context)
        : base("remember", "Record an intervention for a user", context)
    {
        Options.Add(User);
        Options.Add(Situation);
        Options.Add(Kind);
        Options.Add(Text);
        Options.Add(Session);
        Options.Add(Tool);
        Options.Add(Outcome);
        Options.Add(Rating);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken)
    {
        var outcomeText = parse.GetValue(Outcome);
        var draft = new NewIntervention
        {
            UserId = MemoryIds.ValidateUserId(parse.GetValue(User)),
            SessionId = parse.GetValue(Session),
            Situation = parse.GetValue(Situation)!,
            Kind = parse.GetValue(Kind)!,
            Text = parse.GetValue(Text)!,
            Tool = parse.GetValue(Tool),
            Outcome = outcomeText is null ? InterventionOutcome.Unknown : InterventionOutcomeText.Parse(outcomeText),
            Rating = MemoryLimits.ValidateRating(parse.GetValue(Rating)),
        };

        // Validate everything before the store is opened, so bad input never creates a data folder or file.
        Storage.MemoryRecordValidator.Validate(draft);
        var stored = await host.Memory.RecordAsync(draft, cancellationToken).ConfigureAwait(false);
        if (parse.GetValue(Context.Global.Json))
        {
            Console.WriteJson(InterventionJson.From(stored), CliJson.Output.InterventionJson);
        }
        else
        {
            Console.Output.WriteLine(stored.Id);
        }

        return ExitCodes.Success;
    }
}
