import Foundation
import LogitNumerics

/// The Raisin data set, shipped with the package: 900 raisin grains (450
/// Kecimen, 450 Besni), each described by 7 morphological features measured from
/// images, for binary classification.
///
/// Classes follow ``LabelEncoder``'s (scikit-learn's) order: Besni = 0,
/// Kecimen = 1. The file lists all Kecimen rows first: shuffle or stratify
/// before any split.
///
/// Source and licence: UCI Machine Learning Repository, data set 850 "Raisin"
/// (doi 10.24432/C5660T), licensed CC BY 4.0 (redistribution allowed with
/// attribution). Cinar I., Koklu M., Tasdemir S. (2020), "Classification of
/// Raisin Grains Using Machine Vision and Artificial Intelligence Methods",
/// Gazi Journal of Engineering Sciences 6(3), 200–209, doi 10.30855/gmbd.2020.03.03.
/// The attribution is kept in `Resources/Raisin/README.md` beside the CSV.
public enum RaisinDataset {
    /// The 7 feature names, in column order.
    public static let featureNames = [
        "Area", "MajorAxisLength", "MinorAxisLength", "Eccentricity", "ConvexArea", "Extent", "Perimeter",
    ]
    /// The class names in class-index order: Besni = 0, Kecimen = 1.
    public static let classNames = ["Besni", "Kecimen"]
    /// The number of rows, 900.
    public static let count = 900

    /// The location of the embedded `Raisin_Dataset.csv`.
    ///
    /// - Throws: ``DataError`` when the resource is missing from the bundle.
    ///   (SwiftPM's generated `Bundle.module` itself stops the program when the
    ///   resource bundle was removed from beside the executable and from the
    ///   build folder; nothing in this package can catch that.)
    public static func csvURL() throws(DataError) -> URL {
        guard let url = Bundle.module.url(forResource: "Raisin_Dataset", withExtension: "csv",
                                          subdirectory: "Raisin") else {
            throw DataError("Raisin_Dataset.csv is missing from the Logit resource bundle")
        }
        return url
    }

    /// Deprecated: use ``Dataset/raisin()``, the one way to load it.
    @available(*, deprecated, renamed: "Dataset.raisin()", message: "use Dataset<T>.raisin()")
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func load<T: LogitScalar>(as _: T.Type = T.self) throws(DataError) -> Dataset<T> {
        try Dataset<T>.raisin()
    }
}

extension Dataset {
    /// The embedded Raisin data set (see ``RaisinDataset``): 900 × 7 features,
    /// label column "Class", classes Besni = 0 and Kecimen = 1.
    ///
    /// - Throws: ``DataError`` when the resource is missing from the bundle.
    /// - Complexity: parses a 55 KB file, well under a millisecond in release builds.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func raisin() throws(DataError) -> Dataset {
        try CSVLoader(labelColumn: "Class").load(path: RaisinDataset.csvURL().path, as: Scalar.self)
    }
}
