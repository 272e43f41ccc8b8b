using AlignDsl.Training;

namespace AlignDsl.Tests.Training;

public sealed class LearningRateScheduleTests
{
    private readonly LearningRateSchedule _schedule = new(Peak: 1e-3, WarmupSteps: 10, TotalSteps: 111);

    [Theory]
    [InlineData(1, 1e-4)]
    [InlineData(5, 5e-4)]
    [InlineData(10, 1e-3)]
    [InlineData(11, 1e-3)]                          // decay starts at the peak
    [InlineData(61, 1e-3 * (0.1 + 0.9 * 0.5))]   // half-way through the decay: cos(π/2) = 0
    [InlineData(111, 1e-4)]                        // the last step: the floor, a tenth of the peak
    public void Warms_up_linearly_then_decays_on_a_cosine(int step, double expected) =>
        Assert.Equal(expected, _schedule.At(step), 10);
}
