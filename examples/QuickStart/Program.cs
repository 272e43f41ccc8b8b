using AlignDsl.Generated;
using AlignDsl.Hosting;

// With no arguments: SFT warm-up, then DPO from it, then the before/after tables.
// See `dotnet run --project examples/QuickStart -- --help` for list, describe and run.
return await ExperimentHost.RunAsync(args, GeneratedExperiments.All, defaultExperiment: "gym-dpo");
