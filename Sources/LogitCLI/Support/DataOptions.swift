import ArgumentParser
import Logit

/// Where the labelled data comes from: `--data`, `--labels`, `--label`, `--precision`,
/// and how to read a CSV file's columns: `--delimiter`, `--features`, `--drop`,
/// `--id-column`; `--class-names` for .npy labels.
struct DataOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Training data: a CSV file (header row, one label column) or a .npy feature matrix; '-' reads CSV from standard input. Default: the embedded Raisin data set.",
                               valueName: "file"))
    var data: String?

    @Option(help: ArgumentHelp("Labels for .npy data: a .npy file of integer labels, one per row.", valueName: "file"))
    var labels: String?

    @Option(help: ArgumentHelp("The CSV column holding the labels (default: the last column; 'Class' for Raisin).",
                               valueName: "name"))
    var label: String?

    @Option(help: ArgumentHelp("CSV field separator: one character (',' ';' '|') or 'tab'. Default: tab for .tsv files, else ','.",
                               valueName: "char"))
    var delimiter: String?

    @Option(help: ArgumentHelp("The CSV feature columns, comma-separated, in this order (default: every column but the label, --drop and --id-column).",
                               valueName: "col,..."))
    var features: String?

    @Option(help: ArgumentHelp("CSV columns that are not features (identifiers, text), comma-separated; they are not read.",
                               valueName: "col,..."))
    var drop: String?

    @Option(help: ArgumentHelp("A CSV identifier column: never a feature (logit predict echoes it).", valueName: "name"))
    var idColumn: String?

    @Option(help: ArgumentHelp("Names of the classes of .npy labels, comma-separated, in ascending order of the label values.",
                               valueName: "name,..."))
    var classNames: String?

    @Option(name: .customLong("precision"),
            help: "Precision to compute in: float or double (default: a .npy file's own, float for float32; else double).")
    var precisionChoice: Precision?

    /// `--images DIR` and its settings (issue 15).
    @OptionGroup var imageOptions: ImageOptions

    @Flag(name: .customLong("skip-invalid"), help: "With --images: leave out image files that cannot be used (each reported as a warning) instead of failing.")
    var skipInvalid = false

    /// The precision in force: `--precision`, else the .npy feature file's own
    /// (so a float32 file is memory-mapped as it is, not widened into a
    /// double copy), else double.
    var precision: Precision {
        if let precisionChoice { return precisionChoice }
        if let data, DataSource.isNPY(path: data), let header = try? NPYLoader.header(path: data),
           header.elementType == .float32 {
            return .float
        }
        return .double
    }

    func validate() throws {
        if let images = imageOptions.images {
            if let data { throw ValidationError("give --data \(data) or --images \(images), not both") }
            if labels != nil || label != nil || classNames != nil {
                throw ValidationError("--images \(images) takes its labels from the subfolder names: --labels, --label and --class-names are for --data")
            }
        } else if imageOptions.givesSettings || skipInvalid {
            throw ValidationError("--image-size, --color and --skip-invalid are for an image folder given with --images DIR")
        }
        if labels != nil && data == nil {
            throw ValidationError("--labels needs --data (a .npy feature matrix)")
        }
        if let data, let labels, !DataSource.isNPY(path: data) {
            throw ValidationError("--labels \(labels) is only for .npy data, but --data \(data) is CSV (its labels are the --label column)")
        }
        if let data, DataSource.isNPY(path: data), labels == nil {
            throw ValidationError("--data \(data) is a .npy matrix: give its labels with --labels FILE")
        }
        if let data, let label, DataSource.isNPY(path: data) {
            throw ValidationError("--label \(label) names a CSV column, but --data \(data) is .npy (use --labels FILE)")
        }
        let csvOnly: [(String, String?)] = [("--delimiter", delimiter), ("--features", features), ("--drop", drop),
                                            ("--id-column", idColumn)]
        for (name, value) in csvOnly where value != nil {
            if data == nil { throw ValidationError("\(name) is for CSV data given with --data FILE") }
            if let data, DataSource.isNPY(path: data) { throw ValidationError("\(name) is for CSV data, but --data \(data) is .npy") }
        }
        if let classNames, !(data.map(DataSource.isNPY(path:)) ?? false) {
            throw ValidationError("--class-names \(classNames) names .npy labels; CSV labels are named in the file")
        }
        if let delimiter { _ = try CSVOptions.parseDelimiter(delimiter) }
    }

    /// The CSV options these flags give.
    var csvOptions: CSVOptions {
        CSVOptions(delimiter: delimiter.flatMap { try? CSVOptions.parseDelimiter($0) },
                   features: features.map(CSVOptions.parseList), dropped: drop.map(CSVOptions.parseList) ?? [],
                   idColumn: idColumn)
    }

    /// The data source these options name.
    var source: DataSource {
        if let images = imageOptions.images {
            return .images(ImageSource(path: images, loader: imageOptions.loader(skipInvalid: skipInvalid)))
        }
        guard let data else { return .raisin }
        if DataSource.isNPY(path: data), let labels {
            return .npy(features: data, labels: labels, classNames: classNames.map(CSVOptions.parseList))
        }
        return .csv(path: data, labelColumn: label, options: csvOptions)
    }
}
