/// The element type of an exported ONNX graph's input and of its
/// `probabilities` output, as skl2onnx's `FloatTensorType` / `DoubleTensorType`.
public enum ONNXInputType: String, Sendable, CaseIterable, Codable {
    /// float32 input and probabilities (the engine's `--precision float`).
    case float
    /// float64 input and probabilities (the engine's `--precision double`).
    case double

    /// The ONNX `TensorProto.DataType` code (1 for FLOAT, 11 for DOUBLE).
    var dataType: Int32 {
        switch self {
        case .float: Int32(Onnx_TensorProto.DataType.float.rawValue)
        case .double: Int32(Onnx_TensorProto.DataType.double.rawValue)
        }
    }
}
