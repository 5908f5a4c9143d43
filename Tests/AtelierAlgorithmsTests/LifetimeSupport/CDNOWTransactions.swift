import AtelierAlgorithms
import Foundation

/// CDNOW purchases from the files of the lifetimes 0.11.3 wheel, read as the reference scripts
/// (scripts/reference/lifetime_reference.py, logistic_reference.py) read them with pandas.
///
/// `CDNOW_sample.txt`: no header; master customer id, sample index, date, CDs, amount.
/// `CDNOW_master.txt`: a header line; customer id, date, CDs, amount.
struct CDNOWTransactions: Sendable {
    enum File: String {
        case sample = "CDNOW_sample.txt"
        case master = "CDNOW_master.txt"

        var dateColumn: Int { self == .sample ? 2 : 1 }
        var amountColumn: Int { self == .sample ? 4 : 3 }
    }

    enum ReadError: Error, CustomStringConvertible {
        case missing(String)
        case malformed(file: String, line: Int)

        var description: String {
            switch self {
            case .missing(let path):
                "\(path) is missing: run scripts/data/fetch-public-data.sh (it takes CDNOW from the lifetimes wheel with pip)"
            case .malformed(let file, let line):
                "\(file) line \(line) is not `id [index] YYYYMMDD cds amount`"
            }
        }
    }

    /// The calibration end of the published fit and of the propensity task: 1997-09-30.
    static let calibrationEndDay = CivilDay.days(year: 1997, month: 9, day: 30)

    let transactions: [CustomerTransaction<String>]

    /// Each file is read once per test run (several suites use it); a missing file stays an
    /// error that every test using it reports.
    static let sample = Result { try CDNOWTransactions(.sample) }
    static let master = Result { try CDNOWTransactions(.master) }

    /// `.data/cdnow/<file>` at the repository root, or under `ATELIER_DATA_DIR` when set.
    static func path(of file: File) -> String {
        if let directory = ProcessInfo.processInfo.environment["ATELIER_DATA_DIR"] {
            return directory + "/cdnow/" + file.rawValue
        }
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".data/cdnow/" + file.rawValue).path
    }

    init(_ file: File) throws {
        let path = Self.path(of: file)
        guard FileManager.default.fileExists(atPath: path) else { throw ReadError.missing(path) }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var transactions: [CustomerTransaction<String>] = []
        // The files end lines with CRLF, which Swift reads as one Character, not as "\n".
        for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            if file == .master, index == 0 { continue }
            let fields = line.split(whereSeparator: \.isWhitespace)
            guard fields.count == (file == .sample ? 5 : 4),
                  let date = Int(fields[file.dateColumn]),
                  let amount = Double(fields[file.amountColumn])
            else { throw ReadError.malformed(file: file.rawValue, line: index + 1) }
            transactions.append(CustomerTransaction(
                customerID: String(fields[0]), day: CivilDay.days(yyyymmdd: date), amount: amount))
        }
        self.transactions = transactions
    }

    /// The weekly RFM summary at the calibration end, as the reference scripts build it.
    func weeklySummary() throws -> [CustomerRFM<String>] {
        try RepeatPurchaseSummarizer(observationEndDay: Self.calibrationEndDay, daysPerPeriod: 7)
            .summarize(transactions)
    }
}
