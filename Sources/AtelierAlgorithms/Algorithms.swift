/// Atelier's learning algorithms, pure Swift with no I/O: plain values in, plain values
/// out, deterministic for a given seed. Each estimator follows scikit-learn's pattern:
/// parameters in, `fit`, then `predict`, with the fitted state kept separately.
/// The foundation issue adds none yet; the recommendation, segmentation and scoring issues do.
public enum Algorithms {}
