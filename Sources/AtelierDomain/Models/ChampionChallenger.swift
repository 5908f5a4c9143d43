/// The registry's rule for a trained version whose metric is higher-is-better: it goes into
/// service when nothing serves, when the serving version's parameters could not be refitted
/// on the same holdout, or when it is not worse than them there; otherwise it is rejected.
/// The reason names both figures (`describe` writes them).
enum ChampionChallenger {
    static func decide(
        challenger: Double, champion: Double?, serving: Int?, describe: (_ champion: Double, _ serving: Int) -> String
    ) -> (promote: Bool, reason: String) {
        guard let serving else { return (true, "serving: no version was serving") }
        guard let champion else { return (true, "serving: version \(serving)'s parameters could not be refitted") }
        let figures = describe(champion, serving)
        return challenger >= champion ? (true, "serving: " + figures) : (false, "rejected: " + figures)
    }
}
