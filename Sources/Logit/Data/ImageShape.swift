/// The shape of one image: height × width × channels, flattened into
/// `height · width · channels` features in row-major, channel-last (HWC) order,
/// as `numpy.reshape(images, (n, -1))` flattens an `(n, h, w, c)` array.
public struct ImageShape: Sendable, Hashable, Codable {
    /// Rows of pixels.
    public var height: Int
    /// Columns of pixels.
    public var width: Int
    /// Values per pixel (1 for grey, 3 for RGB).
    public var channels: Int

    /// An image shape; all three must be positive (checked when data is generated).
    public init(height: Int, width: Int, channels: Int = 1) {
        self.height = height
        self.width = width
        self.channels = channels
    }

    /// 28 × 28 grey (MNIST, Fashion-MNIST): 784 features.
    public static let grey28 = ImageShape(height: 28, width: 28, channels: 1)
    /// 32 × 32 RGB (CIFAR-10): 3072 features.
    public static let rgb32 = ImageShape(height: 32, width: 32, channels: 3)
    /// 64 × 64 RGB (Tiny ImageNet): 12288 features.
    public static let rgb64 = ImageShape(height: 64, width: 64, channels: 3)

    /// The number of features, `height · width · channels`.
    public var featureCount: Int { height * width * channels }

    /// Feature names `"pixel_<row>_<column>"`, with `"_<channel>"` appended when
    /// there is more than one channel, in flattening order.
    public var featureNames: [String] {
        var names = [String]()
        names.reserveCapacity(featureCount)
        for row in 0..<height {
            for column in 0..<width {
                if channels == 1 {
                    names.append("pixel_\(row)_\(column)")
                } else {
                    for channel in 0..<channels { names.append("pixel_\(row)_\(column)_\(channel)") }
                }
            }
        }
        return names
    }
}
