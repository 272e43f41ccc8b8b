using AlignDsl.Generated;
using AlignDsl.Hosting;

// With no arguments: the SFT warm-up, then DPO from it, then the before/after tables.
// Also: -- list, -- describe gym-dpo, -- run gym-sft --steps 50 --out runs (see -- --help).
return await ExperimentHost.RunAsync(args, GeneratedExperiments.All, defaultExperiment: "gym-dpo");
