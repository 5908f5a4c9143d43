// Association rules fit benchmark (see BENCHMARKS.md, "Association rules on 1 M baskets"):
// FP-Growth and rule generation with `AtelierAlgorithms.AssociationRules` on `baskets` (default
// 1,000,000) seeded synthetic luxury-retail baskets (`LuxuryBaskets`), at the thresholds the
// `train:association_rules` pipeline uses by default (`BoughtTogetherParameters`: support 0.001
// with a floor of 5 baskets, confidence 0.05, lift 1, max length 3) and at a tenth of that support.
// Items are SKU strings, as the pipeline mines them. Prints, per setting, wall and CPU seconds of
// `fit`, itemset and rule counts, a digest of the result (to check that a faster fit finds the
// same itemsets and rules), and the peak resident memory during the fit (VmHWM, reset before it).
//
//   Benchmarks/RulesFit/run.sh [baskets] [default|low|both]
//   Benchmarks/RulesFit/run.sh [baskets] dump   # the same baskets as `basket<TAB>sku` lines on
//                                               # stdout, for scripts/bench-rules to load
import AtelierAlgorithms
import Foundation

/// Resets VmHWM to the current resident size (Linux ≥ 4.0), so the next peak is the fit's own.
func resetPeakMemory() {
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
}

/// FNV-1a over every itemset and rule with its counts, in the fitted order.
func digest(_ fitted: FittedAssociationRules<String>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ text: String) {
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
    }
    for itemset in fitted.frequentItemsets {
        mix(itemset.items.joined(separator: ",") + "=\(itemset.supportCount);")
    }
    for rule in fitted.rules {
        mix(rule.antecedent.joined(separator: ",") + ">" + rule.consequent.joined(separator: ",") + "=\(rule.supportCount);")
    }
    return hash
}

let arguments = CommandLine.arguments
let basketCount = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
let which = arguments.count > 2 ? arguments[2] : "both"

var generator = LuxuryBaskets(seed: 20_261_124)
if which == "dump" {
    var output = ""
    for basket in 0..<basketCount {
        for sku in generator.nextBasket() {
            output += "\(basket)\t\(sku)\n"
        }
        if output.utf8.count > 1 << 20 {
            FileHandle.standardOutput.write(Data(output.utf8))
            output = ""
        }
    }
    FileHandle.standardOutput.write(Data(output.utf8))
    exit(0)
}
let generated = measure {
    (0..<basketCount).map { _ in generator.nextBasket().map(LuxuryBaskets.name) }
}
let baskets = generated.value
let lines = baskets.reduce(0) { $0 + $1.count }
let distinct = Set(baskets.joined()).count
print(String(
    format: "data: %d baskets, %d lines (%.2f per basket), %d distinct SKUs of %d, %d families; generated in %.1f s; resident %.0f MB",
    basketCount, lines, Double(lines) / Double(basketCount), distinct, generator.skuCount, generator.familyCount,
    generated.wall, statusMegabytes("VmRSS")))

// The pipeline's floor: max(minSupportCount, ceil(minSupport × baskets)).
let settings: [(name: String, minSupport: Double)] = [("default", 0.001), ("low", 0.0001)]
for setting in settings where which == "both" || which == setting.name {
    let floor = max(5, Int((setting.minSupport * Double(basketCount)).rounded(.up)))
    let parameters = AssociationRuleParameters(
        minSupport: .count(floor), minConfidence: 0.05, minLift: 1, maxLength: 3)
    resetPeakMemory()
    let before = statusMegabytes("VmRSS")
    let fit = try measure { try AssociationRules(parameters: parameters).fit(transactions: baskets) }
    let peak = statusMegabytes("VmHWM")
    print(String(
        format: "%@ (support %g = %d baskets, confidence 0.05, lift 1, max length 3): %.2f s wall, %.2f s CPU; %d itemsets, %d rules; digest %016llx; resident before %.0f MB, peak during fit %.0f MB (+%.0f MB)",
        setting.name, setting.minSupport, floor, fit.wall, fit.cpu, fit.value.frequentItemsets.count,
        fit.value.rules.count, digest(fit.value), before, peak, peak - before))
}
print(String(format: "process peak resident memory: %.0f MB (since the last reset)", statusMegabytes("VmHWM")))
