using Rapport.Cli;
using Rapport.Cli.Output;

return await RapportCli.RunAsync(args, CliConsole.ForProcess()).ConfigureAwait(false);
