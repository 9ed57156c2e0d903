namespace Dspex.Load;

/// <summary>The comparison a threshold demands of the measured value.</summary>
internal enum ThresholdOperator
{
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
}
