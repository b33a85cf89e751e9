/// A binary file format recognized by its first bytes ("magic number"), so
/// that a text loader can refuse it with a message saying what it is and what
/// to convert it to, instead of reporting garbage as a malformed CSV.
public enum BinaryFormat: String, Sendable, CaseIterable {
    /// Apache Parquet (`PAR1`).
    case parquet
    /// Apache Arrow IPC / Feather v2 (`ARROW1`).
    case arrow
    /// A ZIP archive (`PK\u{3}\u{4}`): Excel .xlsx, OpenDocument .ods, NumPy .npz.
    case zip
    /// gzip-compressed data (`1f 8b`).
    case gzip
    /// bzip2-compressed data (`BZh`).
    case bzip2
    /// xz-compressed data (`fd 37 7a 58 5a 00`).
    case xz
    /// Zstandard-compressed data (`28 b5 2f fd`).
    case zstd
    /// HDF5 (`89 HDF`), as written by pandas' `to_hdf` and h5py.
    case hdf5
    /// SQLite 3 database (`SQLite format 3\0`).
    case sqlite
    /// Legacy Excel .xls / OLE2 compound file (`d0 cf 11 e0`).
    case ole2
    /// A NumPy .npy array (`93 NUMPY`).
    case npy

    /// The format whose signature `bytes` starts with, or nil (text, or unknown).
    ///
    /// - Complexity: O(1): looks at most at the first 16 bytes.
    public static func detect<C: Collection>(_ bytes: C) -> BinaryFormat? where C.Element == UInt8 {
        let head = Array(bytes.prefix(16))
        func starts(_ signature: [UInt8]) -> Bool { head.starts(with: signature) }
        if starts(Array("PAR1".utf8)) { return .parquet }
        if starts(Array("ARROW1".utf8)) { return .arrow }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if starts([0x1F, 0x8B]) { return .gzip }
        if starts(Array("BZh".utf8)), head.count > 3, (0x31...0x39).contains(head[3]) { return .bzip2 }
        if starts([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return .xz }
        if starts([0x28, 0xB5, 0x2F, 0xFD]) { return .zstd }
        if starts([0x89, 0x48, 0x44, 0x46]) { return .hdf5 }
        if starts(Array("SQLite format 3".utf8) + [0]) { return .sqlite }
        if starts([0xD0, 0xCF, 0x11, 0xE0]) { return .ole2 }
        if starts([0x93] + Array("NUMPY".utf8)) { return .npy }
        return nil
    }

    /// What the format is and how to get CSV (or .npy) from it, for an error message.
    public var advice: String {
        switch self {
        case .parquet:
            "a Parquet file, not CSV: convert it to CSV (pandas: pd.read_parquet(f).to_csv(out, index=False)) or to a .npy feature matrix with a .npy label file"
        case .arrow:
            "an Arrow/Feather file, not CSV: convert it to CSV (pandas: pd.read_feather(f).to_csv(out, index=False))"
        case .zip:
            "a ZIP archive (an Excel .xlsx, .ods or .npz file?), not CSV: convert it to CSV (pandas: pd.read_excel(f).to_csv(out, index=False)), or unzip it if it holds one"
        case .gzip, .bzip2, .xz, .zstd:
            "\(rawValue)-compressed data, not CSV: decompress it first (e.g. \(decompressor) -dc FILE > data.csv, or pipe it to --data -)"
        case .hdf5:
            "an HDF5 file, not CSV: convert it to CSV (pandas: pd.read_hdf(f).to_csv(out, index=False)) or to .npy"
        case .sqlite:
            "an SQLite database, not CSV: export a table to CSV (sqlite3 -header -csv DB 'select * from t' > data.csv)"
        case .ole2:
            "a legacy Excel .xls (OLE2) file, not CSV: save the sheet as CSV (pandas: pd.read_excel(f).to_csv(out, index=False))"
        case .npy:
            "a .npy array, not CSV: give it a name ending in .npy (with --labels FILE for its labels)"
        }
    }

    private var decompressor: String {
        switch self {
        case .gzip: "gzip"
        case .bzip2: "bzip2"
        case .xz: "xz"
        default: "zstd"
        }
    }
}
