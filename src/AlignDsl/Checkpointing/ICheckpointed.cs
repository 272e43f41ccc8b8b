namespace AlignDsl.Checkpointing;

/// <summary>State a generated loop keeps besides models, optimisers and generators (PPO's adaptive KL coefficient), saved in each checkpoint.</summary>
public interface ICheckpointed
{
    void Save(BinaryWriter writer);

    void Load(BinaryReader reader);
}
