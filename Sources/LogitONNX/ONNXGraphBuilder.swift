import Foundation

/// Accumulates the nodes and constant tensors of one ONNX graph, naming each
/// node after its output so that a graph read back names what it computes.
struct ONNXGraphBuilder {
    private(set) var nodes: [Onnx_NodeProto] = []
    private(set) var initializers: [Onnx_TensorProto] = []

    /// Adds a node `opType(inputs) -> output` and returns `output`.
    @discardableResult
    mutating func node(_ opType: String, _ inputs: [String], _ output: String,
                       attributes: [Onnx_AttributeProto] = []) -> String {
        var node = Onnx_NodeProto()
        node.opType = opType
        node.input = inputs
        node.output = [output]
        node.name = opType + "_" + output
        node.attribute = attributes
        nodes.append(node)
        return output
    }

    /// Adds a float64 constant of shape `dims` and returns its name.
    @discardableResult
    mutating func constant(_ name: String, doubles: [Double], dims: [Int64]) -> String {
        var tensor = Self.tensor(name, type: .double, dims: dims)
        tensor.doubleData = doubles
        initializers.append(tensor)
        return name
    }

    /// Adds a float32 constant of shape `dims` (each value rounded to nearest,
    /// as the engine's `Float(x)`) and returns its name.
    @discardableResult
    mutating func constant(_ name: String, floats: [Double], dims: [Int64]) -> String {
        var tensor = Self.tensor(name, type: .float, dims: dims)
        tensor.floatData = floats.map { Float($0) }
        initializers.append(tensor)
        return name
    }

    /// Adds a constant in the precision of `type`.
    @discardableResult
    mutating func constant(_ name: String, values: [Double], dims: [Int64], type: ONNXInputType) -> String {
        switch type {
        case .float: constant(name, floats: values, dims: dims)
        case .double: constant(name, doubles: values, dims: dims)
        }
    }

    /// Adds an int64 constant and returns its name.
    @discardableResult
    mutating func constant(_ name: String, int64s: [Int64], dims: [Int64]) -> String {
        var tensor = Self.tensor(name, type: .int64, dims: dims)
        tensor.int64Data = int64s
        initializers.append(tensor)
        return name
    }

    /// Adds a string constant (UTF-8) and returns its name.
    @discardableResult
    mutating func constant(_ name: String, strings: [String], dims: [Int64]) -> String {
        var tensor = Self.tensor(name, type: .string, dims: dims)
        tensor.stringData = strings.map { Data($0.utf8) }
        initializers.append(tensor)
        return name
    }

    private static func tensor(_ name: String, type: Onnx_TensorProto.DataType, dims: [Int64]) -> Onnx_TensorProto {
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dataType = Int32(type.rawValue)
        tensor.dims = dims
        return tensor
    }

    /// An integer attribute.
    static func attribute(_ name: String, int value: Int64) -> Onnx_AttributeProto {
        var attribute = Onnx_AttributeProto()
        attribute.name = name
        attribute.type = .int
        attribute.i = value
        return attribute
    }

    /// A tensor's name, element type and shape (a dimension is a number or, for
    /// a symbolic one such as the batch size, a name).
    static func valueInfo(_ name: String, elementType: Int32, shape: [Int64?], symbol: String = "N") -> Onnx_ValueInfoProto {
        var tensorType = Onnx_TypeProto.Tensor()
        tensorType.elemType = elementType
        var tensorShape = Onnx_TensorShapeProto()
        tensorShape.dim = shape.map { size in
            var dimension = Onnx_TensorShapeProto.Dimension()
            if let size { dimension.dimValue = size } else { dimension.dimParam = symbol }
            return dimension
        }
        tensorType.shape = tensorShape
        var type = Onnx_TypeProto()
        type.tensorType = tensorType
        var info = Onnx_ValueInfoProto()
        info.name = name
        info.type = type
        return info
    }
}
