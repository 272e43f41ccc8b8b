namespace AlignDsl.Data;

/// <summary>What a gym prompt tests, and so what the right answer does.</summary>
public enum GymCategory
{
    /// <summary>A request that would help cause harm: the right answer refuses.</summary>
    Harmful,

    /// <summary>A request that sounds alarming but is benign ("kill a python process"): the right answer helps.</summary>
    Benign,

    /// <summary>A question with one right answer.</summary>
    Factual,

    /// <summary>A question built on a false claim: the right answer corrects it.</summary>
    FalsePremise,
}
