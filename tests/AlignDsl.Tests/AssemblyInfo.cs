// The tests train and sample with TorchSharp, which already uses every core: running test classes side by side on
// a two-core machine only makes their OpenMP threads fight. One at a time is faster.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
