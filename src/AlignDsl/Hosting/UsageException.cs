namespace AlignDsl.Hosting;

/// <summary>A command line the host cannot act on; the message says why. The host exits with 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
