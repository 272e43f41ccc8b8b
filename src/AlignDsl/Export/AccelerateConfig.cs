using System.Globalization;

namespace AlignDsl.Export;

/// <summary>The exported <c>accelerate_config.yaml</c>: one machine, <c>gpus</c> processes, the chosen strategy.</summary>
public static class AccelerateConfig
{
    public static string Render(DistributedStrategy strategy, int gpus, bool bf16)
    {
        if (gpus < 1) throw new ArgumentOutOfRangeException(nameof(gpus), gpus, "--gpus takes at least 1.");
        var lines = new List<string> { "compute_environment: LOCAL_MACHINE" };
        lines.AddRange(strategy switch
        {
            DistributedStrategy.Ddp => [$"distributed_type: {(gpus == 1 ? "'NO'" : "MULTI_GPU")}"],
            DistributedStrategy.Zero2 or DistributedStrategy.Zero3 =>
            [
                "distributed_type: DEEPSPEED",
                "deepspeed_config:",
                $"  zero_stage: {(strategy == DistributedStrategy.Zero2 ? 2 : 3)}",
                "  offload_optimizer_device: none",
                "  offload_param_device: none",
                .. strategy == DistributedStrategy.Zero3 ? new[] { "  zero3_init_flag: true", "  zero3_save_16bit_model: true" } : [],
            ],
            DistributedStrategy.Fsdp =>
            [
                "distributed_type: FSDP",
                "fsdp_config:",
                "  fsdp_sharding_strategy: FULL_SHARD",
                "  fsdp_auto_wrap_policy: TRANSFORMER_BASED_WRAP",
                // The final save is one full checkpoint in the Hugging Face layout, which import reads.
                "  fsdp_state_dict_type: FULL_STATE_DICT",
                "  fsdp_offload_params: false",
                "  fsdp_use_orig_params: true",
                "  fsdp_sync_module_states: true",
                "  fsdp_cpu_ram_efficient_loading: true",
            ],
            _ => throw new ArgumentOutOfRangeException(nameof(strategy)),
        });
        lines.AddRange(
        [
            $"mixed_precision: {(bf16 ? "bf16" : "'no'")}",
            "num_machines: 1",
            "machine_rank: 0",
            $"num_processes: {gpus.ToString(CultureInfo.InvariantCulture)}",
            "rdzv_backend: static",
            "same_network: true",
            "use_cpu: false",
        ]);
        return string.Join('\n', lines) + "\n";
    }
}
