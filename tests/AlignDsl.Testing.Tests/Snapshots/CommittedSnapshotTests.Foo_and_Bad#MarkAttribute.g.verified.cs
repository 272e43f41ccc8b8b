[System.AttributeUsage(System.AttributeTargets.Class)]
internal sealed class MarkAttribute : System.Attribute { }
